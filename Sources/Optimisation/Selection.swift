import Audience
import Foundation
import SimCore

/// The final choice among the search's finalists, on fresh seeds (replication
/// indices from ``firstFreshReplication``, which the search never uses: its
/// own best is flattered by the noise it was picked on).
///
/// For the mean, the **Kim–Nelson fully sequential procedure** (KN, 2001) on
/// paired differences: every finalist runs n₀ fresh replications (the file's
/// `replications`), the variance S²ᵢₗ of each pair's differences is estimated
/// from them, and then, one replication at a time for every survivor,
/// finalist i is dropped when its mean falls below another's by more than
/// Wᵢₗ(r) = max(0, δ/(2r) · (h² S²ᵢₗ / δ² − r)), with
/// h² = (n₀ − 1) · ((2α / (k − 1))^(−2/(n₀−1)) − 1). When one survives, it is
/// the best with probability at least 1 − α = 95% whenever the best is at
/// least δ (the indifference zone) better than every other; within δ of it,
/// any is acceptable. The replications are paired (each replication index the
/// same seed for every finalist: common random numbers shrink S²ᵢₗ and so the
/// replications needed). The procedure ends by itself after h² S²/δ²
/// replications; it is stopped at ``replicationCap(budget:finalists:n0:)``
/// per finalist (the search's budget shared among the finalists), and then
/// the best mean is chosen with the probability of correct selection
/// estimated from the paired differences (a Bonferroni bound:
/// 1 − Σᵢ Φ(−(x̄_best − x̄ᵢ + δ) / seᵢ)), not guaranteed. Afterwards every
/// finalist is topped up to the same fresh replications, so all are
/// compared over the same seeds.
///
/// For the 5th percentile (not a mean of replications, so KN does not
/// apply): every finalist runs max(n₀, 40) fresh replications (within the
/// same cap) and the best
/// percentile is chosen; the probability of correct selection is the share of
/// paired bootstrap resamples (2,000, a fixed seed) in which it stays within δ
/// of the best.
///
/// Requirements are judged on the fresh means: the choice is the survivor
/// if it meets them, else the feasible finalist with the best statistic.
struct Selection {
    /// The first fresh replication index (2²⁰).
    static let firstFreshReplication = 1 << 20
    /// 1 − the probability of correct selection KN guarantees.
    static let alpha = 0.05
    /// Replications per finalist at most.
    static let maximumReplications = 500

    /// Replications per finalist the selection may reach: the search's budget
    /// shared among the finalists (so the selection costs at most as much as
    /// the search, top-ups included), at least n₀, at most ``maximumReplications``.
    static func replicationCap(budget: Int, finalists: Int, n0: Int) -> Int {
        max(n0, min(maximumReplications, budget / max(1, finalists)))
    }
    /// Fresh replications of each finalist when the 5th percentile is optimised (at least).
    static let percentileReplications = 40
    /// Bootstrap resamples for probabilityBest and the percentile's selection.
    static let resamples = 2000

    let definition: OptimisationDefinition
    let bank: RunBank

    struct Finalist {
        let candidate: Candidate
        /// Its fresh replications' KPIs, in index order.
        var runs: [KPIValues]
        /// Replications after which KN dropped it (nil: it survived).
        var eliminatedAfter: Int?
        /// Share of paired resamples in which it has the best statistic.
        var probabilityBest = 0.0
    }

    struct Outcome {
        var finalists: [Finalist]
        /// Index into `finalists` of the choice.
        var chosen: Int
        var probabilityCorrectSelection: Double
        /// KN ended with one survivor (the guarantee holds), rather than at the cap.
        var guaranteed: Bool
        var indifferenceZone: Double
    }

