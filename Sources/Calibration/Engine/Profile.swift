import SimCore

/// One side of one parameter's profile: the points the walk evaluated.
struct ProfileSide: Sendable {
    /// The parameter's unit coordinate at each point and the evaluation that
    /// minimised the objective over the other parameters there, in walking order
    /// (a point whose minimisation was not trusted is kept only below the threshold,
    /// where its value, an upper bound of the profile, still shows the profile is inside).
    var points: [(u: Double, evaluation: Int)]
    /// The walk started on the bound (nothing to walk).
    var atBound: Bool
    /// The unit coordinate the walk started from and the evaluation there.
    var centre: Double
    var centreEvaluation: Int
    /// The walk stopped short of a crossing and of the bound for lack of
    /// evaluations: this side's share ran out, or its last point's minimum
    /// over the others was not found (see ``Profile``).
    var starved = false
}

/// The walked profile of the final objective along one parameter on one
/// side of the best point: at fixed values of the parameter, the minimum
/// over the other parameters (a parabolic line search with two parameters,
/// Nelder–Mead with more; warm-started where the previous points' optimum
/// points, the first point along the valley of a quadratic fitted near the
/// minimum). The first step is that quadratic's width along the parameter;
/// then a secant on √(rise above the minimum) — linear in the distance where
/// the profile is quadratic — until the rise passes the threshold
/// (``Objective/rise``) with a tight bracket, or the bound is reached (×4 at
/// a time while the profile stays flat). With one parameter a profile point
/// is a single evaluation. A point above the threshold where the others'
/// minimum was not found — the line search did not bracket it (even after
/// going on with larger steps), or the simplex had too few evaluations to
/// converge or make as many moves as it has vertices — ends the walk without
/// a crossing: the side then extends to the bound, since a value that is
/// only an upper bound of the profile is no evidence that it rose.
///
/// The walks spread evaluations along each parameter's interval, where the
/// fitted surface of ``Intervals`` measures the curvature; where that surface
/// has no minimum (parameters that act only together, impressions ×
/// click-through, leave a flat valley), the walked profile itself gives the
/// interval: it follows the valley to the bounds, where a curvature would be
/// singular or, with simulation noise, falsely finite.
struct Profile {
    let evaluator: Evaluator
    let objective: Objective
    let parameter: Int
    /// −1 towards the lower bound, +1 towards the upper.
    let direction: Double
    let centre: Evaluation
    /// The evaluation count this side may reach.
    let cap: Int
    /// The surface fitted near the minimum: the valley's direction and width.
    let quadratic: LocalQuadratic?

    /// Profile points per side at most.
    static let maximumPoints = 6

    /// Evaluations after which a simplex over `others` parameters is trusted
    /// to have minimised them: its k + 1 vertices, then as many moves.
    static func trustedSimplexEvaluations(others: Int) -> Int { 2 * (others + 1) }

