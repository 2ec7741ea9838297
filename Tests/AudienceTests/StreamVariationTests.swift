import Audience
import Foundation
import SimCore
import Testing

/// Stream-to-stream variation (`variation:`, Docs/model.md): one day draw per
/// stream, shared by everyone in it, keyed by (seed, replication, purpose).
@Suite struct StreamVariationTests {
    /// One steady search channel and nothing that feeds back on arrivals (no
    /// re-entries, no shares, no start-up abandonment): views are exactly
    /// the Poisson arrivals of the channel, N ~ Poisson(λT · M).
    static func steadyStream(perMinute: Double = 100, minutes: Double = 10) -> StreamConfiguration {
        var c = StreamConfiguration()
        c.name = "steady"
        c.durationMinutes = minutes
        var search = SearchChannel()
        search.perMinute = perMinute
        c.channels.search = search
        c.viewers.reentryProbability = 0
        c.viewers.interactionsPerMinuteAtReference = 0
        return c
    }

    static func with(_ c: StreamConfiguration, _ v: StreamVariation?) -> StreamConfiguration {
        var c = c
        c.variation = v
        return c
    }

    /// (a) An all-zero section is the absent one, bit for bit (every field of
    /// the result, compared through its full description).
    @Test func anAllZeroSectionChangesNothing() throws {
        let base = Fixtures.promotedStream()
        let off = try Simulation(configuration: base)
        let zero = try Simulation(configuration: Self.with(base, StreamVariation(trafficSd: 0, conversionSd: 0, staySd: 0)))
        for r in 0..<3 {
            let a = off.run(seed: 11, replication: r), b = zero.run(seed: 11, replication: r)
            #expect(b.day == .none)
            #expect(String(describing: a) == String(describing: b), "replication \(r)")
        }
    }

