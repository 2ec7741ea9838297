/// The 95% interval of each fitted parameter from the search's evaluations:
/// where its profile crosses the minimum + 3.84 (χ²₁ 0.95) on each side,
/// between the last point inside and the first outside, widened to cover every evaluation whose objective lies within
/// the threshold (each such evaluation shows the profile is below it there;
/// a profile found by a limited search can only be too high, never too low).
/// The crossing is interpolated in √(rise), which is linear in the distance
/// where the profile is quadratic (a straight interpolation of the rise would
/// put it too near the centre, and the interval would be too narrow).
/// A side whose walk never rose above the threshold — it reached the bound,
/// or ran out of budget — extends to the bound: the data did not exclude it.
///
/// **Identified**: both sides crossed the threshold strictly inside the
/// bounds and the interval covers at most half of the range (on the
/// parameter's own scale, logarithmic where `logScale`).
struct Intervals {
    struct Interval: Sendable, Equatable {
        /// Unit-cube coordinates.
        var estimate: Double
        var low: Double
        var high: Double
        var lowCrossed: Bool
        var highCrossed: Bool
        var identified: Bool
    }

    /// Widest share of the range an identified parameter's interval may cover.
    static let identifiedWidth = 0.5

    /// The best evaluation (the lowest final objective; ties: the earlier).
    static func best(_ result: Search.Result) -> Int? {
        result.values.indices.min { (result.values[$0], $0) < (result.values[$1], $1) }
    }

    static func compute(_ result: Search.Result) -> [Interval] {
        guard let best = best(result) else { return [] }
        let minimum = result.values[best]
        let limit = minimum + Objective.threshold
        let estimate = result.evaluations[best].units
        return estimate.indices.map { j in
            var bounds: [(u: Double, crossed: Bool)] = []
            for (side, direction) in [(0, -1.0), (1, 1.0)] {
                let bound = direction < 0 ? 0.0 : 1.0
                guard j < result.profiles.count else { bounds.append((bound, false)); continue }
                let profile = result.profiles[j][side]
                // Walk out from the centre the profile started at, in order of distance.
                let walk = profile.points.map { (u: $0.u, value: result.values[$0.evaluation]) }
                    .sorted { abs($0.u - profile.centre) < abs($1.u - profile.centre) }
                // √(rise above the minimum) is linear in the distance where the profile
                // is quadratic: interpolate the crossing in it.
                func root(_ value: Double) -> Double { max(0, value - minimum).squareRoot() }
                let target = Objective.threshold.squareRoot()
                var inside = (u: profile.centre, root: root(result.values[profile.centreEvaluation]))
                var crossing: Double?
                for p in walk {
                    let r = root(p.value)
                    if r > target {
                        let t = r > inside.root ? (target - inside.root) / (r - inside.root) : 0
                        crossing = inside.u + max(0, min(1, t)) * (p.u - inside.u)
                        break
                    }
                    inside = (p.u, r)
                }
                bounds.append((crossing ?? bound, crossing != nil))
            }
            var low = bounds[0].u, high = bounds[1].u
            for (e, value) in zip(result.evaluations, result.values) where value <= limit {
                low = min(low, e.units[j]); high = max(high, e.units[j])
            }
            low = min(low, estimate[j]); high = max(high, estimate[j])
            let identified = bounds[0].crossed && bounds[1].crossed && low > 0 && high < 1 && high - low <= identifiedWidth
            return Interval(estimate: estimate[j], low: low, high: high, lowCrossed: bounds[0].crossed, highCrossed: bounds[1].crossed,
                            identified: identified)
        }
    }
}
