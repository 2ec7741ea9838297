import CGSL
import Foundation
import SimCore
import Testing

/// Non-homogeneous Poisson arrivals: the time-rescaling theorem (Brown et al.
/// 2002) says Λ(tᵢ) − Λ(tᵢ₋₁) are iid Exp(1), checked by KS; counts in fixed
/// windows are independent Poisson(∫λ), so Σ (N − m)² / m over J windows is
/// approximately χ²(J). Fixed seeds; rejected only at p < 0.001.
@Suite struct ArrivalProcessTests {
    struct Sine: Intensity {
        var base = 1.0, amplitude = 0.8, period = 900.0
        func rate(at t: Double) -> Double { base + amplitude * sin(2 * .pi * t / period) }
        func cumulative(at t: Double) -> Double { base * t + amplitude * period / (2 * .pi) * (1 - cos(2 * .pi * t / period)) }
    }

    /// All arrivals of `replications` independent realisations on [0, horizon).
    func realisations<P: ArrivalProcess>(_ make: () -> P, horizon: Double, replications: Int, seed: UInt64) -> [[Double]] {
        (0..<replications).map { r in
            var process = make()
            var stream = RandomStream(masterSeed: seed, replication: UInt64(r), stream: 0)
            var times: [Double] = []
            var t = 0.0
            while let next = process.nextArrival(after: t, before: horizon, using: &stream) {
                #expect(next > t && next < horizon)
                times.append(next); t = next
            }
            return times
        }
    }

    func checkRescaling(_ runs: [[Double]], cumulative: (Double) -> Double, _ what: String,
                        sourceLocation: SourceLocation = #_sourceLocation) {
        var gaps: [Double] = []
        for times in runs {
            var previous = 0.0
            for t in times { let c = cumulative(t); gaps.append(c - previous); previous = c }
        }
        let ks = GoodnessOfFit.kolmogorovSmirnov(gaps) { -expm1(-$0) }
        #expect(ks.pValue > 0.001, "\(what): time-rescaling KS D = \(ks.statistic), p = \(ks.pValue)", sourceLocation: sourceLocation)
    }

    func checkWindowCounts(_ runs: [[Double]], cumulative: (Double) -> Double, windows: [Double], _ what: String,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        var statistic = 0.0, cells = 0
        for times in runs {
            for (lower, upper) in zip(windows, windows.dropFirst()) {
                let expected = cumulative(upper) - cumulative(lower)
                let observed = Double(times.filter { $0 >= lower && $0 < upper }.count)
                statistic += (observed - expected) * (observed - expected) / expected
                cells += 1
            }
        }
        let p = gsl_cdf_chisq_Q(statistic, Double(cells))
        #expect(p > 0.001 && p < 0.999, "\(what): window counts χ² = \(statistic) on \(cells) df, p = \(p)", sourceLocation: sourceLocation)
    }

    @Test func piecewiseConstantByInversion() throws {
        let process = try #require(PiecewiseConstantRate(breakpoints: [0, 600, 1800, 3600], rates: [0.5, 2, 0.2]))
        let runs = realisations({ process }, horizon: 3600, replications: 40, seed: 1)
        checkRescaling(runs, cumulative: process.cumulative(at:), "piecewise")
        checkWindowCounts(runs, cumulative: process.cumulative(at:), windows: stride(from: 0.0, through: 3600, by: 300).map { $0 }, "piecewise")
        #expect(process.rate(at: 700) == 2 && process.rate(at: 3600) == 0 && process.rate(at: -1) == 0)
        // A horizon inside the support cuts the process there.
        let early = realisations({ process }, horizon: 500, replications: 5, seed: 2)
        #expect(early.allSatisfy { $0.allSatisfy { $0 < 500 } })
    }

    @Test func decayingBurstByInversion() throws {
        let burst = try #require(DecayingBurst(start: 100, expectedTotal: 1500, decayTime: 300))
        #expect(abs(burst.peakRate - 5) < 1e-12)
        let runs = realisations({ burst }, horizon: 3600, replications: 30, seed: 3)
        #expect(runs.allSatisfy { $0.allSatisfy { $0 >= 100 } })
        checkRescaling(runs, cumulative: burst.cumulative(at:), "burst")
        checkWindowCounts(runs, cumulative: burst.cumulative(at:), windows: [100, 160, 250, 400, 600, 900, 1300, 3600], "burst")
        // Total count is Poisson with mean Λ(3600) = 1500·(1 − e^(−35/3)): within 4 SE over 30 runs.
        let mean = Double(runs.map(\.count).reduce(0, +)) / 30
        let expected = burst.cumulative(at: 3600)
        #expect(abs(mean - expected) < 4 * (expected / 30).squareRoot(), "mean count \(mean) vs \(expected)")
    }

