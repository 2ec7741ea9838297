import Audience
import CGSL
import Experiments
import Foundation
import SimCore

/// How long an A/B test must run: simulated tests at each length, each
/// comparing n streams of the control with n of the treatment by Welch's
/// t-test, the way a real test would — independent streams with their
/// day-to-day variation, no common random numbers. The library form of
/// `livesim abtest`.
///
/// Each arm's streams are simulated once, `pool` of them on the arm's own
/// seed (a hash of the seed and the arm); each simulated test draws its n
/// streams per arm at random without replacement from that arm's pool (its
/// own draw, seeded by the length and the test's number). Within a test the
/// streams are distinct; across tests they recur when simulations × n
/// exceeds the pool, so the power estimated is the power against the pool's
/// streams, whose sampling error the pool's size bounds. The false-positive
/// rate is the same test run as an A/A test: two disjoint groups of n drawn
/// from the control's pool.
///
///     let plan = try ABTestLoader.load(file: "Scenarios/abtest/opening-price.yaml")
///     let outcome = try ABTestPlan(plan, jobs: 2).run()
///     print(outcome.streamsPerArmNeeded ?? "more than tested", outcome.rows.map(\.power))
public struct ABTestPlan: Sendable {
    public let definition: ABTestDefinition
    public let jobs: Int

    public init(_ definition: ABTestDefinition, jobs: Int) throws(ExperimentError) {
        try ReplicationSettings.check(jobs: jobs)
        self.definition = definition
        self.jobs = jobs
    }

    /// z₁₋α/₂ + z_power: the detectable difference in standard errors.
    static func zSum(_ d: ABTestDefinition) -> Double {
        GSLSetup.ensureConfigured()
        return gsl_cdf_ugaussian_Qinv(d.alpha / 2) + gsl_cdf_ugaussian_Pinv(d.power)
    }

    /// The seed of arm `i`'s streams: independent of the other arm's.
    static func armSeed(_ seed: UInt64, arm: Int) -> UInt64 { SplitMix64.combine(SplitMix64.mix(seed), UInt64(arm + 1)) & ((1 << 53) - 1) }

    /// Simulates the arms' pools and the tests (design `streams`), or the
    /// split impressions (design `viewers`).
    public func run(progress: ProgressHandler? = nil) throws -> ABTestOutcome {
        let d = definition
        if d.design == .viewers { return try runViewers() }
        // Both arms' pools as one pool of tasks, each arm on its own seed.
        var pools: [[Double]] = [[], []]
        let tasks = (0..<2).flatMap { arm in (0..<d.pool).map { ReplicationRunner.Task(model: arm, seed: Self.armSeed(d.seed, arm: arm), replication: $0) } }
        try ReplicationRunner.run(tasks: tasks, models: ModelCache { arm in try Replicable(try d.scenario(arm: arm)) }, jobs: jobs,
                                  consume: { task, o in pools[task.model].append(o.kpis[d.metric] ?? .nan) },
                                  progress: { done in progress?(ExperimentProgress(replicationsDone: done, replicationsTotal: 2 * d.pool)) })
        for arm in 0..<2 where !pools[arm].allSatisfy(\.isFinite) {
            throw ExperimentError.badInput("\(d.file): metric \(d.metric.key) is undefined in some streams of arm \(d.arms[arm].name); expected a KPI every stream defines (a total rather than a ratio)")
        }
        var rows: [ABTestOutcome.Row] = []
        for n in d.streamsPerArm {
            var rejections = 0, falsePositives = 0, difference = 0.0
            var random = SplitMix64(seed: SplitMix64.combine(d.seed, UInt64(n)))
            for _ in 0..<d.simulations {
                let a = Self.draw(pools[0], count: n, using: &random), b = Self.draw(pools[1], count: n, using: &random)
                if Welch.test(a, b, alpha: d.alpha) { rejections += 1 }
                difference += Welch.mean(b) - Welch.mean(a)
                let both = Self.draw(pools[0], count: 2 * n, using: &random)
                if Welch.test(Array(both[..<n]), Array(both[n...]), alpha: d.alpha) { falsePositives += 1 }
            }
            let (low, high) = Wilson.interval(successes: rejections, trials: d.simulations)
            rows.append(.init(streamsPerArm: n, power: Double(rejections) / Double(d.simulations), powerCiLow: low, powerCiHigh: high,
                              meanDifference: difference / Double(d.simulations),
                              falsePositiveRate: Double(falsePositives) / Double(d.simulations),
                              detectableDifference: Self.zSum(d) * ((Welch.variance(pools[0]) + Welch.variance(pools[1])) / Double(n)).squareRoot()))
        }
        let effect = Welch.interval(pools[1], pools[0], level: 0.95)
        return ABTestOutcome(definition: d, rows: rows, effect: effect,
                             streamsPerArmNeeded: rows.first { $0.power >= d.power }?.streamsPerArm,
                             controlMean: Welch.mean(pools[0]), controlSd: Welch.sd(pools[0]), treatmentSd: Welch.sd(pools[1]))
    }

