import Audience
import SimCore

/// One KPI of one scenario in a comparison: its own mean and CI, the paired
/// difference against the first scenario, the interval independent seeds
/// would have given that difference, and how often the scenario is best.
public struct ComparisonRow: Sendable, Equatable {
    /// The KPI's key (a stream KPI's, or a season KPI's).
    public var key: String
    /// The stream KPI, if the key is one.
    public var kpi: KPI? { KPI(rawValue: key) }
    /// Index of the scenario, in the order given.
    public var scenario: Int
    /// The scenario's own replications (nil when the KPI is never defined).
    public var summary: ReplicationSummary?
    /// Replication by replication differences against the first scenario, over
    /// the replications where both define the KPI: common random numbers make
    /// the pairs share every draw where the scenarios agree.
    public var difference: ReplicationSummary?
    /// Welch's 95% interval for the difference of means, as if the scenarios
    /// had been run with independent seeds (nil for the first scenario).
    public var independentInterval: ClosedRange<Double>?
    /// Share of replications in which the scenario is best (ties split;
    /// lower is better for cost, returns and lost sales).
    public var probabilityBest: Double?
}

/// Compares scenarios run over the same replications under common random numbers.
public enum PairedComparison {
    /// Rows KPI by KPI (in ``KPI`` order), scenario by scenario.
    /// - Parameter scenarios: each scenario's per-replication KPIs, all over
    ///   the same replications (the same seed and replication indices).
    public static func rows(_ scenarios: [KPISummaries]) -> [ComparisonRow] {
        precondition(!scenarios.isEmpty && scenarios.allSatisfy { $0.replications == scenarios[0].replications },
                     "scenarios compared over different replications")
        return rows(named: KPI.allCases.map { kpi in (kpi.key, kpi.lowerIsBetter, scenarios.map { $0.values[kpi] ?? [] }) })
    }

    /// Rows for any KPIs (a season's, say), in the order given: each with its
    /// key, whether lower is better, and per scenario its per-replication values.
    public static func rows(named series: [(key: String, lowerIsBetter: Bool, values: [[Double?]])]) -> [ComparisonRow] {
        var rows: [ComparisonRow] = []
        for (key, lowerIsBetter, values) in series {
            let best = probabilityBest(values, lowerIsBetter: lowerIsBetter)
            for s in values.indices {
                let own = ReplicationSummary(values[s].compactMap { $0 })
                let pairs = zip(values[s], values[0]).compactMap { a, b in a.flatMap { a in b.map { a - $0 } } }
                rows.append(ComparisonRow(
                    key: key, scenario: s, summary: own, difference: ReplicationSummary(pairs),
                    independentInterval: s == 0 ? nil : welchInterval(values[s].compactMap { $0 }, values[0].compactMap { $0 }),
                    probabilityBest: best[s]))
            }
        }
        return rows
    }

    /// Per scenario, the share of replications (among those where any scenario
    /// defines the KPI) in which it is best; tied scenarios share the replication.
    static func probabilityBest(_ values: [[Double?]], lowerIsBetter: Bool) -> [Double?] {
        let count = values.map(\.count).max() ?? 0
        var wins = Array(repeating: 0.0, count: values.count)
        var counted = 0
        for r in 0..<count {
            let here = values.map { r < $0.count ? $0[r] : nil }
            let defined = here.compactMap { $0 }
            guard let best = lowerIsBetter ? defined.min() : defined.max() else { continue }
            counted += 1
            let winners = here.indices.filter { here[$0] == best }
            for w in winners { wins[w] += 1 / Double(winners.count) }
        }
        return wins.map { counted > 0 ? $0 / Double(counted) : nil }
    }

    /// Welch's t interval (95%) for mean(a) − mean(b) from independent samples;
    /// the degrees of freedom are rounded down (the wider interval).
    static func welchInterval(_ a: [Double], _ b: [Double]) -> ClosedRange<Double>? {
        guard a.count >= 2, b.count >= 2, let sa = ReplicationSummary(a), let sb = ReplicationSummary(b),
              let da = sa.standardDeviation, let db = sb.standardDeviation else { return nil }
        let va = da * da / Double(a.count), vb = db * db / Double(b.count)
        let difference = sa.mean - sb.mean
        guard va + vb > 0 else { return difference...difference }
        let df = (va + vb) * (va + vb) / (va * va / Double(a.count - 1) + vb * vb / Double(b.count - 1))
        let half = ReplicationSummary.tQuantile975(degreesOfFreedom: max(1, Int(df.rounded(.down)))) * (va + vb).squareRoot()
        return (difference - half)...(difference + half)
    }
}
