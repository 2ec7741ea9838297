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

    /// Profile points per side at most.
    static let maximumPoints = 6

    func run() throws -> ProfileSide {
        let j = parameter
        let start = centre.units[j]
        let room = direction < 0 ? start : 1 - start
        guard room > 1e-9 else { return ProfileSide(points: [], atBound: true, centre: start, centreEvaluation: centre.index) }
        let d = centre.units.count
        // Each point's share of this side's evaluations.
        let inner = max(3, (cap - evaluator.count) / 4)
        var points: [(u: Double, evaluation: Int)] = []
        /// (u, the other parameters' optimum) of the points so far, the centre first.
        var path: [(u: Double, others: [Double])] = [(start, centre.units)]
        var best: Double { evaluator.evaluations.lazy.map(objective.value).min() ?? .infinity }

        func point(at u: Double) throws -> Evaluation? {
            // Warm start: the others' optimum at the two points nearest u, inter- or
            // extrapolated to u (the valley's direction).
            let nearest = path.sorted { abs($0.u - u) < abs($1.u - u) }
            var guess = nearest[0].others
            if nearest.count >= 2, nearest[1].u != nearest[0].u {
                let (a, b) = (nearest[0], nearest[1])
                let t = min(2, max(-2, (u - a.u) / (b.u - a.u)))
                guess = zip(a.others, b.others).map { min(1, max(0, $0 + t * ($1 - $0))) }
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

        // Root-finding on √(rise) = √3.84 along the distance δ from the centre:
        // √(rise) is linear in δ where the profile is quadratic, so the secant
        // lands on the crossing in a step or two; a flat profile walks on (×4
        // at a time) to the bound.
        let target = Objective.threshold.squareRoot()
        func rootRise(_ value: Double) -> Double { max(0, value - best).squareRoot() }
        var inside = (delta: 0.0, root: rootRise(objective.value(centre)))
        var outside: (delta: Double, root: Double)?
        var delta = room / 8
        for _ in 0..<Self.maximumPoints {
            let u = min(1, max(0, start + direction * delta))
            guard let e = try point(at: u) else { break }
            points.append((u, e.index))
            path.append((u, e.units))
            let root = rootRise(objective.value(e))
            if root > target {
                if outside == nil || delta < outside!.delta { outside = (delta, root) }
            } else if delta > inside.delta {
                inside = (delta, root)
            }
            if let out = outside {
                // Bracketed: stop once the bracket is tight, else the secant inside it.
                if out.delta - inside.delta <= 0.25 * out.delta { break }
                let t = out.root > inside.root ? (target - inside.root) / (out.root - inside.root) : 0.5
                delta = inside.delta + min(0.9, max(0.1, t)) * (out.delta - inside.delta)
            } else {
                if inside.delta >= room { break }
                // Not yet out: extrapolate the rise's root (at most ×4), or to the bound.
                let slope = inside.delta > 0 ? (inside.root - rootRise(objective.value(centre))) / inside.delta : 0
                let guess = slope > 0 ? inside.delta + (target - inside.root) / slope * 1.1 : 4 * inside.delta
                delta = min(room, max(inside.delta * 1.25, min(4 * inside.delta, guess)))
            }
        }
        return ProfileSide(points: points, atBound: false, centre: start, centreEvaluation: centre.index)
    }
}
