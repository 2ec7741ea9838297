import Audience
import JSON
import SimCore

/// What an optimisation's outputs show, computed once from the search, the
/// selection and the base plan's paired runs.
struct OptimisationFindings: Sendable {
    let definition: OptimisationDefinition
    let search: OptimisationSearch.Result
    let selection: Selection.Outcome
    let baseRuns: [KPIValues]
    let searchRuns: Int
    let selectionRuns: Int

    var chosen: Selection.Finalist { selection.finalists[selection.chosen] }
    var chosenAssessment: Assessment { Assessment(chosen.runs, definition: definition) }
    var chosenSummary: ReplicationSummary? { chosenAssessment.objective }
    var chosenObjective: (mean: Double, ciLow: Double, ciHigh: Double)? {
        guard let s = chosenSummary else { return nil }
        return (s.mean, s.confidenceInterval95?.lowerBound ?? s.mean, s.confidenceInterval95?.upperBound ?? s.mean)
    }
    var best: [(path: String, value: JSONValue)] { Array(zip(definition.paths, chosen.candidate.values)) }

    /// Chosen minus base, KPI by KPI, over the replications both define (paired).
    var differences: [(kpi: KPI, mean: Double, ciLow: Double, ciHigh: Double)] {
        KPI.allCases.compactMap { kpi in
            let pairs = zip(chosen.runs, baseRuns).compactMap { a, b in a[kpi].flatMap { x in b[kpi].map { x - $0 } } }
            guard let s = ReplicationSummary(pairs) else { return nil }
            return (kpi, s.mean, s.confidenceInterval95?.lowerBound ?? s.mean, s.confidenceInterval95?.upperBound ?? s.mean)
        }
    }

    /// The base plan's own mean per KPI on the same replications.
    func baseMean(_ kpi: KPI) -> Double? { ReplicationSummary(baseRuns.compactMap { $0[kpi] })?.mean }
    func chosenMean(_ kpi: KPI) -> Double? { ReplicationSummary(chosen.runs.compactMap { $0[kpi] })?.mean }

    var finalistRows: [(values: [JSONValue], mean: Double?, ciLow: Double?, ciHigh: Double?, probabilityBest: Double, feasible: Bool, chosen: Bool)] {
        selection.finalists.enumerated().map { i, f in
            let a = Assessment(f.runs, definition: definition)
            return (f.candidate.values, a.objective?.mean, a.objective?.confidenceInterval95?.lowerBound,
                    a.objective?.confidenceInterval95?.upperBound, f.probabilityBest, a.feasible, i == selection.chosen)
        }
    }
}
