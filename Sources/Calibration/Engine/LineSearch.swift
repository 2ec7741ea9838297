/// The minimum along one coordinate of the unit cube by successive parabolas:
/// three points a step apart, then the vertex of the parabola through the
/// best three, the step shrinking each round. A narrow valley (two
/// parameters acting through their product) is found in four to seven
/// evaluations where a simplex would spend them on its own set-up.
enum LineSearch {
    /// Minimises `score` over `point[coordinate]` (the rest fixed) within `evaluations` calls;
    /// `score` returns nil when the budget is spent.
    /// - Returns: whether the best point found is bracketed (a higher value
    ///   tried on each side, or the bound on one side): a minimum, not the
    ///   edge of a search that ran out.
    @discardableResult
    static func minimize(at point: [Double], coordinate i: Int, step: Double, evaluations: Int,
                         _ score: ([Double]) throws -> Double?) throws -> Bool {
        var tried: [(x: Double, value: Double)] = []
        var calls = 0
        func at(_ x: Double) throws -> Bool {
            let x = min(1, max(0, x))
            guard calls < evaluations, !tried.contains(where: { $0.x == x }) else { return false }
            calls += 1
            var p = point
            p[i] = x
            guard let value = try score(p) else { calls = evaluations; return false }
            tried.append((x, value))
            return true
        }
        var h = step
        _ = try at(point[i])
        // Two more distinct points (on the other side where a bound is in the way).
        if try !at(point[i] + h) { _ = try at(point[i] - 2 * h) }
        if try !at(point[i] - h) { _ = try at(point[i] + 2 * h) }
        while calls < evaluations, tried.count >= 3 {
            let best = tried.sorted { ($0.value, $0.x) < ($1.value, $1.x) }
            let three = best.prefix(3).sorted { $0.x < $1.x }
            let (a, b, c) = (three[0], three[1], three[2])
            let numerator = (b.x - a.x) * (b.x - a.x) * (b.value - c.value) - (b.x - c.x) * (b.x - c.x) * (b.value - a.value)
            let denominator = (b.x - a.x) * (b.value - c.value) - (b.x - c.x) * (b.value - a.value)
            let curvature = ((c.value - b.value) / (c.x - b.x) - (b.value - a.value) / (b.x - a.x)) / (c.x - a.x)
            var next: Double
            var expanding = false
            if denominator != 0, curvature > 0 {
                next = b.x - 0.5 * numerator / denominator
                // Within a few steps of the best point so far.
                next = min(best[0].x + 4 * h, max(best[0].x - 4 * h, next))
            } else {
                // Not bracketed: go downhill, twice as far each time.
                next = best[0].x + (best[0].x <= b.x ? -2 * h : 2 * h)
                expanding = true
            }
            guard next.isFinite, try at(next) else {
                // The vertex was tried already (or lies outside the cube): look closer around the best.
                h /= 3
                guard h > 1e-6, calls < evaluations else { break }
                if try !at(best[0].x + h) { break }
                continue
            }
            h = expanding ? min(0.5, 2 * h) : max(h / 2, 1e-6)
        }
        guard let best = tried.min(by: { ($0.value, $0.x) < ($1.value, $1.x) }) else { return false }
        let left = best.x == 0 || tried.contains { $0.x < best.x && $0.value > best.value }
        let right = best.x == 1 || tried.contains { $0.x > best.x && $0.value > best.value }
        return left && right
    }
}
