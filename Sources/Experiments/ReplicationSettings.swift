import Scenario
import SimCore

/// The seed, the number of replications and the threads of an experiment,
/// checked once for every experiment.
public struct ReplicationSettings: Sendable, Equatable {
    /// The master seed every replication's streams are keyed from (0 to 2^53).
    public var seed: UInt64
    /// Replications (1 to 100,000).
    public var replications: Int
    /// Threads (1 to 4096); any value gives the same numbers.
    public var jobs: Int

    public init(seed: UInt64, replications: Int, jobs: Int = ReplicationSettings.availableJobs) throws(ExperimentError) {
        try Self.check(seed: seed, replications: replications, jobs: jobs)
        self.seed = seed
        self.replications = replications
        self.jobs = jobs
    }

    /// The scenario's `seed` and `replications`, each overridden where given.
    public init(scenario: LoadedScenario, seed: UInt64? = nil, replications: Int? = nil, jobs: Int? = nil) throws(ExperimentError) {
        try self.init(seed: seed ?? scenario.document.seed, replications: replications ?? scenario.document.replications,
                      jobs: jobs ?? Self.availableJobs)
    }

    /// The CPUs this process may use (its affinity mask and cgroup quota): the default thread count.
    public static var availableJobs: Int { ParallelReplications.availableCPUs() }

    /// Checks the values that are given (for overrides checked before a file is read).
    public static func check(seed: UInt64? = nil, replications: Int? = nil, jobs: Int? = nil) throws(ExperimentError) {
        if let seed, seed > ScenarioLoader.maximumSeed {
            throw .badInput("--seed \(seed): expected 0 to 2^53 (\(ScenarioLoader.maximumSeed))")
        }
        if let replications, !(1...ScenarioLoader.maximumReplications).contains(replications) {
            throw .badInput("--replications \(replications): expected 1 to \(ScenarioLoader.maximumReplications)")
        }
        if let jobs, !(1...4096).contains(jobs) { throw .badInput("--jobs \(jobs): expected 1 to 4096") }
    }
}

/// How far an experiment has got, for progress displays.
public struct ExperimentProgress: Sendable, Equatable {
    /// Replications done, the running ones counted by the share of their time simulated.
    public var replicationsDone: Double
    /// Replications the experiment runs in all (as far as known: a sweep adds its re-run when it starts it).
    public var replicationsTotal: Int
    /// For experiments over cells (a sweep): cells done and in all.
    public var cellsDone: Int?
    public var cellsTotal: Int?

    /// Public, so experiments built on this target (calibration) report progress the same way.
    public init(replicationsDone: Double, replicationsTotal: Int, cellsDone: Int? = nil, cellsTotal: Int? = nil) {
        self.replicationsDone = replicationsDone
        self.replicationsTotal = replicationsTotal
        self.cellsDone = cellsDone
        self.cellsTotal = cellsTotal
    }
}

/// Receives ``ExperimentProgress`` now and then, from any thread.
public typealias ProgressHandler = @Sendable (ExperimentProgress) -> Void
