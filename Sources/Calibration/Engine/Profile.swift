/// One side of one parameter's profile: the points the walk evaluated.
struct ProfileSide: Sendable {
    /// The parameter's unit coordinate at each point and the evaluation that
    /// minimised the objective over the other parameters there, in walking order.
    var points: [(u: Double, evaluation: Int)]
    /// The walk started on the bound (nothing to walk).
    var atBound: Bool
    /// The unit coordinate the walk started from and the evaluation there.
    var centre: Double
    var centreEvaluation: Int
}

/// The profile of the final objective along one parameter on one side of the
/// best point: at fixed values of the parameter, stepping out towards its
/// bound (1/8, 1/4, 1/2 and all of the way there), the minimum over the other
/// parameters (Nelder–Mead, warm-started where the previous points' optimum
/// points), until the profile rises more than 3.84 above the minimum; then
/// one bisection between the last point inside and the first outside. With
/// one parameter a profile point is a single evaluation.
///
/// Why a profile and not the curvature at the minimum: parameters that act
/// only together (impressions × click-through) leave a flat valley; the
/// profile follows it to the bounds, where a curvature would be singular or,
/// with simulation noise, falsely finite.
struct Profile {
    let evaluator: Evaluator
    let objective: Objective
    let parameter: Int
    /// −1 towards the lower bound, +1 towards the upper.
    let direction: Double
    let centre: Evaluation
    /// The evaluation count this side may reach.
    let cap: Int

    func run() throws -> ProfileSide {
        let j = parameter
        let start = centre.units[j]
        let room = direction < 0 ? start : 1 - start
        guard room > 1e-9 else { return ProfileSide(points: [], atBound: true, centre: start, centreEvaluation: centre.index) }
        let d = centre.units.count
        // Each point's share of this side's evaluations (five points at most).
        let inner = max(3, (cap - evaluator.count) / 5)
        var points: [(u: Double, evaluation: Int)] = []
        /// (u, the other parameters' optimum) of the points so far, the centre first.
        var path: [(u: Double, others: [Double])] = [(start, centre.units)]
        var best: Double { evaluator.evaluations.lazy.map(objective.value).min() ?? .infinity }

        func point(at u: Double) throws -> Evaluation? {
            // Warm start: the others extrapolated along the last two points (the valley's direction).
            var guess = path.last!.others
            if path.count >= 2 {
                let (a, b) = (path[path.count - 2], path[path.count - 1])
                if b.u != a.u {
                    let t = (u - b.u) / (b.u - a.u)
                    guess = zip(a.others, b.others).map { min(1, max(0, $1 + t * ($1 - $0))) }
                }
            }
            guess[j] = u
            if d == 1 { return try evaluator.evaluate(guess, cap: cap) }
            let others = (0..<d).filter { $0 != j }
            let limit = min(cap, evaluator.count + inner)
            var found: Evaluation?
            _ = try NelderMead.minimize(start: others.map { ParameterSpace.z(guess[$0]) }, step: 0.1, tolerance: 1e-3) { z in
                var units = guess
                for (k, i) in others.enumerated() { units[i] = ParameterSpace.u(z[k]) }
                units[j] = u
                guard let e = try evaluator.evaluate(units, cap: limit) else { return nil }
                if found == nil || objective.value(e) < objective.value(found!) { found = e }
                return objective.value(e)
            }
            return found
        }

        var inside = (u: start, value: objective.value(centre))
        var outside: (u: Double, value: Double)?
        for fraction in [0.125, 0.25, 0.5, 1.0] {
            let u = start + direction * fraction * room
            guard let e = try point(at: u) else { return ProfileSide(points: points, atBound: false, centre: start, centreEvaluation: centre.index) }
            points.append((u, e.index))
            path.append((u, e.units))
            let value = objective.value(e)
            if value > best + Objective.threshold { outside = (u, value); break }
            inside = (u, value)
        }
        if let out = outside {
            let u = (inside.u + out.u) / 2
            if let e = try point(at: u) {
                points.append((u, e.index))
            }
        }
        return ProfileSide(points: points, atBound: false, centre: start, centreEvaluation: centre.index)
    }
}
