import Audience
import SimCore
import Synchronization

/// Runs the replications of one ``Replicable`` on several threads, handing
/// each result to `consume` in replication order (never in finish order), in
/// chunks, so memory stays bounded however many replications there are.
public enum ReplicationRunner {
    /// Runs the given replication indices of `model` under `seed` (in the
    /// order given: a shard's every n-th replication, or a re-run's fresh ones).
    /// - Parameters:
    ///   - jobs: threads; any value gives the same results.
    ///   - consume: called once per replication, with its index, in order, on the calling thread.
    ///   - progress: called now and then, from any thread, with the
    ///     replications done so far, counting the running ones by the share
    ///     of their time simulated (so one long replication shows progress too).
    ///   - stop: once raised, the running replications end early and the run
    ///     returns without handing on any more; the caller checks the signal.
    public static func run(_ model: Replicable, seed: UInt64, replications indices: [Int], jobs: Int,
                           consume: (Int, ReplicationOutcome) throws -> Void,
                           progress: @escaping @Sendable (Double) -> Void = { _ in }, stop: StopSignal? = nil) rethrows {
        let chunk = max(1, jobs * model.replicationsPerThreadInChunk)
        var start = 0
        while start < indices.count {
            let size = min(chunk, indices.count - start)
            let first = start
            let running = RunningShares(count: size)
            let results = ParallelReplications.map(count: size, jobs: jobs) { i in
                model.run(seed: seed, replication: indices[first + i], progress: { share in progress(Double(first) + running.set(i, share)) },
                          stop: stop)
            }
            if let stop, stop.isRaised { return }
            for (i, result) in results.enumerated() { try consume(indices[first + i], result) }
            start += size
            progress(Double(start))
        }
    }

    /// Runs the replications into consumers (each gets every replication, in order).
    public static func run(_ model: Replicable, seed: UInt64, replications indices: [Int], jobs: Int,
                           into consumers: [any ReplicationConsumer],
                           progress: @escaping @Sendable (Double) -> Void = { _ in }, stop: StopSignal? = nil) throws {
        try run(model, seed: seed, replications: indices, jobs: jobs, consume: { index, outcome in
            for consumer in consumers { try consumer.consume(replication: index, outcome) }
        }, progress: progress, stop: stop)
    }
}

/// Shares of time simulated by the replications of one chunk.
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