    /// (b) With only trafficSd on, Var(log views) = trafficSd² + the
    /// within-stream variance. log N = log M + log(N/M) with log M ~
    /// N(0, σ²) independent of the Poisson noise, whose variance given M is
    /// ≈ 1/(λT·M); its mean over M is e^{σ²/2}/(λT), 3% above the off runs'
    /// 1/(λT) = 0.001 (a 3·10⁻⁵ bias, far below the error bound).
    /// Sampling error: log N is close to normal, so a sample variance of n
    /// values has Var(S²) = 2τ⁴/(n − 1); the two runs' variances are
    /// independent enough to add (on: τ² ≈ σ² + v; off: v), so
    /// SE² = 2(τ⁴ + v²)/(n − 1). Fails beyond 4 SE (GSL's randist tests use 3
    /// for moments; 4 allows for log N's small excess kurtosis).
    @Test func trafficVarianceAddsToTheWithinStreamVariance() throws {
        let sd = 0.25, n = 2_000
        let base = Self.steadyStream()
        let off = try Simulation(configuration: base)
        let on = try Simulation(configuration: Self.with(base, StreamVariation(trafficSd: sd)))
        func logViews(_ s: Simulation) -> [Double] {
            ParallelReplications.map(count: n, jobs: 2) { r in log(s.run(seed: 5, replication: r).kpis[.views]!) }
        }
        func variance(_ xs: [Double]) -> Double {
            let m = xs.reduce(0, +) / Double(xs.count)
            return xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count - 1)
        }
        let within = variance(logViews(off)), total = variance(logViews(on))
        let expected = sd * sd + within
        let se = (2 * (expected * expected + within * within) / Double(n - 1)).squareRoot()
        // Views are Poisson here (no re-entries, no shares): Var(log N) ≈ 1/(λT) = 0.001 (the delta method's next term is 10⁻⁶),
        // and its sample variance has SE = 0.001 · √(2/(n − 1)).
        let withinSE = 0.001 * (2 / Double(n - 1)).squareRoot()
        #expect(abs(within - 0.001) < 4 * withinSE, "within-stream variance \(within) vs 1/(λT) = 0.001 ± 4 × \(withinSE)")
        #expect(abs(total - expected) < 4 * se, "Var(log views) \(total) vs expected \(expected) ± 4 × \(se)")
    }

    /// (c) Two scenarios run on the same seed share every day's z, whatever
    /// else they change (even the sds); a replication's result does not
    /// depend on how many jobs ran the replications.
    @Test func dayDrawsArePairedAndIndependentOfJobs() throws {
        let a = StreamVariation(trafficSd: 0.25, conversionSd: 0.15, staySd: 0.1)
        let b = StreamVariation(trafficSd: 0.5, conversionSd: 0.3, staySd: 0.2)
        var other = Self.steadyStream(perMinute: 40)
        other.viewers.meanStaySecondsAtReference = 300
        let simA = try Simulation(configuration: Self.with(Self.steadyStream(), a))
        let simB = try Simulation(configuration: Self.with(other, a))
        var distinct = Set<Double>()
        for r in 0..<8 {
            let da = simA.run(seed: 9, replication: r).day, db = simB.run(seed: 9, replication: r).day
            #expect(da == db, "replication \(r): the same draws in two scenarios that agree on variation")
            #expect(da == DayDraws(a, seed: 9, replication: r))
            let doubled = DayDraws(b, seed: 9, replication: r)
            #expect(abs(log(doubled.trafficMultiplier) - 2 * log(da.trafficMultiplier)) < 1e-12)
            #expect(abs(doubled.conversionShift - 2 * da.conversionShift) < 1e-12)
            #expect(abs(log(doubled.stayMultiplier) - 2 * log(da.stayMultiplier)) < 1e-12)
            // The three draws come from three streams: not one number three times.
            #expect(abs(log(da.trafficMultiplier) / 0.25 - da.conversionShift / 0.15) > 1e-9)
            distinct.insert(da.trafficMultiplier)
        }
        #expect(distinct.count == 8, "every replication draws its own day")
        let mixed = try Simulation(configuration: Self.with(Fixtures.mixedStream(), a))
        let one = ParallelReplications.map(count: 6, jobs: 1) { String(describing: mixed.run(seed: 4, replication: $0)) }
        let three = ParallelReplications.map(count: 6, jobs: 3) { String(describing: mixed.run(seed: 4, replication: $0)) }
        #expect(one == three)
    }

    /// (d) For a fixed draw each variation moves what it should, in the right
    /// direction, against the same replication without variation (common
    /// random numbers: the same viewers, the same uniforms). Traffic: a
    /// multiplier above 1 compresses the same exponential gaps, so more
    /// arrivals fit in the stream. Conversion: a positive shift raises every
    /// purchase probability, and nothing in this stream feeds purchases back
    /// into arrivals or clicks (no room weight, no stock limit), so orders
    /// can only rise. Stay: a multiplier above 1 shortens stays; only draws
    /// moving the hazard by 15% or more are checked (the mean stay of a few
    /// thousand views is known to about 2%).
    @Test func eachDrawMovesItsKPIInTheRightDirection() throws {
        let base = Fixtures.mixedStream()
        let off = try Simulation(configuration: base)
        let traffic = try Simulation(configuration: Self.with(base, StreamVariation(trafficSd: 0.3)))
        let conversion = try Simulation(configuration: Self.with(base, StreamVariation(conversionSd: 0.4)))
        let stay = try Simulation(configuration: Self.with(base, StreamVariation(staySd: 0.4)))
        var checked = (traffic: 0, conversion: 0, stay: 0)
        for r in 0..<10 {
            let o = off.run(seed: 21, replication: r)
            let t = traffic.run(seed: 21, replication: r)
            let m = t.day.trafficMultiplier
            if abs(log(m)) > 0.02 {
                checked.traffic += 1
                #expect(m > 1 ? t.kpis[.views]! > o.kpis[.views]! : t.kpis[.views]! < o.kpis[.views]!,
                        "replication \(r): traffic × \(m), views \(t.kpis[.views]!) vs \(o.kpis[.views]!)")
            }
            let c = conversion.run(seed: 21, replication: r)
            let shift = c.day.conversionShift
            if abs(shift) > 0.05 {
                checked.conversion += 1
                #expect(shift > 0 ? c.kpis[.orders]! > o.kpis[.orders]! : c.kpis[.orders]! < o.kpis[.orders]!,
                        "replication \(r): log-odds \(shift), orders \(c.kpis[.orders]!) vs \(o.kpis[.orders]!)")
                #expect(c.kpis[.views]! == o.kpis[.views]!, "a conversion shift moves no arrival")
            }
            let s = stay.run(seed: 21, replication: r)
            let k = s.day.stayMultiplier
            if abs(log(k)) > 0.15 {
                checked.stay += 1
                let a = s.kpis[.averageStaySeconds]!, b = o.kpis[.averageStaySeconds]!
                #expect(k > 1 ? a < b : a > b, "replication \(r): leave × \(k), average stay \(a) vs \(b)")
            }
        }
        #expect(checked.traffic >= 5 && checked.conversion >= 5 && checked.stay >= 4, "draws checked: \(checked)")
    }

    /// (e) Negative or absurd sds are refused, each with its path and value
    /// (the ranges of ``StreamVariation/fieldRanges``).
    @Test func validationRefusesNegativeAndAbsurdSds() throws {
        let c = Self.with(Self.steadyStream(), StreamVariation(trafficSd: -0.1, conversionSd: 5, staySd: .nan))
        let issues = Dictionary(c.validate().map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(issues["variation.trafficSd"]?.value == "-0.1")
        #expect(issues["variation.conversionSd"]?.value == "5")
        #expect(issues["variation.staySd"] != nil)
        #expect(issues["variation.conversionSd"]?.expected == ValueRange.from(0, upTo: 1).expected())
        #expect(throws: InvalidConfiguration.self) { try Simulation(configuration: c) }
        #expect(Self.with(Self.steadyStream(), StreamVariation(trafficSd: 1, conversionSd: 0, staySd: 0.5)).validate().isEmpty)
    }
}
