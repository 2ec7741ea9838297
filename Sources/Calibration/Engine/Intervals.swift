/// The 95% interval of each fitted parameter from the search's evaluations.
///
/// The objective under common random numbers is deterministic but rough: a
/// parameter that changes arrival rates moves viewers between minutes, so a
/// 0.5% step can change the deviance by several units, as much as the
/// threshold itself, and a profile read point by point would cross it at
/// noise. So the profile is read from a quadratic surface fitted by least
/// squares to the evaluations near the minimum (the search's and the profile
/// walks'): its profile ½ (uⱼ − mⱼ)² / (H⁻¹)ⱼⱼ reaches the rise
/// 3.84 × (1 + 1/R) (``Objective/rise``) at mⱼ ± √(2 · rise · (H⁻¹)ⱼⱼ),
/// widened (in quadrature) by 1.96 standard errors of mⱼ itself: the
/// surface is fitted to a rough objective, and where its minimum lies is
/// uncertain by the fit's residual noise.
///
/// Where the surface has no minimum (its Hessian is not positive definite:
/// a flat valley, parameters acting through their product), the walked
/// profile is read instead: where it crosses the minimum + rise on each side,
/// interpolated in √(rise above the minimum) between the last point inside
/// and the first outside (√ is linear in the distance where the profile is
/// quadratic; a straight interpolation would put the crossing too near the
/// centre). A side whose walk never rose above it — it reached the bound,
/// or ran out of budget — extends to the bound: the data did not exclude it.
/// Where the profiles began from a point the search later beat by more than
/// the rise, the walks do not profile the final minimum and both ends extend
/// to the bounds. Either shortfall of evaluations is reported
/// (``Interval/limitedByBudget``): a larger budget may identify the value.
///
/// Either way the interval is widened to every evaluation within the rise
/// of the minimum (each shows the profile is below the threshold there).
///
/// **Identified**: both ends found strictly inside the bounds and the
/// interval covers at most half of the range (on the parameter's own scale,
/// logarithmic where `logScale`).
struct Intervals {
    struct Interval: Sendable, Equatable {
        /// Unit-cube coordinates.
        var estimate: Double
        var low: Double
        var high: Double
        var lowCrossed: Bool
        var highCrossed: Bool
        var identified: Bool
        /// Not identified for lack of evaluations rather than of information:
        /// the walked profile was read (the surface has no minimum) and a side
        /// ran out of evaluations before a crossing or the bound, or the
        /// profiles started from a point the search later beat by more than
        /// the rise (the search had not settled: the walks are not profiles of
        /// the final minimum). A larger budget may identify it.
        var limitedByBudget: Bool
    }

    /// Widest share of the range an identified parameter's interval may cover.
    static let identifiedWidth = 0.5

    /// The best evaluation (the lowest final objective; ties: the earlier).
    static func best(_ result: Search.Result) -> Int? {
        result.values.indices.min { (result.values[$0], $0) < (result.values[$1], $1) }
    }

    /// The quadratic surface fitted to the evaluations near the minimum (all
    /// within 4 × the rise, else 16 ×, at least three times as many as its coefficients).
    static func surface(_ result: Search.Result) -> LocalQuadratic? {
        guard let best = best(result) else { return nil }
        // Centred on the lowest evaluation (the estimate may be this surface's own minimum).
        let d = result.evaluations[best].units.count
        // Within 4 × the rise; where that has no minimum (too few points off a
        // rough valley floor), within 16 × (a wider region has more curvature in view).
        var fitted: LocalQuadratic?
        for reach in [4.0, 16.0] {
            fitted = LocalQuadratic.fit(units: result.evaluations.map(\.units), values: result.values, centre: result.evaluations[best].units,
                                        within: reach * result.objective.rise, minimumCount: 3 * (1 + d + d * (d + 1) / 2))
            if fitted?.positiveDefinite == true { break }
        }
        return fitted
    }

    static func compute(_ result: Search.Result) -> [Interval] {
        guard let best = best(result) else { return [] }
        let minimum = result.values[best]
        let rise = result.objective.rise
        let limit = minimum + rise
        let estimate = result.evaluations[result.estimate].units
        let surface = surface(result)
        let smoothedMinimum = surface?.minimum
        // The walks are profiles of the minimum they started from; one beaten by
        // more than the rise says the search had not settled when they began.
        let settled = result.profiles.isEmpty || result.values[result.profileCentre] <= limit
        return estimate.indices.map { j in
            var ends: [(u: Double, crossed: Bool)] = []
            var limitedByBudget = false
            if let q = surface, let m = smoothedMinimum, let profile = q.profileHalfWidth(j, rise: rise) {
                // The fitted surface's profile: smooth where the objective is rough;
                // widened by the uncertainty of the fitted minimum's position (in quadrature).
                let fitted = 1.959963984540054 * (q.minimumStandardError(j) ?? 0)
                let w = (profile * profile + fitted * fitted).squareRoot()
                ends = [(m[j] - w, m[j] - w > 0), (m[j] + w, m[j] + w < 1)]
            } else if !settled {
                ends = [(0, false), (1, false)]
                limitedByBudget = true
            } else {
                ends = [rawEnd(result, j, side: 0, minimum: minimum, rise: rise), rawEnd(result, j, side: 1, minimum: minimum, rise: rise)]
                limitedByBudget = j < result.profiles.count && zip(ends, result.profiles[j]).contains { !$0.crossed && $1.starved }
            }
            var low = min(1, max(0, ends[0].u)), high = min(1, max(0, ends[1].u))
            for (e, value) in zip(result.evaluations, result.values) where value <= limit {
                low = min(low, e.units[j]); high = max(high, e.units[j])
            }
            low = min(low, estimate[j]); high = max(high, estimate[j])
            let identified = ends[0].crossed && ends[1].crossed && low > 0 && high < 1 && high - low <= identifiedWidth
            return Interval(estimate: estimate[j], low: low, high: high, lowCrossed: ends[0].crossed, highCrossed: ends[1].crossed,
                            identified: identified, limitedByBudget: !identified && limitedByBudget)
        }
    }

    /// Where one side's walked profile crosses the minimum + rise (nil crossing: the bound).
    static func rawEnd(_ result: Search.Result, _ j: Int, side: Int, minimum: Double, rise: Double) -> (u: Double, crossed: Bool) {
        let bound = side == 0 ? 0.0 : 1.0
        guard j < result.profiles.count else { return (bound, false) }
        let profile = result.profiles[j][side]
        // Walk out from the centre the profile started at, in order of distance.
        let walk = profile.points.map { (u: $0.u, value: result.values[$0.evaluation]) }
            .sorted { abs($0.u - profile.centre) < abs($1.u - profile.centre) }
        // √(rise above the minimum) is linear in the distance where the profile
        // is quadratic: interpolate the crossing in it.
        func root(_ value: Double) -> Double { max(0, value - minimum).squareRoot() }
        let target = rise.squareRoot()
        var inside = (u: profile.centre, root: root(result.values[profile.centreEvaluation]))
        for p in walk {
            let r = root(p.value)
            if r > target {
                let t = r > inside.root ? (target - inside.root) / (r - inside.root) : 0
                return (inside.u + max(0, min(1, t)) * (p.u - inside.u), true)
            }
            inside = (p.u, r)
        }
        return (bound, false)
    }
}
