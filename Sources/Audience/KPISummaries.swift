import SimCore

/// The KPIs of many replications, summarised per KPI (``ReplicationSummary``
/// over the replications where the KPI is defined).
public struct KPISummaries: Sendable {
    /// Per-replication values, in replication order.
    public private(set) var values: [KPI: [Double?]] = [:]
    public private(set) var replications = 0

    public init() {}

    public mutating func add(_ kpis: KPIValues) {
        replications += 1
        for k in KPI.allCases { values[k, default: []].append(kpis[k]) }
    }

    /// Nil when the KPI is undefined in every replication.
    public func summary(_ kpi: KPI) -> ReplicationSummary? {
        ReplicationSummary((values[kpi] ?? []).compactMap { $0 })
    }
}
