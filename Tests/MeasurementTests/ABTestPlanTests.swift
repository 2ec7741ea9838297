import Foundation
@testable import Measurement
import Scenario
import SimCore
import Testing

/// A/B test planning: Welch's test holds its α, the Wilson interval is the
/// textbook one, and on a small room whose treatment is known the simulated
/// power grows with the test's length, matches the normal approximation of
/// Welch's power within its binomial error, and the A/A tests keep near α.
@Suite struct ABTestPlanTests {
    static let roomText = """
    name: ab-room
    seed: 5
    replications: 4
    stream: {durationMinutes: 60}
    viewers: {meanStaySecondsAtReference: 120, clicksPerMinuteAtReference: 0.2, clickToOrderAtReference: 0.05}
    channels:
      feed: {impressionsPerMinute: 3000, coverClickThrough: 0.02}
    products:
      - {id: item, referencePriceYuan: 100, unitCostYuan: 30}
    runOfShow:
      - {product: item, fromMinute: 0, toMinute: 60}
    variation: {trafficSd: 0.2, conversionSd: 0.1, staySd: 0.05}

    """

    static func plan(_ arms: String, lengths: String = "[2, 6, 16]", simulations: Int = 400, extra: String = "") throws -> ABTestDefinition {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("abtest-tests-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try roomText.write(toFile: (folder as NSString).appendingPathComponent("ab-room.yaml"), atomically: true, encoding: .utf8)
        let file = (folder as NSString).appendingPathComponent("plan.yaml")
        try """
        base: ab-room.yaml
        arms: \(arms)
        metric: orders
        alpha: 0.05
        power: 0.8
        streamsPerArm: \(lengths)
        simulations: \(simulations)
        \(extra)
        """.write(toFile: file, atomically: true, encoding: .utf8)
        return try ABTestLoader.load(file: file)
    }

    /// 4,000 A/A tests of normal samples: the rejections are binomial(4000, 0.05),
    /// sd 13.8; 200 ± 4.5 sd (≈ 138–262) holds with probability 1 − 7e-6.
    @Test func welchsTestHoldsItsAlpha() {
        var random = RandomStream(seed: 11)
        var rejections = 0
        for _ in 0..<4000 {
            let a = (0..<6).map { _ in random.normal(mean: 10, standardDeviation: 2) }, b = (0..<9).map { _ in random.normal(mean: 10, standardDeviation: 5) }
            if Welch.test(a, b, alpha: 0.05) { rejections += 1 }
        }
        #expect((138...262).contains(rejections), "\(rejections) of 4000")
        // A difference of 3 sd with 20 a side is found essentially always.
        let a = (0..<20).map { _ in random.normal(mean: 0, standardDeviation: 1) }, b = (0..<20).map { _ in random.normal(mean: 3, standardDeviation: 1) }
        #expect(Welch.test(a, b, alpha: 0.05))
    }

    @Test func wilsonIntervalMatchesTheFormula() {
        let (low, high) = Wilson.interval(successes: 8, trials: 10)
        #expect(abs(low - 0.4902) < 1e-3 && abs(high - 0.9433) < 1e-3, "\(low) \(high)")
        let (zeroLow, zeroHigh) = Wilson.interval(successes: 0, trials: 50)
        #expect(zeroLow < 1e-12 && abs(zeroHigh - 0.0714) < 1e-3)
    }

    @Test func powerGrowsWithLengthAndMatchesWelchsApproximation() throws {
        let d = try Self.plan("{A: {}, B: {channels.feed.coverClickThrough: 0.023}}")
        let outcome = try ABTestPlan(d, jobs: 2).run()
        let powers = outcome.rows.map(\.power)
        #expect(powers == powers.sorted() && powers.last! > powers.first!, "\(powers)")
        #expect(outcome.effect.low > 0, "a 15% lift in click-through lifts orders: \(outcome.effect)")
        // The normal approximation of Welch's two-sided power for n streams per arm
        // drawn without replacement from the pools (finite-population correction).
        let delta = outcome.effect.mean, p = Double(d.pool)
        for r in outcome.rows {
            let n = Double(r.streamsPerArm)
            let se = ((outcome.controlSd * outcome.controlSd + outcome.treatmentSd * outcome.treatmentSd) / n * (p - n) / (p - 1)).squareRoot()
            let z = 1.959963984540054
            func phi(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }
            let approximate = phi(abs(delta) / se - z) + phi(-abs(delta) / se - z)
            // Binomial error of 400 tests (4 sd), plus the approximation's (t against z at small n: 0.08 at 2 streams, less beyond).
            let tolerance = 4 * (approximate * (1 - approximate) / Double(d.simulations)).squareRoot() + (r.streamsPerArm <= 2 ? 0.08 : 0.04)
            #expect(abs(r.power - approximate) <= tolerance, "n \(r.streamsPerArm): simulated \(r.power), approximation \(approximate)")
            // A/A tests: binomial(400, 0.05) within 4.5 sd (0.05 ± 0.049).
            #expect(r.falsePositiveRate <= 0.099, "n \(r.streamsPerArm): A/A rejections \(r.falsePositiveRate)")
        }
        #expect(outcome.streamsPerArmNeeded == outcome.rows.first { $0.power >= 0.8 }?.streamsPerArm)
    }

    @Test func noEffectHasNoPowerBeyondAlpha() throws {
        let d = try Self.plan("{A: {}, B: {}}", lengths: "[4, 12]", simulations: 400)
        let outcome = try ABTestPlan(d, jobs: 2).run()
        for r in outcome.rows { #expect(r.power <= 0.099, "\(r)") }
        #expect(outcome.streamsPerArmNeeded == nil)
    }

    /// Design viewers: one stream's feed impressions split between two covers
    /// (2.0% against 2.4% exposure→entry). The simulated power must match the
    /// exact binomial power within four binomial sd (400 tests); the A/A rate
    /// stays near α; the impressions needed reach the target power exactly,
    /// half a per cent fewer do not, and the normal approximation agrees within 5%.
    @Test func viewerSplitPowerMatchesTheExactBinomialCalculation() throws {
        let d = try Self.plan("{A: {}, B: {channels.feed.coverClickThrough: 0.024}}",
                              extra: "design: viewers\nimpressionsPerArm: [2000, 8000, 40000]")
        #expect(d.design == .viewers)
        let outcome = try ABTestPlan(d, jobs: 2).run()
        for r in outcome.rows {
            let exact = try #require(r.exactPower)
            let tolerance = 4 * (exact * (1 - exact) / 400).squareRoot() + 1.0 / 400
            #expect(abs(r.power - exact) <= tolerance, "m \(r.streamsPerArm): simulated \(r.power), exact \(exact)")
            #expect(r.falsePositiveRate <= 0.099)
        }
        let exacts = outcome.rows.compactMap(\.exactPower)
        #expect(exacts == exacts.sorted() && exacts.last! > 0.9, "\(exacts)")
        let m = try #require(outcome.impressionsPerArmNeeded)
        #expect(TwoProportions.exactPower(m, 0.02, 0.024, alpha: 0.05) >= 0.8)
        #expect(TwoProportions.exactPower(m - max(1, m / 200) * 2, 0.02, 0.024, alpha: 0.05) < 0.8)
        let bar = 0.022, z = 1.959963984540054, zb = 0.8416212335729143
        let approximate = pow(z * (2 * bar * (1 - bar)).squareRoot() + zb * (0.02 * 0.98 + 0.024 * 0.976).squareRoot(), 2) / pow(0.004, 2)
        #expect(abs(Double(m) / approximate - 1) < 0.05, "exact \(m), approximation \(approximate)")
        #expect(outcome.streamsNeeded == Int((2 * Double(m) / (3000 * 60)).rounded(.up)))
    }

    @Test func badPlansAreRefusedAtTheirLines() throws {
        do {
            _ = try Self.plan("{A: {}}")
            Issue.record("one arm accepted")
        } catch let error as ScenarioErrors {
            #expect(error.errors.contains { $0.path == "arms" && $0.line == 2 }, "\(error.errors)")
        }
        do {
            _ = try Self.plan("{A: {}, B: {channels.feed.coverClickThru: 0.02}}")
            Issue.record("a bad path accepted")
        } catch let error as ScenarioErrors {
            #expect(error.errors.contains { $0.path.contains("coverClickThru") }, "\(error.errors)")
        }
    }
}