    /// `count` distinct elements of `values`, at random (a partial Fisher–Yates shuffle).
    static func draw(_ values: [Double], count: Int, using random: inout SplitMix64) -> [Double] {
        var indices = Array(values.indices)
        for i in 0..<count {
            let j = i + Int(random.next() % UInt64(indices.count - i))
            indices.swapAt(i, j)
        }
        return indices.prefix(count).map { values[$0] }
    }
}

extension ABTestPlan {
    /// Design `viewers`: each impression of the feed goes to arm A or B and
    /// becomes an entry with the arm's exposure→entry rate (its cover
    /// click-through); m impressions per arm give Binomial(m, p) entries per
    /// arm, compared by the two-sided two-proportion z-test (pooled variance).
    /// The day is shared by both arms, so stream-to-stream variation does not
    /// enter. Simulated tests (binomial draws) beside the exact power (the
    /// binomial probabilities summed over the rejection region), and the
    /// fewest impressions per arm whose exact power reaches the target.
    func runViewers() throws -> ABTestOutcome {
        let d = definition
        let rates = try (0..<2).map { i -> Double in try d.scenario(arm: i).document.channels.feed?.coverClickThrough ?? 0 }
        let base = try d.scenario(arm: 0).document
        let impressionsPerStream = (base.channels.feed?.impressionsPerMinute ?? 0) * base.stream.durationMinutes
        var rows: [ABTestOutcome.Row] = []
        var random = RandomStream(seed: SplitMix64.combine(d.seed, 0xAB))
        for m in d.impressionsPerArm {
            var rejections = 0, falsePositives = 0, difference = 0.0
            for _ in 0..<d.simulations {
                let a = random.binomial(trials: m, probability: rates[0]), b = random.binomial(trials: m, probability: rates[1])
                if TwoProportions.rejects(a, b, m, alpha: d.alpha) { rejections += 1 }
                difference += Double(b - a) / Double(m)
                let a2 = random.binomial(trials: m, probability: rates[0])
                if TwoProportions.rejects(a, a2, m, alpha: d.alpha) { falsePositives += 1 }
            }
            let (low, high) = Wilson.interval(successes: rejections, trials: d.simulations)
            rows.append(.init(streamsPerArm: m, power: Double(rejections) / Double(d.simulations), powerCiLow: low, powerCiHigh: high,
                              meanDifference: difference / Double(d.simulations),
                              falsePositiveRate: Double(falsePositives) / Double(d.simulations),
                              exactPower: TwoProportions.exactPower(m, rates[0], rates[1], alpha: d.alpha),
                              detectableDifference: Self.zSum(d) * (2 * rates[0] * (1 - rates[0]) / Double(m)).squareRoot()))
        }
        let needed = TwoProportions.impressionsNeeded(rates[0], rates[1], alpha: d.alpha, power: d.power)
        return ABTestOutcome(definition: d, rows: rows, effect: (rates[1] - rates[0], rates[1] - rates[0], rates[1] - rates[0]),
                             streamsPerArmNeeded: nil, controlMean: rates[0], controlSd: (rates[0] * (1 - rates[0])).squareRoot(),
                             treatmentSd: (rates[1] * (1 - rates[1])).squareRoot(), impressionsPerArmNeeded: needed,
                             impressionsPerStream: impressionsPerStream)
    }
}

/// The two-sided two-proportion z-test with pooled variance, and its exact power.
enum TwoProportions {
    /// Whether x of m against y of m differ at `alpha`.
    static func rejects(_ x: Int, _ y: Int, _ m: Int, alpha: Double) -> Bool {
        let pooled = Double(x + y) / Double(2 * m)
        let se = (pooled * (1 - pooled) * 2 / Double(m)).squareRoot()
        guard se > 0 else { return false }
        GSLSetup.ensureConfigured()
        return abs(Double(y - x) / Double(m)) / se > gsl_cdf_ugaussian_Qinv(alpha / 2)
    }

    /// The probability that the test rejects when the arms' rates are pA and pB:
    /// the binomial probabilities of every (x, y) in the rejection region,
    /// summed over each count's range of non-negligible probability (12 sd).
    static func exactPower(_ m: Int, _ pA: Double, _ pB: Double, alpha: Double) -> Double {
        GSLSetup.ensureConfigured()
        func range(_ p: Double) -> ClosedRange<Int> {
            let sd = (Double(m) * p * (1 - p)).squareRoot(), mean = Double(m) * p
            return max(0, Int(mean - 12 * sd - 2))...min(m, Int(mean + 12 * sd + 2))
        }
        let xs = range(pA), ys = range(pB)
        let px = xs.map { gsl_ran_binomial_pdf(UInt32($0), pA, UInt32(m)) }, py = ys.map { gsl_ran_binomial_pdf(UInt32($0), pB, UInt32(m)) }
        var total = 0.0
        for (i, x) in xs.enumerated() where px[i] > 0 {
            var inner = 0.0
            for (j, y) in ys.enumerated() where rejects(x, y, m, alpha: alpha) { inner += py[j] }
            total += px[i] * inner
        }
        return total
    }