    @Test func smoothIntensityByThinning() throws {
        let sine = Sine()
        let majorant = PiecewiseConstantRate.constant(1.8, from: 0, to: 3600)
        var kept = 0, drawn = 0
        let runs = (0..<30).map { r -> [Double] in
            var process = ThinnedArrivals(intensity: sine, majorant: majorant)
            var stream = RandomStream(masterSeed: 4, replication: UInt64(r), stream: 0)
            var times: [Double] = [], t = 0.0
            while let next = process.nextArrival(after: t, before: 3600, using: &stream) { times.append(next); t = next }
            #expect(process.boundViolations == 0)
            kept += process.candidates - process.rejections; drawn += process.candidates
            return times
        }
        checkRescaling(runs, cumulative: sine.cumulative(at:), "thinning")
        checkWindowCounts(runs, cumulative: sine.cumulative(at:), windows: stride(from: 0.0, through: 3600, by: 225).map { $0 }, "thinning")
        // Acceptance ratio: Λ(T) / (1.8 T) = 1/1.8; binomial SE, 5σ.
        let p = 1 / 1.8, ratio = Double(kept) / Double(drawn)
        #expect(abs(ratio - p) < 5 * (p * (1 - p) / Double(drawn)).squareRoot(), "acceptance \(ratio)")
    }

    /// Each arrival solves Λ(t′) − Λ(t) = E for the unit exponential E drawn
    /// at that call (one draw a call), whether the draw stays in the cursor's
    /// segment (the inline path) or crosses boundaries and zero-rate segments.
    @Test func eachArrivalInvertsTheCumulativeRateForItsOwnDraw() throws {
        let breakpoints = [60.0, 90, 100, 400, 460, 900], rates = [0.2, 0, 1.5, 0.01, 0.8]
        var process = try #require(PiecewiseConstantRate(breakpoints: breakpoints, rates: rates))
        var stream = RandomStream(masterSeed: 11, replication: 0, stream: 2)
        var mirror = stream
        var t = 0.0, arrivals = 0
        while let next = process.nextArrival(after: t, before: 800, using: &stream) {
            let e = mirror.exponential(mean: 1)
            let expected = process.cumulative(at: max(t, 60)) + e
            #expect(abs(process.cumulative(at: next) - expected) <= 1e-9 * max(1, expected), "arrival \(arrivals) at \(next)")
            #expect(next > t && next < 800 && process.rate(at: next) > 0)
            t = next
            arrivals += 1
        }
        _ = mirror.exponential(mean: 1)
        #expect(mirror == stream, "one draw per call, the last (past the horizon) too")
        // Λ(800) = 6 + 0 + 450 + 0.6 + 272 = 728.6 expected arrivals, sd 27.
        #expect(abs(Double(arrivals) - 728.6) < 4 * 728.6.squareRoot())
    }

    @Test func invalidParametersAreRejected() {
        #expect(PiecewiseConstantRate(breakpoints: [0, 0], rates: [1]) == nil)
        #expect(PiecewiseConstantRate(breakpoints: [0, 1], rates: [-1]) == nil)
        #expect(PiecewiseConstantRate(breakpoints: [0, 1, 2], rates: [1]) == nil)
        #expect(DecayingBurst(start: 0, peakRate: 1, decayTime: 0) == nil)
        #expect(DecayingBurst(start: 0, peakRate: -1, decayTime: 1) == nil)
    }

    @Test func degenerateUniformsGiveFiniteArrivals() throws {
        for u in [ConstantSource.smallest, ConstantSource.largest] {
            var source = ConstantSource(value: u)
            var piecewise = try #require(PiecewiseConstantRate(breakpoints: [0, 10, 20], rates: [1, 0]))
            if let t = piecewise.nextArrival(after: 0, before: 100, using: &source) { #expect(t > 0 && t < 10) }
            var burst = try #require(DecayingBurst(start: 5, peakRate: 2, decayTime: 3))
            if let t = burst.nextArrival(after: 0, before: 100, using: &source) { #expect(t >= 5 && t < 100) }
        }
    }
}