    func run() throws -> ProfileSide {
        let j = parameter
        let start = centre.units[j]
        let room = direction < 0 ? start : 1 - start
        guard room > 1e-9 else { return ProfileSide(points: [], atBound: true, centre: start, centreEvaluation: centre.index) }
        let d = centre.units.count
        // Each point's share of this side's evaluations.
        let inner = max(4, (cap - evaluator.count) / 4)
        var points: [(u: Double, evaluation: Int)] = []
        /// (u, the other parameters' optimum) of the points so far, the centre first.
        var path: [(u: Double, others: [Double])] = [(start, centre.units)]
        var best: Double { evaluator.evaluations.lazy.map(objective.value).min() ?? .infinity }

        // The fitted valley's direction (ignored where implausibly steep: a poor fit).
        let slope = (quadratic?.valleySlope(j) ?? []).map { abs($0) <= 10 ? $0 : 0 } + [Double](repeating: 0, count: quadratic == nil ? d : 0)
        /// The profile point at u, and whether its minimum over the others is trusted
        /// (bracketed by the line search; a simplex's is taken as found).
        func point(at u: Double) throws -> (evaluation: Evaluation, trusted: Bool)? {
            // Warm start: the others' optimum at the two points nearest u, inter- or
            // extrapolated to u; for the first point, the fitted valley's direction.
            let nearest = path.sorted { abs($0.u - u) < abs($1.u - u) }
            var guess = nearest[0].others
            if nearest.count >= 2, nearest[1].u != nearest[0].u {
                let (a, b) = (nearest[0], nearest[1])
                let t = min(2, max(-2, (u - a.u) / (b.u - a.u)))
                guess = zip(a.others, b.others).map { min(1, max(0, $0 + t * ($1 - $0))) }
            } else {
                guess = guess.indices.map { min(1, max(0, guess[$0] + slope[$0] * (u - start))) }
            }
            guess[j] = u
            if d == 1 { return try evaluator.evaluate(guess, cap: cap).map { ($0, true) } }
            let others = (0..<d).filter { $0 != j }
            var limit = min(cap, evaluator.count + inner)
            var found: Evaluation?
            func score(_ units: [Double]) throws -> Double? {
                guard let e = try evaluator.evaluate(units, cap: limit) else { return nil }
                if found == nil || (objective.value(e), e.index) < (objective.value(found!), found!.index) { found = e }
                return objective.value(e)
            }
            // Steps across the valley: a quarter of its fitted 95% width.
            let widths = others.map { min(0.2, max(0.002, (quadratic?.width($0) ?? 0.2) / 4)) }
            var trusted = true
            if others.count == 1 {
                trusted = try LineSearch.minimize(at: guess, coordinate: others[0], step: widths[0], evaluations: inner, score)
                // Not bracketed yet (the valley is further than the guess): go on from
                // the best point so far, with larger steps, while this side's share lasts.
                var round = 1
                while !trusted, round < 3, let from = found, evaluator.count < cap {
                    round += 1
                    limit = min(cap, evaluator.count + inner)
                    trusted = try LineSearch.minimize(at: from.units, coordinate: others[0], step: 2 * Double(round) * widths[0],
                                                      evaluations: inner, score)
                }
            } else {
                let step = widths.reduce(0, +) / Double(widths.count)
                // A simplex is trusted once it converged or, counting restarts, made
                // as many moves as it has vertices after setting them up; short of that
                // its best point is little more than the guess, whose value over-states
                // the profile. Not trusted yet: it starts again from its best point,
                // while this side's share lasts.
                let first = evaluator.count
                var from = guess
                while true {
                    let before = evaluator.count
                    let simplex = try NelderMead.minimize(start: others.map { ParameterSpace.z(from[$0]) }, step: max(0.01, 2 * step),
                                                          tolerance: 1e-3) { z in
                        var units = from
                        for (k, i) in others.enumerated() { units[i] = ParameterSpace.u(z[k]) }
                        return try score(units)
                    }
                    trusted = simplex?.converged == true || evaluator.count - first >= Self.trustedSimplexEvaluations(others: others.count)
                    // (A restart from the same point replays the stored evaluations for free, then goes on.)
                    guard !trusted, let best = found, evaluator.count < cap, evaluator.count > before else { break }
                    from = best.units
                    limit = min(cap, evaluator.count + inner)
                }
            }
            return found.map { ($0, trusted) }
        }

        // Root-finding on √(rise) = √3.84 along the distance δ from the centre:
        // √(rise) is linear in δ where the profile is quadratic, so the secant
        // lands on the crossing in a step or two; a flat profile walks on (×4
        // at a time) to the bound.
        let target = objective.rise.squareRoot()
        func rootRise(_ value: Double) -> Double { max(0, value - best).squareRoot() }
        var inside = (delta: 0.0, root: rootRise(objective.value(centre)))
        var outside: (delta: Double, root: Double)?
        // The first step: the valley's fitted width along this parameter (so the
        // first point lies where the others' optimum has barely moved, and the
        // next ones extrapolate along the valley through it), at most 1/8 of the room.
        var delta = min(room / 8, max(0.002, quadratic?.width(j) ?? room / 8))
        for _ in 0..<Self.maximumPoints {
            let u = min(1, max(0, start + direction * delta))
            guard let (e, trusted) = try point(at: u) else { break }
            let root = rootRise(objective.value(e))
            // A point above the threshold whose minimum over the others was not
            // bracketed may only be a valley not yet found: it is not evidence
            // that the profile rose, so the walk stops there, short of a crossing.
            if root > target && !trusted { break }
            points.append((u, e.index))
            path.append((u, e.units))
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
        // Neither a crossing nor the bound: the walk stopped for lack of evaluations.
        return ProfileSide(points: points, atBound: false, centre: start, centreEvaluation: centre.index,
                           starved: outside == nil && inside.delta < room)
    }
}
