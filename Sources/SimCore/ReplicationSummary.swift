import CGSL
import Foundation

/// Mean, spread and a 95% confidence interval of one quantity across
/// independent replications.
///
/// The interval is Student's t: mean ± t(0.975, n − 1) · sd / √n, with the
/// quantile from `gsl_cdf_tdist_Pinv`. Percentiles are exact order statistics
/// with linear interpolation (`gsl_stats_quantile_from_sorted_data`, the same
/// rule as numpy's default).
public struct ReplicationSummary: Sendable, Equatable {
    public let count: Int
    public let mean: Double
    /// Nil with fewer than two replications.
    public let standardDeviation: Double?
    /// Nil with fewer than two replications.
    public let confidenceInterval95: ClosedRange<Double>?
    public let p5: Double
    public let p50: Double
    public let p95: Double

    /// Summarises `values` (one per replication); nil when empty or when a
    /// value is not finite.
    public init?(_ values: [Double]) {
        GSLSetup.ensureConfigured()
        guard !values.isEmpty, values.allSatisfy(\.isFinite) else { return nil }
        let n = values.count
        count = n
        // Summed in replication order, so the result never depends on threads.
        let mean = values.reduce(0, +) / Double(n)
        self.mean = mean
        let sorted = values.sorted()
        func quantile(_ p: Double) -> Double {
            sorted.withUnsafeBufferPointer { gsl_stats_quantile_from_sorted_data($0.baseAddress, 1, n, p) }
        }
        p5 = quantile(0.05); p50 = quantile(0.5); p95 = quantile(0.95)
        if n >= 2 {
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
            let sd = variance.squareRoot()
            standardDeviation = sd
            let halfWidth = ReplicationSummary.tQuantile975(degreesOfFreedom: n - 1) * sd / Double(n).squareRoot()
            confidenceInterval95 = (mean - halfWidth)...(mean + halfWidth)
        } else {
            standardDeviation = nil
            confidenceInterval95 = nil
        }
    }

    /// The 0.975 quantile of Student's t with `degreesOfFreedom` ≥ 1.
    public static func tQuantile975(degreesOfFreedom: Int) -> Double {
        precondition(degreesOfFreedom >= 1, "t quantile needs at least one degree of freedom")
        GSLSetup.ensureConfigured()
        return gsl_cdf_tdist_Pinv(0.975, Double(degreesOfFreedom))
    }
}
