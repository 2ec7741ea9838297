import SimCore

/// The calibration's search, in four deterministic phases within the budget
/// of evaluations:
///
/// 1. **Start**: a Sobol design over the unit cube (a fifth of the budget,
///    at least 2d + 2 points).
/// 2. **Refine**: Nelder–Mead from the best start (then from the next best
///    start if it converges early) on the search objective, up to 45% of the budget.
/// 3. **Fix the dispersions** at the best point so far (the final objective).
/// 4. **Profile** each parameter on each side (the rest of the budget but
///    one evaluation, shared equally): see ``Profile``.
/// 5. **Estimate**: the minimum of a quadratic surface fitted near the
///    lowest evaluations, evaluated; reported where its objective lies within
///    the interval threshold of the lowest (else the lowest evaluation is).
///
/// Every phase depends only on the evaluations' values, so a run resumed
/// from the store takes the same path and gives the same result.
struct Search {
    let evaluator: Evaluator
    let problem: CalibrationProblem

    /// What the search found.
    struct Result {
        var evaluations: [Evaluation]
        /// Which phase asked for each evaluation (`start`, `refine`, `profile`).
        var phases: [String]
        var objective: Objective
        /// The final objective of each evaluation.
        var values: [Double]
        /// Per parameter, its low and high profile sides.
        var profiles: [[ProfileSide]]
        /// The evaluation the profiles started from (the lowest when they began).
        var profileCentre: Int = 0
        /// The evaluation reported as the estimate: the fitted surface's
        /// minimum where it was evaluated and lies within the rise of the
        /// lowest objective, else the lowest evaluation.
        var estimate: Int = 0
    }

    func run() throws -> Result {
        let d = problem.parameters.count
        let budget = problem.budget
        var phases: [String] = []
        func mark(_ phase: String) { while phases.count < evaluator.count { phases.append(phase) } }

        // 1. The space-filling start.
        let starts = min(budget, max(2 * d + 2, budget / 5))
        let design = try evaluator.evaluate(SobolDesign.points(count: starts, dimension: d)).compactMap { $0 }
        mark("start")

        // 2. Nelder–Mead from the best starts, on the search objective.
        let searchCap = max(evaluator.count, budget * 9 / 20)
        let ranked = design.sorted { (Objective.search($0), $0.index) < (Objective.search($1), $1.index) }
        var tried = 0
        for start in ranked where evaluator.count < searchCap && tried < 2 {
            tried += 1
            let result = try NelderMead.minimize(start: start.units.map(ParameterSpace.z), step: 0.2, tolerance: 1e-3) { z in
                try evaluator.evaluate(z.map(ParameterSpace.u), cap: searchCap).map(Objective.search)
            }
            if let result, !result.converged { break }
        }
        mark("refine")
        guard let reference = evaluator.evaluations.min(by: { (Objective.search($0), $0.index) < (Objective.search($1), $1.index) }) else {
            return Result(evaluations: [], phases: [], objective: Objective(dispersions: [], replications: problem.replications),
                          values: [], profiles: [], estimate: 0)
        }

        // 3. The final objective: dispersions fixed at the best point.
        let objective = Objective(reference: reference, replications: problem.replications)

        // 4. Profiles, each side of each parameter with an equal share of what is left.
        let share = max(0, budget - evaluator.count - 1) / (2 * d)
        var profiles: [[ProfileSide]] = []
        let centre = evaluator.evaluations.min { (objective.value($0), $0.index) < (objective.value($1), $1.index) }!
        let quadratic = LocalQuadratic.fit(units: evaluator.evaluations.map(\.units), values: evaluator.evaluations.map(objective.value),
                                           centre: centre.units)
        for j in 0..<d {
            var sides: [ProfileSide] = []
            for direction in [-1.0, 1.0] {
                let profile = Profile(evaluator: evaluator, objective: objective, parameter: j, direction: direction, centre: centre,
                                      cap: evaluator.count + share, quadratic: quadratic)
                sides.append(try profile.run())
            }
            profiles.append(sides)
        }
        mark("profile")

        // 5. The estimate: the minimum of a quadratic surface fitted to the
        // evaluations near the lowest (the objective is rough, and its lowest
        // evaluation partly a dip of noise), evaluated with the last of the budget.
        var result = Result(evaluations: evaluator.evaluations, phases: phases, objective: objective,
                            values: evaluator.evaluations.map(objective.value), profiles: profiles, profileCentre: centre.index)
        let lowest = Intervals.best(result)!
        result.estimate = lowest
        if let m = Intervals.surface(result)?.minimum, m.allSatisfy({ $0.isFinite }),
           let e = try evaluator.evaluate(m.map { min(1, max(0, $0)) }) {
            mark("estimate")
            result.evaluations = evaluator.evaluations
            result.phases = phases
            result.values = result.evaluations.map(objective.value)
            if objective.value(e) <= result.values[lowest] + objective.rise { result.estimate = e.index }
        }
        return result
    }
}