    /// The fewest impressions per arm whose exact power reaches `power`: the
    /// normal approximation's answer, then the exact power walked to it (nil
    /// when the rates are equal).
    static func impressionsNeeded(_ pA: Double, _ pB: Double, alpha: Double, power: Double) -> Int? {
        guard pA != pB else { return nil }
        GSLSetup.ensureConfigured()
        let za = gsl_cdf_ugaussian_Qinv(alpha / 2), zb = gsl_cdf_ugaussian_Pinv(power)
        let bar = (pA + pB) / 2
        let approx = pow(za * (2 * bar * (1 - bar)).squareRoot() + zb * (pA * (1 - pA) + pB * (1 - pB)).squareRoot(), 2) / pow(pB - pA, 2)
        var m = max(2, Int(approx.rounded(.up)))
        // The exact power is not monotone by a unit (the lattice of counts): step by about 0.5%.
        let step = max(1, m / 200)
        if exactPower(m, pA, pB, alpha: alpha) >= power {
            while m - step >= 2, exactPower(m - step, pA, pB, alpha: alpha) >= power { m -= step }
        } else {
            while exactPower(m, pA, pB, alpha: alpha) < power { m += step }
        }
        return m
    }
}

/// What the simulated tests showed.
public struct ABTestOutcome: Sendable {
    public struct Row: Sendable, Equatable {
        public var streamsPerArm: Int
        /// Share of simulated tests that found the difference (two-sided, at α).
        public var power: Double
        /// Wilson 95% interval of that share.
        public var powerCiLow: Double
        public var powerCiHigh: Double
        /// The mean over the simulated tests of (treatment − control).
        public var meanDifference: Double
        /// Share of simulated A/A tests of the control that "found" a difference.
        public var falsePositiveRate: Double
        /// Design `viewers`: the test's exact power at this length (binomial probabilities).
        public var exactPower: Double? = nil
        /// The difference this length detects with the target power (normal
        /// approximation: (z₁₋α/₂ + z_power) × the difference's standard error
        /// from the control's and treatment's spread): what a planner can hope to see.
        public var detectableDifference: Double = .nan
    }

    public let definition: ABTestDefinition
    public let rows: [Row]
    /// Treatment − control over the whole pools, Welch's 95% interval.
    public let effect: (mean: Double, low: Double, high: Double)
    /// The shortest length tested whose power reaches the target; nil when none does.
    public let streamsPerArmNeeded: Int?
    public let controlMean: Double
    public let controlSd: Double
    public let treatmentSd: Double
    /// Design `viewers`: the fewest impressions per arm whose exact power reaches the target.
    public var impressionsPerArmNeeded: Int? = nil
    /// Design `viewers`: the feed's impressions in one stream of the base (before boosts and the room weight).
    public var impressionsPerStream: Double? = nil
    /// Design `viewers`: the streams that give those impressions, split half and half.
    public var streamsNeeded: Int? {
        guard let m = impressionsPerArmNeeded, let i = impressionsPerStream, i > 0 else { return nil }
        return Int((2 * Double(m) / i).rounded(.up))
    }
}

/// Welch's unequal-variance t-test.
enum Welch {
    static func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }
    static func variance(_ x: [Double]) -> Double {
        let m = mean(x)
        return x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(max(1, x.count - 1))
    }
    static func sd(_ x: [Double]) -> Double { variance(x).squareRoot() }

    /// The standard error of mean(b) − mean(a) and Welch–Satterthwaite's degrees of freedom.
    static func spread(_ b: [Double], _ a: [Double]) -> (se: Double, df: Double) {
        let va = variance(a) / Double(a.count), vb = variance(b) / Double(b.count)
        let df = (va + vb) * (va + vb) / (va * va / Double(a.count - 1) + vb * vb / Double(b.count - 1))
        return ((va + vb).squareRoot(), df.isFinite ? df : Double(a.count + b.count - 2))
    }

    /// Whether the two-sided test rejects equal means at `alpha`.
    static func test(_ a: [Double], _ b: [Double], alpha: Double) -> Bool {
        let (se, df) = spread(b, a)
        let difference = mean(b) - mean(a)
        guard se > 0 else { return difference != 0 }
        GSLSetup.ensureConfigured()
        return 2 * gsl_cdf_tdist_Q(abs(difference) / se, df) < alpha
    }

    /// mean(b) − mean(a) with Welch's interval at `level`.
    static func interval(_ b: [Double], _ a: [Double], level: Double) -> (mean: Double, low: Double, high: Double) {
        let (se, df) = spread(b, a)
        let difference = mean(b) - mean(a)
        GSLSetup.ensureConfigured()
        let t = gsl_cdf_tdist_Pinv(0.5 + level / 2, df)
        return (difference, difference - t * se, difference + t * se)
    }
}

/// Wilson's score interval for a binomial share (95%).
enum Wilson {
    static func interval(successes: Int, trials: Int) -> (Double, Double) {
        let n = Double(trials), p = Double(successes) / n, z = 1.959963984540054
        let centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        let half = z * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot() / (1 + z * z / n)
        return (max(0, centre - half), min(1, centre + half))
    }
}
