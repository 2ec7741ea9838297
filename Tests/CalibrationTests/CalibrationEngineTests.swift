@testable import Calibration
import Experiments
import Foundation
import JSON
import Scenario
import Testing

/// The engine's pieces on numbers whose answers are known by hand.
@Suite struct CalibrationEngineTests {
    @Test func unitCubeMapsOntoTheBoundsLinearlyOrLogarithmically() {
        let space = ParameterSpace([.init(path: "a", min: 10, max: 30), .init(path: "b", min: 0.001, max: 0.1, logScale: true)])
        #expect(space.values([0, 0]) == [10, 0.001])
        #expect(space.values([1, 1]) == [30, 0.1])
        let middle = space.values([0.5, 0.5])
        #expect(middle[0] == 20)
        #expect(abs(middle[1] - 0.01) < 1e-15)                 // the geometric mean of the bounds
        #expect(abs(space.unit(0.01, parameter: 1) - 0.5) < 1e-12)
        for u in [0.0, 0.1, 0.5, 0.93, 1.0] {
            #expect(abs(ParameterSpace.u(ParameterSpace.z(u)) - u) < 1e-12)
        }
        // Every real z maps inside the cube.
        for z in stride(from: -10.0, through: 10.0, by: 0.37) { #expect((0...1).contains(ParameterSpace.u(z))) }
    }

    @Test func poissonDevianceAndDispersionsByHand() {
        // Two replications of two minutes: means 2 and 3, variances 2 and 2.
        let s = SeriesStatistics(simulated: [[1, 2], [3, 4]], observed: [2, 6])
        #expect(s.minutes == 2)
        #expect(s.meanTotal == 5)
        #expect(s.varianceTotal == 4)
        #expect(abs(s.simulatedDispersion - 0.8) < 1e-15)
        // 2 [6 log(6/3) − 3] at minute 1; minute 0 fits exactly.
        #expect(abs(s.deviance - 2 * (6 * log(2.0) - 3)) < 1e-12)
        #expect(s.residualSquares == 9)
        #expect(abs(s.observedDispersion(replications: 2) - 9.0 / 5 / 1.5) < 1e-12)
        #expect(s.observedTotal == 8)
        // Stored and read back exactly.
        #expect(SeriesStatistics(stored: s.stored[...]) == s)
        // A perfect fit has no deviance; a minute never simulated is floored, not infinite.
        #expect(SeriesStatistics(simulated: [[1, 2], [1, 2]], observed: [1, 2]).deviance == 0)
        #expect(SeriesStatistics(simulated: [[0, 2], [0, 2]], observed: [1, 2]).deviance.isFinite)
    }

    @Test func autocorrelationFactorSeesAStockAndNotNoise() {
        // Residuals that persist for fifty minutes at a time (a stock) against alternating ones.
        let minutes = 200
        let persistent = (0..<4).map { r in (0..<minutes).map { t in 100 + ((t / 50 + r) % 2 == 0 ? 5.0 : -5.0) } }
        let alternating = (0..<4).map { r in (0..<minutes).map { t in 100 + ((t + r) % 2 == 0 ? 5.0 : -5.0) } }
        let observed = Array(repeating: 100.0, count: minutes)
        #expect(SeriesStatistics(simulated: persistent, observed: observed).autocorrelation > 3)
        #expect(SeriesStatistics(simulated: alternating, observed: observed).autocorrelation == 1)
    }

    @Test func redundancyCountsARestatedSeriesOnce() {
        func minute(_ t: Int, _ r: Int) -> Double { Double(95 + (t * 7 + r * 13) % 11) }
        let a: [[Double]] = (0..<4).map { r in (0..<60).map { t in minute(t, r) } }
        #expect(SeriesStatistics.redundancy([a]) == 1)
        #expect(abs(SeriesStatistics.redundancy([a, a]) - 2) < 1e-9)
        // The same series in other units (yuan for orders, say) is no new evidence either.
        #expect(abs(SeriesStatistics.redundancy([a, a.map { $0.map { 2 * $0 } }, a]) - 3) < 1e-9)
        // Unrelated residuals count (nearly) once each.
        func other(_ t: Int, _ r: Int) -> Double { Double(96 + (t * 5 + r * 3 + (t * t) % 7) % 9) }
        let b: [[Double]] = (0..<4).map { r in (0..<60).map { t in other(t, r) } }
        #expect(SeriesStatistics.redundancy([a, b]) < 1.6)
    }

    @Test func calibratedScenarioRunsAsItIsAndHoldsTheEstimates() throws {
        let base = try CalibrationFixture.base()
        let paths = ["viewers.meanStaySecondsAtReference", "channels.feed.coverClickThrough"]
        let text = try ScenarioFileText.text(base: base, settings: [(paths[0], .number(87.25)), (paths[1], .number(1.5e-05))],
                                             nameSuffix: "-calibrated", header: ["a note"])
        #expect(text.hasPrefix("# a note\n"))
        let folder = CalibrationFixture.temporaryFolder("calibrated")
        let file = (folder as NSString).appendingPathComponent("calibrated.yaml")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let loaded = try ScenarioLoader.load(file: file)
        #expect(loaded.document.name == "small-room-calibrated")
        var expected = try ScenarioValues.resolved(base, paths: paths, values: [87.25, 1.5e-05], file: base.file)
        expected.set("name", .string("small-room-calibrated"))
        #expect(loaded.resolved == expected)
        // A path the scenario does not have is refused, naming it.
        #expect(throws: (any Error).self) {
            try ScenarioFileText.text(base: base, settings: [("viewers.noSuchField", .number(1))], nameSuffix: "-calibrated")
        }
    }
}
