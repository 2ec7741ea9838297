import Audience
@testable import Experiments
import SimCore
import Testing

/// The statistics of `livesim compare` and of a sweep's best cells, on
/// numbers whose answers are known by hand.
@Suite struct ComparisonStatisticsTests {
    /// Scenarios with the given per-replication values of one KPI.
    func scenarios(_ columns: [[Double?]], kpi: KPI = .gmvYuan) -> [KPISummaries] {
        columns.map { column in
            var s = KPISummaries()
            for x in column {
                var v = KPIValues()
                v[kpi] = x
                s.add(v)
            }
            return s
        }
    }

    @Test func tiesSplitTheReplicationAndLowerIsBetterForCosts() {
        let values: [[Double?]] = [[1, 2, 3], [1, 3, 2]]
        #expect(PairedComparison.probabilityBest(values, lowerIsBetter: false) == [0.5, 0.5])
        let three: [[Double?]] = [[1, 5, 2, 2], [1, 1, 3, 2], [1, 0, 4, nil]]
        // Replication 0: a three-way tie; 1: the first; 2: the third; 3: the first two tie.
        let best = PairedComparison.probabilityBest(three, lowerIsBetter: false).map { $0! }
        #expect(abs(best[0] - (1.0 / 3 + 1 + 0 + 0.5) / 4) < 1e-15)
        #expect(abs(best[1] - (1.0 / 3 + 0 + 0 + 0.5) / 4) < 1e-15)
        #expect(abs(best[2] - (1.0 / 3 + 0 + 1 + 0) / 4) < 1e-15)
        let cheapest = PairedComparison.probabilityBest(three, lowerIsBetter: true).map { $0! }
        #expect(abs(cheapest[2] - (1.0 / 3 + 1 + 0 + 0) / 4) < 1e-15)
    }

    @Test func aScenarioAgainstItselfDiffersByExactlyZero() {
        let rows = PairedComparison.rows(scenarios([[3, 5, 4, 8], [3, 5, 4, 8]]))
        let second = rows.first { $0.kpi == .gmvYuan && $0.scenario == 1 }!
        #expect(second.difference?.mean == 0)
        #expect(second.difference?.confidenceInterval95 == 0...0)
        #expect(second.probabilityBest == 0.5)
        // Independent seeds would not have known they were equal.
        #expect(second.independentInterval.map { $0.upperBound - $0.lowerBound > 1 } == true)
    }

    /// Paired differences: mean and t-interval of d_i; the independent
    /// interval is Welch's, with its degrees of freedom rounded down.
    @Test func pairedAndIndependentIntervalsByHand() {
        let a: [Double] = [1, 2, 3, 4], b: [Double] = [2, 4, 6, 8]
        let rows = PairedComparison.rows(scenarios([a, b]))
        let row = rows.first { $0.kpi == .gmvYuan && $0.scenario == 1 }!
        // d = b − a = 1, 2, 3, 4: mean 2.5, sd √(5/3), t(3) = 3.182446305284263.
        #expect(abs(row.difference!.mean - 2.5) < 1e-12)
        let pairedHalf = 3.182446305284263 * (5.0 / 3).squareRoot() / 2
        #expect(abs(row.difference!.confidenceInterval95!.upperBound - (2.5 + pairedHalf)) < 1e-9)
        // Welch: s²a/n = 5/12, s²b/n = 20/12; df = 4.41… → 4, t(4) = 2.7764451051977987.
        let se = (25.0 / 12).squareRoot()
        let welchHalf = 2.7764451051977987 * se
        #expect(abs(row.independentInterval!.lowerBound - (2.5 - welchHalf)) < 1e-9)
        #expect(abs(row.independentInterval!.upperBound - (2.5 + welchHalf)) < 1e-9)
    }

    @Test func undefinedReplicationsAreLeftOutOfThePairs() {
        let rows = PairedComparison.rows(scenarios([[1, nil, 3], [2, 5, nil]]))
        let row = rows.first { $0.kpi == .gmvYuan && $0.scenario == 1 }!
        #expect(row.difference?.count == 1)
        #expect(row.difference?.mean == 1)
        #expect(row.summary?.count == 2)
    }

    @Test func theBestCellAndThoseWithinItsInterval() {
        let cells: [BestCells.Estimate] = [
            .init(cell: 0, mean: 5, interval: 4...6), .init(cell: 1, mean: 9, interval: 8...10),
            .init(cell: 2, mean: 8.5, interval: 7...10), .init(cell: 3, mean: 3, interval: 1...5),
            .init(cell: 4, mean: nil, interval: nil), .init(cell: 5, mean: 7.9, interval: 7...9),
        ]
        #expect(BestCells.select(cells, objective: .gmvYuan) == [1, 2])
        // Lower is better for cost: the best is cell 3, and cell 0 (5) is inside [1, 5].
        #expect(BestCells.select(cells, objective: .costYuan) == [3, 0])
        #expect(BestCells.select([.init(cell: 0, mean: nil, interval: nil)], objective: .gmvYuan) == [])
    }
}
