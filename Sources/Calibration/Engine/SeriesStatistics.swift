import Audience
import Foundation

/// How one stream's simulated replications of one series compare with its
/// observed values, minute by minute: the raw pieces the objective is built
/// from (kept in the store, so a resume recomputes the objective exactly).
///
/// - `deviance`: the Poisson deviance 2 Σₜ [yₜ log(yₜ/mₜ) − (yₜ − mₜ)] of the
///   observed yₜ against the replications' mean mₜ, in the series' own units
///   (yuan for `gmvYuan`); mₜ is floored at half a unit over the replications
///   (0.5/R × the dispersion), so a minute the simulation never fills does
///   not make it infinite.
/// - `meanTotal`, `varianceTotal`: Σₜ mₜ and Σₜ vₜ (vₜ the replications'
///   sample variance at minute t); their ratio is the simulated dispersion
///   (1 for Poisson counts, about the order value for yuan).
/// - `residualSquares`: Σₜ (yₜ − mₜ)², for the dispersion the observed data show.
/// - `autocorrelation`: the long-run variance factor κ = 1 + 2 Σₗ ρₗ of the
///   replications' Pearson residuals (summed by Geyer's initial positive
///   sequence), at least 1: how many minutes of the series carry one
///   minute's worth of independent information (concurrent viewers are a
///   stock, so neighbouring minutes repeat each other).
/// - `observedTotal`: Σₜ yₜ, and `minutes` compared (the shorter of the
///   observed and simulated series).
struct SeriesStatistics: Sendable, Equatable {
    var deviance: Double
    var meanTotal: Double
    var varianceTotal: Double
    var residualSquares: Double
    var autocorrelation: Double
    var observedTotal: Double
    var minutes: Int
    /// The stream's redundancy among its target series (the same for each of
    /// them): see ``redundancy(_:)``.
    var redundancy = 1.0

    /// Numbers per record in the store.
    static let width = 8

    var stored: [Double] { [deviance, meanTotal, varianceTotal, residualSquares, autocorrelation, observedTotal, Double(minutes), redundancy] }

    init(stored v: ArraySlice<Double>) {
        let v = Array(v)
        deviance = v[0]; meanTotal = v[1]; varianceTotal = v[2]; residualSquares = v[3]; autocorrelation = v[4]
        observedTotal = v[5]; minutes = Int(v[6]); redundancy = v[7]
    }

    /// How much the target series of one stream restate each other: the
    /// mean over series of Σₗ |Rₖₗ|, R the long-run correlations of the
    /// replications' Pearson residuals between series (cross-correlations
    /// summed over lags up to 10 minutes with Bartlett weights). 1 when the
    /// series are independent, K when K series are one series K times
    /// (concurrent viewers are the running sum of entries less exits). Each
    /// series' deviance is divided by it (Kish's design effect of a sum of
    /// correlated terms), so restating a series adds no evidence.
    /// - Parameter simulated: per series, per replication, per minute.
    static func redundancy(_ simulated: [[[Double]]]) -> Double {
        let k = simulated.count
        guard k > 1, let r = simulated.first?.count, r > 1 else { return 1 }
        let n = simulated.map { $0.map(\.count).min() ?? 0 }.min() ?? 0
        guard n > 1 else { return 1 }
        // Pearson residuals around each minute's mean.
        let residuals: [[[Double]]] = simulated.map { series in
            let means = (0..<n).map { t in series.reduce(0) { $0 + $1[t] } / Double(r) }
            return series.map { replication in (0..<n).map { t in (replication[t] - means[t]) / max(means[t], 0.5 / Double(r)).squareRoot() } }
        }
        let lags = min(10, n / 4)
        func covariance(_ a: Int, _ b: Int) -> Double {
            var total = 0.0
            for lag in -lags...lags {
                let weight = 1 - Double(abs(lag)) / Double(lags + 1)
                var c = 0.0
                for rep in 0..<r {
                    for t in max(0, -lag)..<min(n, n - lag) { c += residuals[a][rep][t] * residuals[b][rep][t + lag] }
                }
                total += weight * c
            }
            return total
        }
        let variances = (0..<k).map { covariance($0, $0) }
        var sum = 0.0
        for a in 0..<k {
            for b in 0..<k {
                if a == b { sum += 1; continue }
                guard variances[a] > 0, variances[b] > 0 else { continue }
                sum += min(1, abs(covariance(a, b)) / (variances[a] * variances[b]).squareRoot())
            }
        }
        return min(Double(k), max(1, sum / Double(k)))
    }

