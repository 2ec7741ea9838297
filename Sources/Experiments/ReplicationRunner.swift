import Audience
import Season
import SimCore
import Synchronization

/// Runs the replications of one scenario on several threads, handing each
/// result to `consume` in replication order (never in finish order), in
/// chunks, so memory stays bounded however many replications there are.
public enum ReplicationRunner {
    /// Runs replications `offset..<offset + count` of `simulation` under `seed`.
    /// - Parameters:
    ///   - jobs: threads; any value gives the same results.
    ///   - offset: the first replication index (a re-run with fresh seeds
    ///     starts past the replications already used).
    ///   - consume: called once per replication, with its index, in order, on the calling thread.
    ///   - progress: called now and then, from any thread, with the
    ///     replications done so far, counting the running ones by the share
    ///     of stream time they have simulated (so one long replication shows
    ///     progress too).
    public static func run(_ simulation: Simulation, seed: UInt64, count: Int, jobs: Int, offset: Int = 0,
                           consume: (Int, StreamResult) throws -> Void,
                           progress: @escaping @Sendable (Double) -> Void = { _ in }) rethrows {
        try run(simulation, seed: seed, replications: Array(offset..<offset + count), jobs: jobs, consume: consume, progress: progress)
    }

    /// Runs the given replication indices (in the order given; a shard's
    /// every n-th replication, say).
    public static func run(_ simulation: Simulation, seed: UInt64, replications indices: [Int], jobs: Int,
                           consume: (Int, StreamResult) throws -> Void,
                           progress: @escaping @Sendable (Double) -> Void = { _ in }) rethrows {
        try inChunks(indices, chunk: max(1, jobs * 4), jobs: jobs, consume: consume, progress: progress) { replication, share in
            var sink = NoSink()
            return simulation.run(seed: seed, replication: replication, sink: &sink, progress: share)
        }
    }

    /// Runs the given replications of a season, as a stream's: results in
    /// replication order, any `jobs` giving the same numbers; progress counts
    /// a running season by the share of its streams done.
    public static func run(_ season: SeasonSimulation, seed: UInt64, replications indices: [Int], jobs: Int,
                           consume: (Int, SeasonResult) throws -> Void,
                           progress: @escaping @Sendable (Double) -> Void = { _ in }) rethrows {
        try inChunks(indices, chunk: max(1, jobs * 2), jobs: jobs, consume: consume, progress: progress) { replication, share in
            season.run(seed: seed, replication: replication, progress: share)
        }
    }

    /// Runs `replicate` for the indices, `chunk` at a time on `jobs` threads,
    /// handing results to `consume` in order; `replicate` reports the share of
    /// its replication done through the closure it is given.
    static func inChunks<Result: Sendable>(_ indices: [Int], chunk: Int, jobs: Int, consume: (Int, Result) throws -> Void,
                                           progress: @escaping @Sendable (Double) -> Void,
                                           replicate: @escaping @Sendable (Int, @escaping (Double) -> Void) -> Result) rethrows {
        var start = 0
        while start < indices.count {
            let size = min(chunk, indices.count - start)
            let first = start
            let running = RunningShares(count: size)
            let results = ParallelReplications.map(count: size, jobs: jobs) { i in
                replicate(indices[first + i]) { share in progress(Double(first) + running.set(i, share)) }
            }
            for (i, result) in results.enumerated() { try consume(indices[first + i], result) }
            start += size
            progress(Double(start))
        }
    }
}

/// Shares of stream time simulated by the replications of one chunk.
private final class RunningShares: Sendable {
    let shares: Mutex<[Double]>
    init(count: Int) { shares = Mutex(Array(repeating: 0, count: count)) }
    /// Records replication `i`'s share; returns the chunk's total.
    func set(_ i: Int, _ share: Double) -> Double {
        shares.withLock { shares in
            shares[i] = share
            return shares.reduce(0, +)
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
