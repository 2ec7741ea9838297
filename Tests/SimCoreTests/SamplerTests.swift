import CGSL
import Foundation
@testable import SimCore
import Testing

/// Samplers against their distributions, as GSL's randist/test.c does: fixed
/// seeds; KS and chi-square rejected only at p < 0.001; moments within
/// 4 standard errors (means) or 5 (variances, whose standard error is
/// estimated from the sample's fourth central moment).
@Suite struct SamplerTests {
    static let n = 40_000

    /// Checks the sample against the CDF (KS) and against the closed-form mean and variance.
    func checkContinuous(_ xs: [Double], cdf: (Double) -> Double, mean: Double, variance: Double,
                         _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let ks = GoodnessOfFit.kolmogorovSmirnov(xs, cdf: cdf)
        #expect(ks.pValue > 0.001, "\(what): KS D = \(ks.statistic), p = \(ks.pValue)", sourceLocation: sourceLocation)
        checkMoments(xs, mean: mean, variance: variance, what, sourceLocation: sourceLocation)
    }

    func checkMoments(_ xs: [Double], mean: Double, variance: Double, _ what: String,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        let m = moments(xs)
        let n = Double(xs.count)
        let meanSE = (variance / n).squareRoot()
        #expect(abs(m.mean - mean) < 4 * meanSE,
                "\(what): mean observed \(m.mean) vs expected \(mean) (SE \(meanSE))", sourceLocation: sourceLocation)
        let varianceSE = ((m.fourthCentral - m.variance * m.variance) / n).squareRoot()
        #expect(abs(m.variance - variance) < 5 * varianceSE,
                "\(what): variance observed \(m.variance) vs expected \(variance) (SE \(varianceSE))", sourceLocation: sourceLocation)
    }

    /// Chi-square of a discrete sample against a pmf over 0...maxValue (the
    /// tail above is pooled into the last bin).
    func checkDiscrete(_ xs: [Int], pmf: (Int) -> Double, maxValue: Int, _ what: String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        var observed = Array(repeating: 0.0, count: maxValue + 2)
        for x in xs { observed[min(x, maxValue + 1)] += 1 }
        var expected = (0...maxValue).map { pmf($0) * Double(xs.count) }
        expected.append(max(0, Double(xs.count) - expected.reduce(0, +)))
        let test = GoodnessOfFit.chiSquare(observed: observed, expected: expected)
        #expect(test.pValue > 0.001, "\(what): χ² = \(test.statistic) on \(test.degreesOfFreedom) df, p = \(test.pValue)",
                sourceLocation: sourceLocation)
    }

    @Test func exponentialByMeanAndByRate() {
        let byMean = draws(Self.n, seed: 1) { $0.exponential(mean: 3) }
        checkContinuous(byMean, cdf: { gsl_cdf_exponential_P($0, 3) }, mean: 3, variance: 9, "exponential(mean: 3)")
        let byRate = draws(Self.n, seed: 2) { $0.exponential(rate: 2) }
        checkContinuous(byRate, cdf: { gsl_cdf_exponential_P($0, 0.5) }, mean: 0.5, variance: 0.25, "exponential(rate: 2)")
    }

    /// Counts of a million draws in bins against their probabilities under
    /// `cdf` (chi-square, rejected at p < 0.001): the edges are the ziggurat's
    /// own layer edges and its tail start, so a wrong layer, wedge or tail
    /// shows where the whole-sample KS test would average it away.
    func checkZigguratBins(_ draw: (inout RandomStream) -> Double, edges: [Double], cdf: (Double) -> Double, seed: UInt64, _ what: String,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        let n = 1_000_000
        var stream = RandomStream(seed: seed)
        var observed = Array(repeating: 0.0, count: edges.count + 1)
        for _ in 0..<n {
            let x = draw(&stream)
            var lo = 0, hi = edges.count
            while lo < hi { let mid = (lo + hi) / 2; if x < edges[mid] { hi = mid } else { lo = mid + 1 } }
            observed[lo] += 1
        }
        var probabilities: [Double] = []
        var previous = 0.0
        for e in edges { let c = cdf(e); probabilities.append(c - previous); previous = c }
        probabilities.append(1 - previous)
        let test = GoodnessOfFit.chiSquare(observed: observed, expected: probabilities.map { $0 * Double(n) })
        #expect(test.pValue > 0.001, "\(what): χ² = \(test.statistic) on \(test.degreesOfFreedom) df, p = \(test.pValue)",
                sourceLocation: sourceLocation)
    }

    /// The exponential's ziggurat against GSL's CDF in bins at every 8th layer
    /// edge and beyond the tail start r (P(X > r) = 4.5·10⁻⁴: about 450 of the
    /// million draws go through the tail).
    @Test func exponentialZigguratBinsAndTail() {
        let r = 7.69711747013104972
        var edges = stride(from: 0.05, to: r, by: 0.25).map { $0 }
        edges += [r, r + 1, r + 3]
        checkZigguratBins({ $0.unitExponential() }, edges: edges, cdf: { gsl_cdf_exponential_P($0, 1) }, seed: 21, "unitExponential")
    }

    /// The standard normal's ziggurat against GSL's CDF in bins, both tails
    /// beyond r (2.6·10⁻⁴ of draws), and symmetric.
    @Test func normalZigguratBinsTailsAndSymmetry() {
        let r = 3.6541528853610088
        var edges = stride(from: -r + 0.1, to: r, by: 0.2).map { $0 }
        edges = [-r - 1, -r] + edges + [r, r + 1]
        checkZigguratBins({ $0.standardNormal() }, edges: edges, cdf: { gsl_cdf_ugaussian_P($0) }, seed: 22, "standardNormal")
    }

    /// The tables close: from the published r and v, the recurrence's top
    /// layer ends at the density's peak (f = 1 at x = 0), for both samplers.
    @Test func zigguratTablesClose() {
        for (name, r, v, f) in [("exponential", 7.69711747013104972, 3.949659822581572e-3, { (x: Double) in exp(-x) }),
                                ("normal", 3.6541528853610088, 0.00492867323399, { (x: Double) in exp(-0.5 * x * x) })] {
            var x = r
            for _ in 1..<255 { x = name == "normal" ? (-2 * log(v / x + f(x))).squareRoot() : -log(v / x + f(x)) }
            // The top layer, x[255] wide, reaches from f(x[255]) to the peak: its area is v.
            let topArea = x * (1 - f(x))
            #expect(abs(topArea - v) < 1e-8 * v, "\(name): top layer area \(topArea) vs v = \(v)")
            // The base strip: rectangle to r plus the tail, v in all.
            let tail = name == "normal" ? (Double.pi / 2).squareRoot() * erfc(r / 2.0.squareRoot()) : exp(-r)
            #expect(abs(r * f(r) + tail - v) < 1e-10 * v, "\(name): base strip area \(r * f(r) + tail) vs v = \(v)")
        }
    }

    /// The tables the samplers read (filled in C when the program loads) are
    /// the recurrence's, computed here in Swift, bit for bit: r, every x and
    /// every f, with x decreasing from the base strip's width to 0.
    @Test func zigguratTablesAreTheRecurrences() {
        for (z, r, v, f, inverse) in [
            (Ziggurat.exponential, 7.69711747013104972, 3.949659822581572e-3,
             { (x: Double) in exp(-x) }, { (y: Double) in -log(y) }),
            (Ziggurat.normal, 3.6541528853610088, 0.00492867323399,
             { (x: Double) in exp(-0.5 * x * x) }, { (y: Double) in (-2 * log(y)).squareRoot() }),
        ] {
            var x = [Double](repeating: 0, count: 257)
            x[0] = v / f(r)
            x[1] = r
            for i in 1..<255 { x[i + 1] = inverse(v / x[i] + f(x[i])) }
            #expect(z.r == r)
            for i in 0...256 {
                #expect(z.x[i] == x[i], "x[\(i)]: \(z.x[i]) vs \(x[i])")
                #expect(z.f[i] == f(x[i]), "f[\(i)]: \(z.f[i]) vs \(f(x[i]))")
                if i > 0 { #expect(z.x[i] < z.x[i - 1]) }
            }
        }
    }

    /// A zero standard deviation gives the mean and still draws the standard
    /// normal, so the draws after it are the same as with a spread.
    @Test func normalWithZeroSpreadIsTheMeanAndKeepsAlignment() {
        for seed in 0..<200 as Range<UInt64> {
            var a = RandomStream(seed: seed), b = RandomStream(seed: seed)
            #expect(a.normal(mean: 0.25, standardDeviation: 0) == 0.25)
            _ = b.normal(mean: 0.25, standardDeviation: 2)
            #expect(a == b)
        }
    }

    @Test func gammaShapeAndScale() {
        let xs = draws(Self.n, seed: 3) { $0.gamma(shape: 2.5, scale: 1.5) }
        checkContinuous(xs, cdf: { gsl_cdf_gamma_P($0, 2.5, 1.5) }, mean: 2.5 * 1.5, variance: 2.5 * 1.5 * 1.5, "gamma")
    }

    @Test func lognormalBothParametrisations() {
        let (mu, sigma) = (1.0, 0.5)
        let xs = draws(Self.n, seed: 4) { $0.lognormal(logMean: mu, logSD: sigma) }
        let mean = exp(mu + sigma * sigma / 2)
        checkContinuous(xs, cdf: { gsl_cdf_lognormal_P($0, mu, sigma) }, mean: mean,
                        variance: expm1(sigma * sigma) * mean * mean, "lognormal(logMean:logSD:)")
        let ys = draws(Self.n, seed: 5) { $0.lognormal(mean: 120, coefficientOfVariation: 0.8) }
        checkMoments(ys, mean: 120, variance: pow(0.8 * 120, 2), "lognormal(mean:coefficientOfVariation:)")
    }

    @Test func normalMeanAndDeviation() {
        let xs = draws(Self.n, seed: 13) { $0.normal(mean: -2, standardDeviation: 3) }
        checkContinuous(xs, cdf: { gsl_cdf_gaussian_P($0 + 2, 3) }, mean: -2, variance: 9, "normal")
    }

    @Test func weibullScaleAndShape() {
        let (scale, shape) = (2.0, 1.5)
        let xs = draws(Self.n, seed: 6) { $0.weibull(scale: scale, shape: shape) }
        let m1 = scale * tgamma(1 + 1 / shape), m2 = scale * scale * tgamma(1 + 2 / shape)
        checkContinuous(xs, cdf: { gsl_cdf_weibull_P($0, scale, shape) }, mean: m1, variance: m2 - m1 * m1, "weibull")
    }

    @Test func poissonSmallAndLargeMeans() {
        // GSL switches algorithm for large means; check both regimes.
        for (mean, seed) in [(4.5, UInt64(7)), (250.0, 8)] {
            var stream = RandomStream(seed: seed)
            let xs = (0..<Self.n).map { _ in stream.poisson(mean: mean) }
            checkDiscrete(xs, pmf: { gsl_ran_poisson_pdf(UInt32($0), mean) }, maxValue: Int(mean * 2 + 20), "poisson(\(mean))")
            checkMoments(xs.map(Double.init), mean: mean, variance: mean, "poisson(\(mean))")
        }
        var stream = RandomStream(seed: 1)
        let zero = stream.poisson(mean: 0)
        #expect(zero == 0)
    }

    @Test func binomialTrialsAndProbability() {
        var stream = RandomStream(seed: 9)
        let xs = (0..<Self.n).map { _ in stream.binomial(trials: 20, probability: 0.3) }
        checkDiscrete(xs, pmf: { gsl_ran_binomial_pdf(UInt32($0), 0.3, 20) }, maxValue: 20, "binomial")
        checkMoments(xs.map(Double.init), mean: 6, variance: 20 * 0.3 * 0.7, "binomial")
        let all = stream.binomial(trials: 5, probability: 1), none = stream.binomial(trials: 0, probability: 0.5)
        #expect(all == 5 && none == 0)
    }

    @Test func bernoulliProbability() {
        var stream = RandomStream(seed: 10)
        let hits = (0..<Self.n).reduce(0) { acc, _ in acc + (stream.bernoulli(probability: 0.27) ? 1 : 0) }
        // Binomial count: within 5 standard deviations of n·p.
        let sd = (Double(Self.n) * 0.27 * 0.73).squareRoot()
        #expect(abs(Double(hits) - 0.27 * Double(Self.n)) < 5 * sd, "hits \(hits)")
        let never = stream.bernoulli(probability: 0), always = stream.bernoulli(probability: 1)
        #expect(!never && always)
    }

    @Test func categoricalPerBinWithinFiveSigma() throws {
        let weights = [1.0, 0, 3, 6]
        let table = try #require(CategoricalDistribution(weights: weights))
        var stream = RandomStream(seed: 12)
        var counts = [0, 0, 0, 0]
        for _ in 0..<Self.n { counts[table.sample(using: &stream)] += 1 }
        #expect(counts[1] == 0, "a zero-weight category was drawn")
        for (i, p) in table.probabilities.enumerated() where p > 0 {
            let expected = p * Double(Self.n), sd = (Double(Self.n) * p * (1 - p)).squareRoot()
            #expect(abs(Double(counts[i]) - expected) < 5 * sd, "bin \(i): observed \(counts[i]) vs expected \(expected)")
        }
        #expect(CategoricalDistribution(weights: []) == nil)
        #expect(CategoricalDistribution(weights: [0, 0]) == nil)
        #expect(CategoricalDistribution(weights: [1, -1]) == nil)
        #expect(CategoricalDistribution(weights: [1, .nan]) == nil)
    }

    @Test func inversionSamplersStayFiniteAtDegenerateUniforms() throws {
        let table = try #require(CategoricalDistribution(weights: [0, 2, 0, 1, 0]))
        for u in [ConstantSource.smallest, ConstantSource.largest] {
            var source = ConstantSource(value: u)
            for x in [source.exponential(mean: 2), source.exponential(rate: 3), source.weibull(scale: 2, shape: 0.7),
                      source.uniform(lower: -1, upper: 1), source.normal(mean: 0, standardDeviation: 1) / 10] {
                #expect(x.isFinite && x >= -1, "u = \(u): \(x)")
            }
            _ = source.bernoulli(probability: 0.5)
            let category = table.sample(using: &source)
            #expect(category == 1 || category == 3, "u = \(u): zero-weight category \(category)")
        }
    }

    @Test func rejectionSamplersStayFiniteAfterDegenerateUniforms() {
        // Rejection samplers loop on a generator stuck at one value (that is
        // GSL's design); feed them extremes first, then real numbers.
        for u in [ConstantSource.smallest, ConstantSource.largest] {
            var source = ExtremesFirstSource(value: u, count: 16, seed: 3)
            let values = [source.gamma(shape: 0.5, scale: 1), source.gamma(shape: 5, scale: 2),
                          source.lognormal(logMean: 0, logSD: 1), Double(source.poisson(mean: 3)),
                          Double(source.poisson(mean: 500)), Double(source.binomial(trials: 100, probability: 0.4))]
            for x in values { #expect(x.isFinite && x >= 0, "u = \(u): \(x)") }
        }
    }
}
