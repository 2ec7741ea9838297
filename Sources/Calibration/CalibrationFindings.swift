/// What the outputs show, computed once from the search: the best
/// evaluation, each parameter's interval in its own units, the sensitivity
/// table and the fit at the estimates.
struct CalibrationFindings {
    let problem: CalibrationProblem
    let result: Search.Result
    let best: Int
    let intervals: [Intervals.Interval]
    let estimates: [CalibrationEstimate]
    let sensitivity: [[Double?]]
    let fit: [FitRun.Row]

    /// How the intervals are found, as `summary.json`'s `method` states it.
    static let method = "profile: for each parameter, the minimum over the other parameters of the objective (Poisson deviance of every stream's per-minute series, each scaled by its dispersion) at fixed values of it; the 95% interval is where this profile stays within 3.84 (chi-squared, 1 degree of freedom) of the minimum, widened to every evaluation within 3.84; a side whose profile never rises 3.84 before a bound extends to that bound"

    init(problem: CalibrationProblem, result: Search.Result, jobs: Int) throws {
        self.problem = problem
        self.result = result
        guard let best = Intervals.best(result) else { preconditionFailure("a search with no evaluation") }
        self.best = best
        intervals = Intervals.compute(result)
        let space = ParameterSpace(problem.parameters)
        let values = result.evaluations[best].values
        estimates = problem.parameters.enumerated().map { j, p in
            let i = intervals[j]
            let bounds = space.values(problem.parameters.indices.map { $0 == j ? i.low : 0 })[j]
            let high = space.values(problem.parameters.indices.map { $0 == j ? i.high : 0 })[j]
            return CalibrationEstimate(path: p.path, estimate: values[j], ciLow: Swift.min(bounds, values[j]),
                                       ciHigh: Swift.max(high, values[j]), min: p.min, max: p.max, identified: i.identified)
        }
        sensitivity = Sensitivity.compute(result, targets: problem.targets.count)
        fit = try FitRun.rows(problem: problem, values: values, jobs: jobs)
    }

    var objective: Double { result.values[best] }
}
