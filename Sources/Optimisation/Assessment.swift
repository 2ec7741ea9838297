import Audience
import SimCore

/// A candidate's standing over some replications: the objective's statistic,
/// the requirements' means and how far they are missed.
struct Assessment: Sendable {
    /// Replications it is based on.
    let replications: Int
    /// The objective KPI across the replications (nil where never defined).
    let objective: ReplicationSummary?
    /// The optimised statistic (the mean or the 5th percentile); nil where undefined.
    let statistic: Double?
    /// Requirement by requirement, the KPI's mean.
    let requirementMeans: [Double?]
    /// How far the requirements are missed (0: feasible); an undefined objective counts as missed.
    let violation: Double
    /// The statistic oriented so that higher is better (negated for cost-like KPIs).
    let score: Double?

    var feasible: Bool { violation == 0 }

    init(_ runs: [KPIValues], definition: OptimisationDefinition) {
        replications = runs.count
        let values = runs.compactMap { $0[definition.objective] }
        objective = ReplicationSummary(values)
        statistic = objective.map { definition.statistic == .mean ? $0.mean : $0.p5 }
        requirementMeans = definition.requirements.map { r in ReplicationSummary(runs.compactMap { $0[r.kpi] })?.mean }
        var violation = zip(definition.requirements, requirementMeans).reduce(0.0) { $0 + $1.0.violation($1.1) }
        if statistic == nil { violation += 1 }
        self.violation = violation
        score = statistic.map { definition.objective.lowerIsBetter ? -$0 : $0 }
    }

    /// Better first: feasible before infeasible, then the higher score, or the smaller violation.
    static func isBetter(_ a: Assessment, _ b: Assessment) -> Bool {
        if a.feasible != b.feasible { return a.feasible }
        if a.feasible { return (a.score ?? -.infinity) > (b.score ?? -.infinity) }
        return a.violation < b.violation
    }

    /// What Nelder–Mead minimises: −score where feasible, a large penalty that
    /// shrinks towards feasibility where not.
    var minimised: Double {
        feasible ? -(score ?? 0) : 1e12 * (1 + violation)
    }
}
