import Audience
import Experiments
import SimCore

/// The simulated series at the estimates beside the observed ones: every
/// stream's replications 0..<R of the seed run once more (the evaluation's
/// own replications, so the fit shown is the fit scored), minute by minute
/// the mean and the 5th and 95th percentiles across replications, for every
/// series the stream observed (targets or not: a series left out of the
/// objective is an out-of-sample check).
struct FitRun {
    struct Row: Sendable, Equatable {
        var stream: String
        var minute: Int
        var series: String
        var observed: Double
        var mean: Double
        var p5: Double
        var p95: Double
    }

    static func rows(problem: CalibrationProblem, values: [Double], jobs: Int) throws -> [Row] {
        let paths = problem.parameters.map(\.path)
        var built: [Simulation] = []
        for stream in problem.streams {
            let configuration = try ScenarioValues.configuration(stream.scenario, paths: paths, values: values, file: stream.file)
            built.append(Simulation(checked: configuration))
        }
        let models = built, r = problem.replications, seed = problem.seed
        let runs = ParallelReplications.map(count: models.count * r, jobs: jobs) { task in
            models[task / r].run(seed: seed, replication: task % r).minutes
        }
        var out: [Row] = []
        for (s, stream) in problem.streams.enumerated() {
            let series = CalibrationProblem.seriesNames.filter { stream.observed[$0] != nil }
            let simulated = series.map { name in (0..<r).map { SeriesStatistics.series(name, of: runs[s * r + $0]) } }
            let minutes = min(series.map { stream.observed[$0]!.count }.max() ?? 0, runs[s * r].count)
            for t in 0..<minutes {
                for (k, name) in series.enumerated() {
                    guard let observed = stream.observed[name], t < observed.count else { continue }
                    let values = simulated[k].map { $0[t] }.sorted()
                    out.append(Row(stream: stream.name, minute: t, series: name, observed: observed[t],
                                   mean: values.reduce(0, +) / Double(values.count),
                                   p5: quantile(values, 0.05), p95: quantile(values, 0.95)))
                }
            }
        }
        return out
    }

    /// The p-quantile of sorted values, interpolating between order statistics
    /// at (n − 1)p (as GSL's `gsl_stats_quantile_from_sorted_data`).
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        guard let first = sorted.first else { return .nan }
        guard sorted.count > 1 else { return first }
        let h = Double(sorted.count - 1) * p
        let i = Int(h.rounded(.down))
        guard i + 1 < sorted.count else { return sorted[sorted.count - 1] }
        return sorted[i] + (h - Double(i)) * (sorted[i + 1] - sorted[i])
    }
}