    /// Selects among `candidates` (the search's order, best first); δ from the
    /// file, else 1% of |the search leader's statistic| (at least 1).
    func run(_ candidates: [Candidate], leaderStatistic: Double?) throws -> Outcome {
        let delta = definition.indifferenceZone ?? max(1, 0.01 * abs(leaderStatistic ?? 0))
        let fresh = Self.firstFreshReplication
        var finalists = candidates.map { Finalist(candidate: $0, runs: [], eliminatedAfter: nil) }
        let k = finalists.count
        let objective = definition.objective
        /// Per-replication values oriented so that higher is better (nil → −∞ for the ranking).
        func oriented(_ f: Finalist) -> [Double] {
            f.runs.map { v in v[objective].map { objective.lowerIsBetter ? -$0 : $0 } ?? -1e300 }
        }
        func extend(_ indices: [Int], to r: Int) throws {
            let requests = indices.map { (candidate: finalists[$0].candidate, indices: Array(fresh..<(fresh + r))) }
            let runs = try bank.runs(requests, search: false)!
            for (i, kpis) in zip(indices, runs) { finalists[i].runs = kpis }
        }
        var guaranteed = true
        if k == 1 {
            try extend([0], to: definition.replications)
        } else if definition.statistic == .mean {
            let n0 = definition.replications
            try extend(Array(0..<k), to: n0)
            let x0 = finalists.map(oriented)
            let eta = 0.5 * (pow(2 * Self.alpha / Double(k - 1), -2 / Double(n0 - 1)) - 1)
            let h2 = 2 * eta * Double(n0 - 1)
            var s2 = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
            for i in 0..<k {
                for l in 0..<k where l != i {
                    let d = zip(x0[i], x0[l]).map { $0 - $1 }
                    let m = d.reduce(0, +) / Double(n0)
                    s2[i][l] = d.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n0 - 1)
                }
            }
            var alive = Array(0..<k)
            var r = n0
            let cap = Self.replicationCap(budget: definition.budget, finalists: k, n0: n0)
            while true {
                let means = finalists.map { f in oriented(f).reduce(0, +) / Double(f.runs.count) }
                let survivors = alive.filter { i in
                    !alive.contains { l in
                        l != i && means[i] < means[l] - max(0, delta / (2 * Double(r)) * (h2 * s2[i][l] / (delta * delta) - Double(r)))
                    }
                }
                for i in alive where !survivors.contains(i) { finalists[i].eliminatedAfter = r }
                alive = survivors
                if alive.count <= 1 { break }
                if r >= cap { guaranteed = false; break }
                r += 1
                try extend(alive, to: r)
            }
        } else {
            let cap = Self.replicationCap(budget: definition.budget, finalists: k, n0: definition.replications)
            try extend(Array(0..<k), to: min(cap, max(definition.replications, Self.percentileReplications)))
            guaranteed = false
        }
        // Every finalist on the same fresh replications (those dropped early are
        // topped up), so the rows of selection.csv compare like with like.
        let longest = finalists.map(\.runs.count).max() ?? 0
        try extend(finalists.indices.filter { finalists[$0].runs.count < longest }, to: longest)

        // probabilityBest: paired bootstrap over the replications every finalist ran.
        let common = finalists.map(\.runs.count).min() ?? 0
        let values = finalists.map { Array(oriented($0).prefix(common)) }
        var wins = [Double](repeating: 0, count: k)
        var within = [Double](repeating: 0, count: k)
        var random = SplitMix64(seed: 0x5E1EC7)
        func statistic(_ xs: [Double]) -> Double {
            definition.statistic == .mean ? xs.reduce(0, +) / Double(xs.count) : (ReplicationSummary(xs)?.p5 ?? -.infinity)
        }
        if common > 0 {
            for _ in 0..<Self.resamples {
                let picks = (0..<common).map { _ in Int(random.next() % UInt64(common)) }
                let stats = values.map { v in statistic(picks.map { v[$0] }) }
                let best = stats.max()!
                let winners = stats.indices.filter { stats[$0] == best }
                for w in winners { wins[w] += 1 / Double(winners.count) }
                for i in 0..<k where stats[i] >= best - delta { within[i] += 1 }
            }
        }
        for i in 0..<k { finalists[i].probabilityBest = wins[i] / Double(Self.resamples) }

        // The choice: the best statistic among the feasible (the survivor first, for KN).
        let assessments = finalists.map { Assessment($0.runs, definition: definition) }
        let ranked = finalists.indices.sorted { a, b in
            if (finalists[a].eliminatedAfter == nil) != (finalists[b].eliminatedAfter == nil), assessments[a].feasible, assessments[b].feasible {
                return finalists[a].eliminatedAfter == nil
            }
            return Assessment.isBetter(assessments[a], assessments[b]) || (!Assessment.isBetter(assessments[b], assessments[a]) && a < b)
        }
        let chosen = ranked[0]
        var pcs: Double
        if definition.statistic == .mean && guaranteed && finalists[chosen].eliminatedAfter == nil {
            pcs = 1 - Self.alpha
        } else if definition.statistic == .mean, k > 1 {
            // Bonferroni over the paired differences with each other finalist.
            let mine = oriented(finalists[chosen])
            var miss = 0.0
            for i in 0..<k where i != chosen {
                let other = oriented(finalists[i])
                let n = min(mine.count, other.count)
                guard n >= 2, let s = ReplicationSummary((0..<n).map { mine[$0] - other[$0] }), let sd = s.standardDeviation else { continue }
                let se = sd / Double(n).squareRoot()
                // Φ(−z) = erfc(z / √2) / 2.
                miss += se > 0 ? 0.5 * erfc((s.mean + delta) / se / 2.0.squareRoot()) : (s.mean + delta >= 0 ? 0 : 1)
            }
            pcs = max(0, 1 - miss)
        } else {
            pcs = k > 1 ? within[chosen] / Double(Self.resamples) : 1
        }
        return Outcome(finalists: finalists, chosen: chosen, probabilityCorrectSelection: pcs, guaranteed: guaranteed, indifferenceZone: delta)
    }
}
