import Audience
import Experiments
import Foundation
import JSON
@testable import Optimisation
import Scenario
import SimCore
import Testing

/// The shipped example runs within its budget to a feasible choice whose
/// `best.yaml` runs as it is; and (with `OPTIMISATION_GRID=1`, about a minute
/// and a half more on two cores, so not in every CI run) against brute force:
/// a grid over the same five decisions at more than three times the
/// optimiser's budget, its best cell re-run beside the optimiser's choice on
/// fresh seeds. The choice must be at least as good as the grid's best,
/// within the grid best's 95% interval on those seeds.
@Suite(.serialized) struct ShippedOptimisationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let file = root.appendingPathComponent("Scenarios/optimisation/opening-flash-and-boosts.yaml").path

    @Test func theChoiceIsAtLeastAsGoodAsTheBestCellOfALargerGrid() throws {
        let d = try OptimisationLoader.load(file: Self.file)
        let folder = OptimisationFixture.temporaryFolder("shipped")
        let outcome = try OptimisationExperiment(d, jobs: 2).run(in: folder)
        #expect(outcome.searchRuns <= d.budget)
        #expect(outcome.feasible)
        // best.yaml runs as it is: the chosen values, the flash sale's end moved with its start.
        let written = try ScenarioLoader.load(file: (folder as NSString).appendingPathComponent("best.yaml"))
        for (path, value) in outcome.best { #expect(written.resolved.value(at: FieldPath(path)!.components[...]) == value, "\(path)") }
        let window = written.document.promotions[1].offers[3]
        #expect(window.toMinute.map { $0 - (window.fromMinute ?? 0) } == 5, "the flash sale keeps its five minutes")
        guard ProcessInfo.processInfo.environment["OPTIMISATION_GRID"] != nil else { return }

        // The grid: 3 prices × 3 unit counts × 3 flash-sale times × 7 boost splits within the ¥12,000 total.
        let splits: [(Double, Double)] = [(0, 0), (0, 6000), (6000, 0), (3000, 3000), (6000, 6000), (0, 12000), (12000, 0)]
        var cells: [[JSONValue]] = []
        for price in [79.0, 129, 179] {
            for units in [100.0, 500, 900] {
                for minute in [30.0, 80, 130] {
                    for (a, b) in splits { cells.append([price, units, minute, a, b].map { .number($0) }) }
                }
            }
        }
        let perCell = 5
        #expect(cells.count * perCell >= 3 * d.budget, "several times the optimiser's budget")
        func profits(_ values: [JSONValue], _ replications: [Int]) throws -> [Double] {
            let model = try Replicable(try d.scenario(values: values))
            var out: [Double] = []
            ReplicationRunner.run(model, seed: d.seed, replications: replications, jobs: 2) { _, o in out.append(o.kpis[.profitYuan]!) }
            return out
        }
        // Feasible cells only: ROI ≥ 3, as the optimiser requires.
        var best: (values: [JSONValue], mean: Double)?
        for values in cells {
            let model = try Replicable(try d.scenario(values: values))
            var profit = 0.0, roi = 0.0
            ReplicationRunner.run(model, seed: d.seed, replications: Array(0..<perCell), jobs: 2) { _, o in
                profit += o.kpis[.profitYuan]! / Double(perCell); roi += (o.kpis[.roi] ?? 0) / Double(perCell)
            }
            if roi >= 3, best == nil || profit > best!.mean { best = (values, profit) }
        }
        let grid = try #require(best)

        // Both on the same fresh seeds (not the search's, nor the selection's).
        let fresh = Array(2_000_000..<2_000_020)
        let chosen = try profits(outcome.best.map(\.value), fresh), gridBest = try profits(grid.values, fresh)
        let g = try #require(ReplicationSummary(gridBest)), c = try #require(ReplicationSummary(chosen))
        let half = try #require(g.confidenceInterval95).upperBound - g.mean
        #expect(c.mean >= g.mean - half, "chosen \(c.mean) vs the grid's best \(g.mean) ± \(half) at \(grid.values.map { $0.text() })")
        print("SHIPPED optimisation: chosen \(outcome.best.map { "\($0.path)=\($0.value.text())" }) profit \(c.mean); grid best \(grid.values.map { $0.text() }) profit \(g.mean) ± \(half); search runs \(outcome.searchRuns), grid runs \(cells.count * perCell)")
    }
}
