/// Which series pins which parameter: for each target series and fitted
/// parameter, how much that series' scaled deviance (summed over streams)
/// rises from the best point to the ends of the parameter's profile walk —
/// the profile points that bound its interval (the first outside the
/// threshold on each side, or the farthest reached) — averaged over the two
/// sides. A series whose deviance rises by several units as the parameter
/// leaves its interval carries the evidence; one that stays flat (or falls,
/// traded against another) does not.
enum Sensitivity {
    /// Rows: target series; columns: parameters; nil where no profile point exists.
    static func compute(_ result: Search.Result, targets: Int) -> [[Double?]] {
        guard let best = Intervals.best(result) else { return [] }
        let objective = result.objective
        let base = objective.perSeries(result.evaluations[result.estimate], targets: targets)
        var out = [[Double?]](repeating: Array(repeating: nil, count: result.profiles.count), count: targets)
        let limit = result.values[best] + objective.rise
        for (j, sides) in result.profiles.enumerated() {
            var rises: [[Double]] = []
            for side in sides where !side.points.isEmpty {
                let walk = side.points.sorted { abs($0.u - side.centre) < abs($1.u - side.centre) }
                let end = walk.first { result.values[$0.evaluation] > limit } ?? walk.last!
                let there = objective.perSeries(result.evaluations[end.evaluation], targets: targets)
                rises.append(zip(there, base).map { $0 - $1 })
            }
            guard !rises.isEmpty else { continue }
            for k in 0..<targets { out[k][j] = rises.reduce(0) { $0 + $1[k] } / Double(rises.count) }
        }
        return out
    }
}
