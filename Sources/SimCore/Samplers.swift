import CGSL
import Foundation

/// Samplers over GSL's `gsl_ran_*`, with the meaning of every parameter in its
/// label (a mean is never passed where a rate is expected).
///
/// Arguments are programming inputs, checked with `precondition`; user input is
/// validated before it reaches here. GSL's error handler is off (``GSLSetup``).
extension RandomSource {
    /// Exponential with the given mean: `mean` times a unit exponential drawn
    /// by the ziggurat (``unitExponential()``), which skips the logarithm of
    /// inversion on about 99% of draws (every viewer event draws one). Tests
    /// check it against GSL's CDF, its tail included.
    @inlinable @inline(__always)
    public mutating func exponential(mean: Double) -> Double {
        precondition(mean > 0 && mean.isFinite, "exponential(mean:) needs a positive finite mean, got \(mean)")
        return mean * unitExponential()
    }

    /// Exponential with the given rate (events per unit time); mean 1 / rate.
    @inlinable
    public mutating func exponential(rate: Double) -> Double {
        precondition(rate > 0 && rate.isFinite, "exponential(rate:) needs a positive finite rate, got \(rate)")
        return exponential(mean: 1 / rate)
    }

    /// Gamma with shape k and scale θ: mean kθ, variance kθ² (`gsl_ran_gamma`).
    @inlinable
    public mutating func gamma(shape: Double, scale: Double) -> Double {
        precondition(shape > 0 && shape.isFinite && scale > 0 && scale.isFinite,
                     "gamma needs positive finite shape and scale, got \(shape), \(scale)")
        return withGSLGenerator { gsl_ran_gamma($0, shape, scale) }
    }

    /// Lognormal whose logarithm is normal with mean `logMean` and standard
    /// deviation `logSD` (`gsl_ran_lognormal`'s ζ and σ).
    @inlinable
    public mutating func lognormal(logMean: Double, logSD: Double) -> Double {
        precondition(logMean.isFinite && logSD > 0 && logSD.isFinite,
                     "lognormal needs a finite logMean and positive logSD, got \(logMean), \(logSD)")
        return withGSLGenerator { gsl_ran_lognormal($0, logMean, logSD) }
    }

    /// Lognormal with the given mean and coefficient of variation (sd / mean),
    /// the parametrisation scenario files use.
    @inlinable
    public mutating func lognormal(mean: Double, coefficientOfVariation cv: Double) -> Double {
        precondition(mean > 0 && cv > 0, "lognormal(mean:coefficientOfVariation:) needs positive values")
        let logVariance = log1p(cv * cv)
        return lognormal(logMean: log(mean) - logVariance / 2, logSD: logVariance.squareRoot())
    }

    /// Weibull with scale λ and shape k: P(X > x) = exp(−(x/λ)^k)
    /// (`gsl_ran_weibull(r, a: scale, b: shape)`).
    @inlinable
    public mutating func weibull(scale: Double, shape: Double) -> Double {
        precondition(scale > 0 && scale.isFinite && shape > 0 && shape.isFinite,
                     "weibull needs positive finite scale and shape, got \(scale), \(shape)")
        return withGSLGenerator { gsl_ran_weibull($0, scale, shape) }
    }

    /// Normal with the given mean and standard deviation: a standard normal
    /// by the ziggurat (``standardNormal()``), scaled. Drawn even when the
    /// deviation is 0, so the draws after it are the same whatever the spread
    /// (common random numbers).
    @inlinable
    public mutating func normal(mean: Double, standardDeviation: Double) -> Double {
        precondition(mean.isFinite && standardDeviation >= 0 && standardDeviation.isFinite,
                     "normal needs a finite mean and sd ≥ 0, got \(mean), \(standardDeviation)")
        let z = standardNormal()
        return standardDeviation == 0 ? mean : mean + standardDeviation * z
    }

    /// Poisson count with the given mean (`gsl_ran_poisson`).
    @inlinable
    public mutating func poisson(mean: Double) -> Int {
        precondition(mean >= 0 && mean < 1e15, "poisson(mean:) needs 0 ≤ mean < 1e15, got \(mean)")
        if mean == 0 { return 0 }
        return Int(withGSLGenerator { gsl_ran_poisson($0, mean) })
    }

    /// Binomial count of successes in `trials` independent trials
    /// (`gsl_ran_binomial`).
    @inlinable
    public mutating func binomial(trials: Int, probability: Double) -> Int {
        precondition(trials >= 0 && trials <= Int(UInt32.max), "binomial needs 0 ≤ trials ≤ 2³²−1, got \(trials)")
        precondition(probability >= 0 && probability <= 1, "binomial needs a probability in [0, 1], got \(probability)")
        if trials == 0 || probability == 0 { return 0 }
        if probability == 1 { return trials }
        return Int(withGSLGenerator { gsl_ran_binomial($0, probability, UInt32(trials)) })
    }

    /// True with the given probability (`gsl_ran_bernoulli`).
    @inlinable
    public mutating func bernoulli(probability: Double) -> Bool {
        precondition(probability >= 0 && probability <= 1, "bernoulli needs a probability in [0, 1], got \(probability)")
        return withGSLGenerator { gsl_ran_bernoulli($0, probability) } == 1
    }

    /// Uniform on [lower, upper).
    @inlinable
    public mutating func uniform(lower: Double, upper: Double) -> Double {
        precondition(lower <= upper, "uniform needs lower ≤ upper, got \(lower), \(upper)")
        return lower + (upper - lower) * uniform()
    }
}
