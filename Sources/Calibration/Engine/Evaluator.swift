import Audience
import Experiments
import ResultsStore
import SimCore

/// One evaluated parameter vector: where it lies, what it is, and how every
/// stream's simulated series compare with the observed ones.
struct Evaluation: Sendable {
    /// Place in the calibration's sequence of evaluations (0, 1, …).
    var index: Int
    var units: [Double]
    var values: [Double]
    /// Per stream, then per target series (the problem's orders).
    var statistics: [SeriesStatistics]
}

/// Runs evaluations: every stream's replications 0..<R of the seed at a
/// parameter vector (common random numbers: every vector sees the same
/// replications), in parallel on `jobs` threads, reduced in a fixed order so
/// any `jobs` gives the same numbers. Counts the distinct vectors the
/// calibration asks for against the budget, and takes those already in the
/// store from it instead of simulating them again.
final class Evaluator {
    let problem: CalibrationProblem
    let space: ParameterSpace
    let jobs: Int
    let store: CalibrationStore?
    let progress: ProgressHandler?
    /// The evaluations asked for so far, in order (a vector asked for again is not repeated).
    private(set) var evaluations: [Evaluation] = []
    private var byKey: [String: Int] = [:]
    private var memo: [String: [Double]]
    /// Evaluations taken from the store and simulated now.
    private(set) var reused = 0, simulated = 0

    init(problem: CalibrationProblem, jobs: Int, store: CalibrationStore?, progress: ProgressHandler?) throws {
        self.problem = problem
        space = ParameterSpace(problem.parameters)
        self.jobs = jobs
        self.store = store
        self.progress = progress
        memo = try store?.all() ?? [:]
    }

    var count: Int { evaluations.count }

    /// The evaluations at unit-cube points, in order; nil for a point that
    /// would take the count of distinct evaluations past `cap` (or the budget).
    func evaluate(_ points: [[Double]], cap: Int? = nil) throws -> [Evaluation?] {
        let limit = min(cap ?? problem.budget, problem.budget)
        var out: [Evaluation?] = Array(repeating: nil, count: points.count)
        var pending: [(slot: Int, evaluation: Evaluation)] = []
        var pendingKeys: [String: Int] = [:]
        for (slot, u) in points.enumerated() {
            let values = space.values(u)
            let key = CalibrationStore.key(values)
            if let i = byKey[key] { out[slot] = evaluations[i]; continue }
            if let j = pendingKeys[key] { out[slot] = pending[j].evaluation; continue }
            guard evaluations.count + pending.count < limit else { continue }
            let evaluation = Evaluation(index: evaluations.count + pending.count, units: u, values: values, statistics: [])
            pendingKeys[key] = pending.count
            pending.append((slot, evaluation))
        }
        // Simulate the ones the store lacks as one pool; each is stored as it finishes.
        let missing = pending.indices.filter { memo[CalibrationStore.key(pending[$0].evaluation.values)] == nil }
        let vectors = missing.map { pending[$0].evaluation.values }
        let before = evaluations.count + pending.count - missing.count
        try simulate(vectors) { k, statistics in
            memo[CalibrationStore.key(vectors[k])] = statistics
            try store?.record([(vectors[k], statistics)])
            simulated += 1
            report(done: before + k + 1)
        }
        for (slot, var evaluation) in pending {
            let stored = memo[CalibrationStore.key(evaluation.values)]!
            evaluation.statistics = stride(from: 0, to: stored.count, by: SeriesStatistics.width).map {
                SeriesStatistics(stored: stored[$0..<$0 + SeriesStatistics.width])
            }
            byKey[CalibrationStore.key(evaluation.values)] = evaluations.count
            evaluations.append(evaluation)
            out[slot] = evaluation
        }
        reused += pending.count - missing.count
        report(done: evaluations.count)
        return out
    }

    /// One evaluation, or nil past the cap.
    func evaluate(_ point: [Double], cap: Int? = nil) throws -> Evaluation? {
        try evaluate([point], cap: cap)[0]
    }

    /// Simulates the vectors: every (vector, stream, replication) a task of
    /// one pool, each model built by the first thread that needs it; each
    /// vector's statistics, in stream and series order, go to `finished` in
    /// vector order as soon as its last replication is done.
    private func simulate(_ vectors: [[Double]], finished: (Int, [Double]) throws -> Void) throws {
        let paths = problem.parameters.map(\.path)
        let r = problem.replications, streams = problem.streams, targets = problem.targets
        let models = ModelCache<Int> { model in
            let stream = streams[model % streams.count]
            let configuration = try ScenarioValues.configuration(stream.scenario, paths: paths, values: vectors[model / streams.count], file: stream.file)
            return .stream(Simulation(checked: configuration))
        }
        let tasks = (0..<vectors.count * streams.count).flatMap { model in
            (0..<r).map { ReplicationRunner.Task(model: model, seed: problem.seed, replication: $0) }
        }
        var runs: [[[Double]]] = []   // this vector's: per stream and replication, each target's series
        try ReplicationRunner.run(tasks: tasks, models: models, jobs: jobs, consume: { task, outcome in
            guard case .stream(let result) = outcome else { return }
            runs.append(targets.map { SeriesStatistics.series($0, of: result.minutes) })
            guard runs.count == streams.count * r else { return }
            var numbers: [Double] = []
            for s in streams.indices {
                let simulated = targets.indices.map { k in (0..<r).map { runs[s * r + $0][k] } }
                let redundancy = SeriesStatistics.redundancy(simulated)
                for (k, target) in targets.enumerated() {
                    var statistics = SeriesStatistics(simulated: simulated[k], observed: streams[s].observed[target] ?? [])
                    statistics.redundancy = redundancy
                    numbers += statistics.stored
                }
            }
            runs = []
            try finished(task.model / streams.count, numbers)
        })
    }

    private func report(done: Int) {
        guard let progress else { return }
        let perEvaluation = problem.replications * problem.streams.count
        progress(ExperimentProgress(replicationsDone: Double(done * perEvaluation), replicationsTotal: problem.budget * perEvaluation,
                                    cellsDone: done, cellsTotal: problem.budget))
    }
}