    /// The simulated dispersion Σv / Σm (1 where the simulation shows none).
    var simulatedDispersion: Double {
        guard meanTotal > 0, varianceTotal > 0 else { return 1 }
        return varianceTotal / meanTotal
    }

    /// The dispersion of the observed values around the simulated mean,
    /// Σ(y − m)² / Σm, less the part the mean's own noise explains (×1/(1 + 1/R)).
    func observedDispersion(replications: Int) -> Double {
        guard meanTotal > 0 else { return 1 }
        return residualSquares / meanTotal / (1 + 1 / Double(replications))
    }

    /// Statistics of `simulated[r][t]` (replication r, minute t) against `observed[t]`.
    init(simulated: [[Double]], observed: [Double]) {
        let r = simulated.count
        let n = min(observed.count, simulated.map(\.count).min() ?? 0)
        minutes = n
        var means = [Double](repeating: 0, count: n), variances = [Double](repeating: 0, count: n)
        for t in 0..<n {
            var sum = 0.0
            for k in 0..<r { sum += simulated[k][t] }
            let m = sum / Double(r)
            var squares = 0.0
            for k in 0..<r { let d = simulated[k][t] - m; squares += d * d }
            means[t] = m
            variances[t] = r > 1 ? squares / Double(r - 1) : 0
        }
        meanTotal = means.reduce(0, +)
        varianceTotal = variances.reduce(0, +)
        let dispersion = meanTotal > 0 && varianceTotal > 0 ? varianceTotal / meanTotal : 1
        let floor = 0.5 / Double(r) * max(1, dispersion)
        var deviance = 0.0, residuals = 0.0, observedSum = 0.0
        for t in 0..<n {
            let y = observed[t], m = max(means[t], floor)
            deviance += 2 * ((y > 0 ? y * log(y / m) : 0) - (y - m))
            residuals += (y - means[t]) * (y - means[t])
            observedSum += y
        }
        self.deviance = max(0, deviance)
        residualSquares = residuals
        observedTotal = observedSum
        // Pearson residuals of each replication around the mean, then their
        // autocorrelations pooled over replications, summed by Geyer's initial
        // positive sequence: pairs ρ₂ₖ + ρ₂ₖ₊₁ are added while positive (an
        // untapered sum where the correlation is real, stopping where noise begins).
        var e = [[Double]](repeating: [], count: r)
        var energy = 0.0
        for k in 0..<r {
            e[k] = (0..<n).map { t in (simulated[k][t] - means[t]) / max(means[t], floor).squareRoot() }
            energy += e[k].reduce(0) { $0 + $1 * $1 }
        }
        func rho(_ l: Int) -> Double {
            guard l > 0 else { return 1 }
            guard l < n else { return 0 }
            var c = 0.0
            for k in 0..<r { for t in 0..<(n - l) { c += e[k][t] * e[k][t + l] } }
            return c / energy
        }
        var factor = 1.0
        if energy > 0 {
            var sum = 0.0
            var pair = 0
            while 2 * pair + 1 < n / 2 {
                let gamma = rho(2 * pair) + rho(2 * pair + 1)
                guard gamma > 0 else { break }
                sum += gamma
                pair += 1
            }
            factor = 2 * sum - 1
        }
        autocorrelation = max(1, factor)
    }

    /// One series of a simulated stream's minutes by its `timeseries.csv` name.
    static func series(_ name: String, of minutes: [MinuteResult]) -> [Double] {
        switch name {
        case "concurrentViewers": minutes.map(\.concurrentViewers)
        case "entries": minutes.map { Double($0.entries) }
        case "exits": minutes.map { Double($0.exits) }
        case "interactions": minutes.map { Double($0.interactions) }
        case "productClicks": minutes.map { Double($0.productClicks) }
        case "orders": minutes.map { Double($0.orders) }
        case "gmvYuan": minutes.map(\.gmvYuan)
        default: []
        }
    }
}
