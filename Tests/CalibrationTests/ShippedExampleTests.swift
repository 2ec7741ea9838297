import Audience
@testable import Calibration
import Foundation
import JSON
import Scenario
import Testing

/// The shipped calibration example's past streams are what the model makes
/// at the truth kept here (scripts/make-past-streams wrote them): read back
/// through the export reader, every minute of every series equals one
/// replication of the baseline at these values, up to the exports' rounding
/// (whole viewers online; GMV to the fen). So the README's check of the
/// estimates against the truth is a check against these numbers.
@Suite struct ShippedExampleTests {
    static let truth: [(String, JSONValue)] = [
        ("variation", .null), ("viewers.meanStaySecondsAtReference", .number(75)),
        ("channels.feed.coverClickThrough", .number(0.024)), ("viewers.clickToOrderAtReference", .number(0.0026)),
    ]
    /// Export, the seed it was made with, what that stream did differently.
    static let streams: [(String, UInt64, [(String, JSONValue)])] = [
        ("2026-11-20.csv", 20261120, []),
        ("2026-11-27.xlsx", 20261127, [("promotions[0].offers[0].priceYuan", .number(79))]),
    ]

    @Test(arguments: streams.indices)
    func theExportsAreTheModelAtTheTruth(_ i: Int) throws {
        let (name, seed, set) = Self.streams[i]
        let folder = packageRoot.appendingPathComponent("Scenarios/calibration").path
        let export = try ExportReader.read(file: folder + "/past/" + name)
        let configuration = try ScenarioLoader.load(file: packageRoot.appendingPathComponent("Scenarios/baseline.yaml").path,
                                                    overrides: Self.truth + set).configuration
        let minutes = try Simulation(configuration: configuration).run(seed: seed, replication: 0).minutes
        #expect(export.minutes == minutes.count)
        for series in ObservedSeries.allCases {
            let observed = try #require(export.series[series.rawValue], "\(name) lacks \(series.rawValue)")
            let simulated = SeriesStatistics.series(series.rawValue, of: minutes)
            let rounding = series == .concurrentViewers ? 0.5 : series == .gmvYuan ? 0.005 + 1e-9 : 0
            for (m, (o, s)) in zip(observed, simulated).enumerated() {
                #expect(abs(o - s) <= rounding, "\(name), \(series.rawValue), minute \(m): export \(o), model \(s)")
                if abs(o - s) > rounding { return }
            }
        }
    }
}
