/// The objective: every stream's and series' Poisson deviance, each divided
/// by its own dispersion, added up. Dividing by the dispersion puts every
/// series in "deviance units" whatever its scale (orders, yuan, viewers), so
/// that a change of 1 means the same evidence on every series, and a
/// difference of 3.84 from the minimum is the χ²₁ 95% threshold.
///
/// Two forms:
/// - the **search** form scales each series by the dispersion the
///   simulation shows at the same parameters (its variance across
///   replications over its mean, times the long-run autocorrelation factor
///   κ and the stream's redundancy among its series): a synthetic
///   likelihood the search can use before any fit exists;
/// - the **final** form fixes each series' dispersion at the best point of
///   the search: the larger of the simulated and the observed dispersion
///   (the observed data may scatter around the model more than the model's
///   own replications do), times κ and the redundancy. With the dispersions fixed, the objective
///   is a quasi-likelihood deviance whose differences are comparable across
///   parameter values: the profile and the intervals use it, and so do
///   `evaluations.csv` and the estimate.
struct Objective: Sendable {
    /// Per stream and series (the evaluations' order), the dispersion of the final form.
    let dispersions: [Double]
    let replications: Int

    /// χ²₁ 0.95 quantile: the deviance rise that bounds a 95% profile interval.
    static let threshold = 3.841458820694124

    /// The rise above the minimum that bounds a 95% interval: 3.84 × (1 + 1/R).
    /// The simulated mean the observed series are scored against is itself the
    /// mean of R replications, so an estimate carries that noise too: its
    /// variance is (1 + 1/R) times what the observed streams alone would give
    /// (the simulated-estimator correction of simulated maximum likelihood
    /// and the method of simulated moments).
    var rise: Double { Self.threshold * (1 + 1 / Double(replications)) }

    /// The search form at an evaluation.
    static func search(_ e: Evaluation) -> Double {
        e.statistics.reduce(0) { $0 + $1.deviance / ($1.simulatedDispersion * $1.autocorrelation * $1.redundancy) }
    }

    init(dispersions: [Double], replications: Int) { self.dispersions = dispersions; self.replications = replications }

    /// The final form, with dispersions fixed at `reference`.
    init(reference: Evaluation, replications: Int) {
        self.replications = replications
        dispersions = reference.statistics.map { s in
            max(s.simulatedDispersion, s.observedDispersion(replications: replications)) * s.autocorrelation * s.redundancy
        }
    }

    /// The final objective at an evaluation.
    func value(_ e: Evaluation) -> Double {
        zip(e.statistics, dispersions).reduce(0) { $0 + $1.0.deviance / $1.1 }
    }

    /// Per target series (summed over streams), the scaled deviance.
    func perSeries(_ e: Evaluation, targets: Int) -> [Double] {
        var out = [Double](repeating: 0, count: targets)
        for (i, (s, d)) in zip(e.statistics, dispersions).enumerated() { out[i % targets] += s.deviance / d }
        return out
    }
}
