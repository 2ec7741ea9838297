/// What the outputs show, computed once from the search: the estimate's
/// evaluation, each parameter's interval in its own units, the sensitivity
/// table and the fit at the estimates.
struct CalibrationFindings {
    let problem: CalibrationProblem
    let result: Search.Result
    /// The evaluation reported as the estimate (``Search/Result/estimate``).
    let best: Int
    let intervals: [Intervals.Interval]
    let estimates: [CalibrationEstimate]
    let sensitivity: [[Double?]]
    let fit: [FitRun.Row]

    /// How the intervals are found, as `summary.json`'s `method` states it.
    static let method = "profile: for each parameter, the minimum over the other parameters of the objective (every stream's per-minute Poisson deviance per series, scaled by its dispersion, autocorrelation and redundancy) at fixed values of it, read from a quadratic surface fitted to the evaluations near the minimum (from the walked profile where that surface has no minimum); the 95% interval is where the profile stays within 3.84 x (1 + 1/replications) (chi-squared, 1 degree of freedom, with the simulated mean's own noise) of the minimum, widened to every evaluation within that; an end not found inside the bounds extends to the bound"

    init(problem: CalibrationProblem, result: Search.Result, jobs: Int) throws {
        self.problem = problem
        self.result = result
        guard !result.evaluations.isEmpty else { preconditionFailure("a search with no evaluation") }
        let best = result.estimate
        self.best = best
        let intervals = Intervals.compute(result)
        self.intervals = intervals
        let space = ParameterSpace(problem.parameters)
        let values = result.evaluations[best].values
        // Interval ends in the parameters' units (the unit-cube map is monotone per parameter).
        let lows = space.values(intervals.map(\.low)), highs = space.values(intervals.map(\.high))
        estimates = problem.parameters.enumerated().map { j, p in
            CalibrationEstimate(path: p.path, estimate: values[j], ciLow: Swift.min(lows[j], values[j]),
                                ciHigh: Swift.max(highs[j], values[j]), min: p.min, max: p.max, identified: intervals[j].identified,
                                limitedByBudget: intervals[j].limitedByBudget)
        }
        sensitivity = Sensitivity.compute(result, targets: problem.targets.count)
        fit = try FitRun.rows(problem: problem, values: values, jobs: jobs)
    }

    var objective: Double { result.values[best] }
}
