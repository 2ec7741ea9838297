import Audience
import Foundation
import Scenario
import SimCore
import Testing

/// The unedited baseline is a plausible room: its mean stay, conversion,
/// GPM, return rate and follow rate land in the published ranges of
/// Docs/model.md (Sources). "Lands" means the 95% confidence interval of
/// the mean over 20 replications lies inside the range, so a value that
/// only grazes a bound fails; no tolerance is picked.
@Suite struct PublishedRangesTests {
    /// A published range and where it comes from (Docs/model.md, Sources).
    struct Range: Sendable, CustomTestStringConvertible {
        var name: String
        var bounds: ClosedRange<Double>
        var source: String
        var value: @Sendable (StreamResult) -> Double?
        var testDescription: String { "\(name) in \(bounds) (\(source))" }
    }

    static let ranges: [Range] = [
        Range(name: "average stay (s)", bounds: 90...180,
              source: "Douyin: 90 s is a good stay, a typical room about 2 minutes") { $0.kpis[.averageStaySeconds] },
        Range(name: "conversion (buyers / viewers)", bounds: 0.01...0.12,
              source: "TikTok Shop: average streams under 2%, top rooms 8–12%") { $0.kpis[.conversionRate] },
        Range(name: "GPM (yuan per 1,000 views)", bounds: 1_500...5_000,
              source: "a stable Douyin room 1,500–5,000; a 2020 celebrity debut about 2,300") { $0.kpis[.gpmYuan] },
        Range(name: "return rate (returns / orders)", bounds: 0.30...0.50,
              source: "live-commerce returns 30–50% against 10–15% for ordinary e-commerce") { r in
            r.kpis[.orders].flatMap { $0 > 0 ? r.kpis[.returns]! / $0 : nil }
        },
        Range(name: "follow rate (new follows / viewers)", bounds: 0.01...0.02,
              source: "operators' rule of thumb for an ordinary room (assumption)") { $0.kpis[.followRate] },
    ]

    static let results: [StreamResult] = {
        let c = try! ScenarioLoader.load(file: shipped("baseline.yaml")).configuration
        let simulation = try! Simulation(configuration: c)
        return ParallelReplications.map(count: 20, jobs: 2) { r in simulation.run(seed: 1, replication: r) }
    }()

    @Test(arguments: ranges)
    func theBaselineLandsInThePublishedRange(_ range: Range) throws {
        let values = Self.results.compactMap(range.value)
        try #require(values.count == Self.results.count, "\(range.name) is undefined in some replication")
        let s = try #require(ReplicationSummary(values))
        let ci = try #require(s.confidenceInterval95)
        #expect(range.bounds.contains(ci.lowerBound) && range.bounds.contains(ci.upperBound),
                "\(range.name): mean \(s.mean), 95% CI \(ci), published \(range.bounds) (\(range.source))")
        print("MEASURE baseline \(range.name): mean \(s.mean), 95% CI \(ci)")
    }
}
