import Foundation
import Scenario
import Testing

/// Sweep files: each bad path and value once, where the sweep file writes it.
@Suite struct SweepFileTests {
    /// A sweep over the baseline with `vary` as given.
    func sweep(_ vary: String) throws -> String {
        try temporaryScenario("base: \(shipped("baseline.yaml"))\nreplications: 2\nvary:\n\(vary)", name: "sweep.yaml")
    }

    func errors(_ vary: String) throws -> [ScenarioError] {
        let file = try sweep(vary)
        do {
            _ = try SweepLoader.load(file: file)
            Issue.record("expected errors")
            return []
        } catch {
            return error.errors
        }
    }

    @Test func everyBadPathIsReportedOnceAtTheSweepFilesLine() throws {
        let found = try errors("""
              channels.feeed.impressionsPerMinute: [1000, 2000]
              host.charisma: [0.4, 0.8]
              promotions[7].offers[0].priceYuan: [59, 69]
              host.charm: [0.5]

            """)
        #expect(found.map(\.path) == ["channels.feeed.impressionsPerMinute", "promotions[7].offers[0].priceYuan", "host.charm"], "\(found)")
        #expect(found.map(\.line) == [4, 6, 7])
        #expect(found.allSatisfy { $0.file.hasSuffix("sweep.yaml") })
        #expect(found[0].expected.contains("did you mean `feed`"))
    }

    @Test func valuesOutOfRangeAreReportedOnceAtTheirLine() throws {
        let found = try errors("""
              host.charisma: [0.4, 1.5]
              runOfShow[0].toMinute: [10, 500]
              promotions[0].offers[0].priceYuan: [69, -1, 99]

            """)
        #expect(found.map(\.path) == ["host.charisma", "runOfShow[0]", "runOfShow[1]", "promotions[0].offers[0].priceYuan"], "\(found)")
        #expect(found.map(\.line) == [4, 5, 5, 6] && found.allSatisfy { $0.file.hasSuffix("sweep.yaml") })
        #expect(found[0].value == "1.5" && found[3].value == "-1")
        #expect(found[1].expected.hasSuffix("(with runOfShow[0].toMinute = 500)"), "a check across fields says which value: \(found[1])")
    }

    @Test func theFileKindIsToldByTheTopLevelKeys() throws {
        #expect(ScenarioFileKind.of(file: shipped("baseline.yaml")) == .scenario)
        #expect(ScenarioFileKind.of(file: shipped("sweeps/opening-price.yaml")) == .sweep)
        #expect(ScenarioFileKind.of(file: "no/such/file.yaml") == .scenario, "the scenario loader says why it cannot be read")
        #expect(ScenarioFileKind.of(file: try temporaryScenario("base: ../baseline.yaml\nobserved: []\nfit: {}\n")) == .calibration)
        #expect(ScenarioFileKind.of(file: shipped("optimisation/opening-flash-and-boosts.yaml")) == .optimisation,
                "a base with decisions")
        #expect(ScenarioFileKind.of(file: try temporaryScenario("base: ../baseline.yaml\narms: {}\n")) == .abTest)
    }
}
