import CGSL

/// A categorical distribution over `0..<count`, drawn in O(1) by Walker's alias
/// method (`gsl_ran_discrete`). The table is built once, at construction; never
/// build one per draw.
public final class CategoricalDistribution: @unchecked Sendable {
    // Safe to share: the table is immutable after construction and
    // gsl_ran_discrete only reads it.
    private let table: UnsafeMutablePointer<gsl_ran_discrete_t>
    /// The normalised probabilities, in category order.
    public let probabilities: [Double]

    /// Builds the table from non-negative weights (normalised here).
    /// Returns nil when a weight is negative or not finite, or all are zero.
    public init?(weights: [Double]) {
        GSLSetup.ensureConfigured()
        guard !weights.isEmpty, weights.allSatisfy({ $0 >= 0 && $0.isFinite }) else { return nil }
        let total = weights.reduce(0, +)
        guard total > 0, let table = weights.withUnsafeBufferPointer({
            gsl_ran_discrete_preproc(weights.count, $0.baseAddress)
        }) else { return nil }
        self.table = table
        probabilities = weights.map { $0 / total }
        let positive = weights.indices.filter { weights[$0] > 0 }
        onlyCategory = positive.count == 1 ? positive[0] : -1
    }

    deinit { gsl_ran_discrete_free(table) }

    /// The number of categories.
    public var count: Int { probabilities.count }

    /// One category index, in `0..<count`. Never returns a zero-weight category.
    /// Always one uniform, as `gsl_ran_discrete` draws (also when only one
    /// category has weight, where the table is skipped), so the source stays aligned.
    @inlinable
    public func sample<R: RandomSource>(using source: inout R) -> Int {
        if onlyCategory >= 0 {
            _ = source.uniform()
            return onlyCategory
        }
        return source.withGSLGenerator { rawSample($0) }
    }

    /// The one category with weight, or −1 when several have.
    @usableFromInline let onlyCategory: Int

    @usableFromInline
    func rawSample(_ rng: UnsafeMutablePointer<gsl_rng>) -> Int {
        var index = Int(gsl_ran_discrete(rng, table))
        // Floating-point rounding in the alias table can, in principle, land
        // on a zero-weight category; map it to the nearest category with weight.
        if index >= probabilities.count || probabilities[index] == 0 {
            index = probabilities.indices.first { probabilities[$0] > 0 }!
        }
        return index
    }
}
