import CGSL
import Foundation

/// Classical goodness-of-fit tests, for checking samplers and models against
/// theory.
public enum GoodnessOfFit {
    /// One-sample Kolmogorov–Smirnov test of `sample` against the continuous
    /// CDF `cdf`. Returns the statistic D and its asymptotic p-value, with
    /// Stephens' small-sample correction λ = (√n + 0.12 + 0.11/√n)·D.
    public static func kolmogorovSmirnov(_ sample: [Double], cdf: (Double) -> Double) -> (statistic: Double, pValue: Double) {
        precondition(!sample.isEmpty, "KS test needs a sample")
        let sorted = sample.sorted()
        let n = Double(sorted.count)
        var d = 0.0
        for (i, x) in sorted.enumerated() {
            let f = cdf(x)
            d = max(d, f - Double(i) / n, Double(i + 1) / n - f)
        }
        let rootN = n.squareRoot()
        return (d, kolmogorovSurvival((rootN + 0.12 + 0.11 / rootN) * d))
    }

    /// Q_KS(λ) = 2 Σ_{j≥1} (−1)^{j−1} exp(−2 j² λ²), the limiting
    /// distribution of √n·D.
    public static func kolmogorovSurvival(_ lambda: Double) -> Double {
        if lambda < 0.2 { return 1 }
        var sum = 0.0
        for j in 1...100 {
            let term = exp(-2 * Double(j * j) * lambda * lambda)
            sum += (j % 2 == 1 ? term : -term)
            if term < 1e-16 { break }
        }
        return min(1, max(0, 2 * sum))
    }

    /// Pearson's chi-square test of observed counts against expected counts
    /// (bins with expectation below `minimumExpected` are pooled with their
    /// neighbour). Degrees of freedom: pooled bins − 1 − `estimatedParameters`.
    public static func chiSquare(observed: [Double], expected: [Double], estimatedParameters: Int = 0,
                                 minimumExpected: Double = 5) -> (statistic: Double, degreesOfFreedom: Int, pValue: Double) {
        precondition(observed.count == expected.count && !observed.isEmpty, "chi-square needs matching bins")
        GSLSetup.ensureConfigured()
        var pooledObserved: [Double] = [], pooledExpected: [Double] = []
        var o = 0.0, e = 0.0
        for (ob, ex) in zip(observed, expected) {
            o += ob; e += ex
            if e >= minimumExpected { pooledObserved.append(o); pooledExpected.append(e); o = 0; e = 0 }
        }
        if e > 0 || o > 0 {
            if pooledExpected.isEmpty { pooledObserved.append(o); pooledExpected.append(e) } else {
                pooledObserved[pooledObserved.count - 1] += o; pooledExpected[pooledExpected.count - 1] += e
            }
        }
        let statistic = zip(pooledObserved, pooledExpected).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) / $1.1 }
        let dof = pooledObserved.count - 1 - estimatedParameters
        guard dof >= 1 else { return (statistic, dof, 1) }
        return (statistic, dof, gsl_cdf_chisq_Q(statistic, Double(dof)))
    }
}
