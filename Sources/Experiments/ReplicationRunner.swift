import Audience
import SimCore

/// Runs the replications of one scenario on several threads, handing each
/// result to `consume` in replication order (never in finish order), in
/// chunks, so memory stays bounded however many replications there are.
public enum ReplicationRunner {
    /// Runs replications `0..<count` of `simulation` under `seed`.
    /// - Parameters:
    ///   - jobs: threads; any value gives the same results.
    ///   - consume: called once per replication, in order, on the calling thread.
    ///   - progress: called after each chunk with the replications done so far.
    public static func run(_ simulation: Simulation, seed: UInt64, count: Int, jobs: Int,
                           consume: (Int, StreamResult) throws -> Void,
                           progress: (Int) -> Void = { _ in }) rethrows {
        let chunk = max(1, jobs * 4)
        var start = 0
        while start < count {
            let size = min(chunk, count - start)
            let first = start
            let results = ParallelReplications.map(count: size, jobs: jobs) { simulation.run(seed: seed, replication: first + $0) }
            for (offset, result) in results.enumerated() { try consume(first + offset, result) }
            start += size
            progress(start)
        }
    }
}

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
