import Audience

/// Picks a sweep's best cell for an objective, and the cells statistically
/// tied with it. The best of many noisy cells is flattered by its own noise
/// (the winner's curse), so these cells are re-run with fresh seeds before
/// anyone trusts their numbers.
public enum BestCells {
    /// One cell's estimate of the objective.
    public struct Estimate: Sendable, Equatable {
        public var cell: Int
        public var mean: Double?
        public var interval: ClosedRange<Double>?
        public init(cell: Int, mean: Double?, interval: ClosedRange<Double>?) {
            self.cell = cell; self.mean = mean; self.interval = interval
        }
    }

    /// The best cell (highest mean, or lowest for cost-like KPIs; the lower
    /// cell number on ties) and every other cell whose mean lies inside the
    /// best cell's 95% CI, in cell order with the best first. Empty when no
    /// cell defines the objective.
    public static func select(_ estimates: [Estimate], objective: KPI) -> [Int] {
        let defined = estimates.filter { $0.mean != nil }
        guard let best = defined.min(by: { a, b in
            let (x, y) = (a.mean!, b.mean!)
            if x == y { return a.cell < b.cell }
            return objective.lowerIsBetter ? x < y : x > y
        }) else { return [] }
        let tied = defined.filter { e in
            e.cell != best.cell && (best.interval.map { $0.contains(e.mean!) } ?? (e.mean! == best.mean!))
        }
        return [best.cell] + tied.map(\.cell).sorted()
    }
}
