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
        // Simulate the ones the store lacks, a few at a time (each finished group is stored).
        let missing = pending.indices.filter { memo[CalibrationStore.key(pending[$0].evaluation.values)] == nil }
        let group = max(1, jobs * 2)
        var start = 0
        while start < missing.count {
            let chunk = Array(missing[start..<min(missing.count, start + group)])
            let results = try simulate(chunk.map { pending[$0].evaluation.values })
            for (i, statistics) in zip(chunk, results) { memo[CalibrationStore.key(pending[i].evaluation.values)] = statistics }
            try store?.record(zip(chunk, results).map { (pending[$0].evaluation.values, $1) })
            simulated += chunk.count
            start += chunk.count
            report(done: evaluations.count + pending.count - missing.count + start)
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

    /// Simulates the vectors: every (vector, stream, replication) a task on
    /// the thread pool, then each vector's statistics in stream and series order.
    private func simulate(_ vectors: [[Double]]) throws -> [[Double]] {
        let paths = problem.parameters.map(\.path)
        var built: [Simulation] = []
        for values in vectors {
            for stream in problem.streams {
                let configuration = try ScenarioValues.configuration(stream.scenario, paths: paths, values: values, file: stream.file)
                do { built.append(try Simulation(configuration: configuration)) } catch {
                    throw ExperimentError.badInput("\(stream.file): \(error)")
                }
            }
        }
        let r = problem.replications, streams = problem.streams.count, targets = problem.targets
        let seed = problem.seed
        let models = built
        let runs = ParallelReplications.map(count: models.count * r, jobs: jobs) { task -> [[Double]] in
            let result = models[task / r].run(seed: seed, replication: task % r)
            return targets.map { SeriesStatistics.series($0, of: result.minutes) }
        }
        return vectors.indices.map { v in
            var numbers: [Double] = []
            for s in 0..<streams {
                let model = v * streams + s
                let simulated = targets.indices.map { k in (0..<r).map { runs[model * r + $0][k] } }
                let redundancy = SeriesStatistics.redundancy(simulated)
                for (k, target) in targets.enumerated() {
                    var statistics = SeriesStatistics(simulated: simulated[k], observed: problem.streams[s].observed[target] ?? [])
                    statistics.redundancy = redundancy
                    numbers += statistics.stored
                }
            }
            return numbers
        }
    }

    private func report(done: Int) {
        guard let progress else { return }
        let perEvaluation = problem.replications * problem.streams.count
        progress(ExperimentProgress(replicationsDone: Double(done * perEvaluation), replicationsTotal: problem.budget * perEvaluation,
                                    cellsDone: done, cellsTotal: problem.budget))
    }
}
