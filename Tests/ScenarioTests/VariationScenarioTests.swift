import Audience
import Foundation
import Scenario
import Testing

/// `variation:` in scenario files: the loader's ranges (with file, line,
/// path and value), and where the shipped scenarios switch it on.
@Suite struct VariationScenarioTests {
    @Test func negativeAndAbsurdSdsAreRefusedWithPathAndValue() throws {
        let path = try temporaryScenario(tinyScenario + "variation: {trafficSd: -0.2, conversionSd: 3, staySd: 0.1}\n")
        do {
            _ = try ScenarioLoader.load(file: path)
            Issue.record("expected errors")
        } catch {
            let byPath = Dictionary(error.errors.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
            #expect(byPath["variation.trafficSd"]?.value == "-0.2")
            #expect(byPath["variation.conversionSd"]?.value == "3")
            #expect(byPath["variation.trafficSd"]?.line != nil, "with its line")
            #expect(byPath["variation.staySd"] == nil)
        }
    }

    @Test func aMissingKeyIsZeroAndNullSwitchesTheSectionOff() throws {
        let one = try ScenarioLoader.load(file: try temporaryScenario(tinyScenario + "variation: {trafficSd: 0.3}\n")).configuration
        #expect(one.variation == StreamVariation(trafficSd: 0.3, conversionSd: 0, staySd: 0))
        let off = try ScenarioLoader.load(file: try temporaryScenario("extends: \(shipped("baseline.yaml"))\nvariation: null\n")).configuration
        #expect(off.variation == nil)
    }

    /// On in the baseline (and so in everything extending it), off in the
    /// reference model, whose closed forms must stay exact.
    @Test func theBaselineVariesAndTheReferenceModelDoesNot() throws {
        let baseline = try ScenarioLoader.load(file: shipped("baseline.yaml")).configuration
        #expect(baseline.variation == StreamVariation(trafficSd: 0.25, conversionSd: 0.15, staySd: 0.1))
        for name in ["variants/paid-boost.yaml", "season-30-days.yaml"] {
            #expect(try ScenarioLoader.load(file: shipped(name)).configuration.variation == baseline.variation, "\(name)")
        }
        #expect(try ScenarioLoader.load(file: shipped("reference-viewers.yaml")).configuration.variation == nil)
    }
}
