import Audience
import SimCore
import Synchronization

/// Runs the replications of one ``Replicable`` on several threads, handing
/// each result to `consume` in replication order (never in finish order), as
/// soon as it and those before it are done, with a bounded number pending, so
/// memory stays bounded however many replications there are.
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
        let running = RunningShares()
        try ParallelReplications.forEachInOrder(count: indices.count, jobs: jobs, window: pendingLimit(model, jobs: jobs)) { i in
            let outcome = model.run(seed: seed, replication: indices[i], progress: { share in progress(running.set(i, share)) }, stop: stop)
            progress(running.finish(i))
            return outcome
        } consume: { i, outcome in
            if let stop, stop.isRaised { return }
            try consume(indices[i], outcome)
        }
    }

    /// One replication of one of several models, keyed by `Key` in a ``ModelCache``.
    public struct Task<Key: Hashable & Sendable>: Sendable {
        public var model: Key
        public var seed: UInt64
        public var replication: Int
        public init(model: Key, seed: UInt64, replication: Int) {
            self.model = model; self.seed = seed; self.replication = replication
        }
    }

    /// Runs replications of several models as one pool of tasks, handed to
    /// `consume` in the order of `tasks` (so any `jobs` gives the same
    /// results), with no barrier between models: the threads stay busy across
    /// cells, variants or candidates. Each model is built by `models` on the
    /// first thread that needs it.
    /// - Parameters:
    ///   - pendingPerThread: results pending at once per thread (memory).
    ///   - dropAfterLast: forget each model once its last task is handed on
    ///     (false when the cache outlives this call, as an optimiser's does).
    ///   - progress: tasks done so far (running ones by their shares), from any thread.
    /// - Throws: the build error of the first task (in order) whose model does
    ///   not build, or what `consume` throws; no new task starts after it.
    public static func run<Key>(tasks: [Task<Key>], models: ModelCache<Key>, jobs: Int, pendingPerThread: Int = 4,
                                dropAfterLast: Bool = true,
                                consume: (Task<Key>, ReplicationOutcome) throws -> Void,
                                progress: @escaping @Sendable (Double) -> Void = { _ in }) throws {
        var last: [Key: Int] = [:]
        if dropAfterLast { for (i, t) in tasks.enumerated() { last[t.model] = i } }
        let running = RunningShares()
        try ParallelReplications.forEachInOrder(count: tasks.count, jobs: jobs, window: max(1, jobs * pendingPerThread)) { i in
            let task = tasks[i]
            let outcome = models.model(task.model).map { model in
                model.run(seed: task.seed, replication: task.replication, progress: { share in progress(running.set(i, share)) })
            }
            progress(running.finish(i))
            return outcome
        } consume: { i, outcome in
            let task = tasks[i]
            try consume(task, outcome.get())
            if last[task.model] == i { models.drop(task.model) }
        }
    }

    /// Results pending at once (running, or done and waiting for an earlier
    /// one): enough to keep every thread busy, few enough to bound memory (a
    /// season's result holds all its streams).
    public static func pendingLimit(_ model: Replicable, jobs: Int) -> Int {
        max(1, jobs * model.replicationsPendingPerThread)
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

/// Replications finished and the shares of time simulated by the running ones.
final class RunningShares: Sendable {
    private let state = Mutex<(finished: Int, running: [Int: Double])>((0, [:]))
    init() {}
    /// Records replication `i`'s share; returns the replications done, the running ones by their shares.
    func set(_ i: Int, _ share: Double) -> Double {
        state.withLock { s in
            s.running[i] = share
            return Double(s.finished) + s.running.values.reduce(0, +)
        }
    }
    /// Replication `i` is done; returns the replications done, as ``set(_:_:)``.
    func finish(_ i: Int) -> Double {
        state.withLock { s in
            s.running[i] = nil
            s.finished += 1
            return Double(s.finished) + s.running.values.reduce(0, +)
        }
    }
}
