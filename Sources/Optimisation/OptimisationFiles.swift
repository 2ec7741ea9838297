import Experiments
import Foundation
import JSON

/// An optimisation's output file names.
public enum OptimisationFileName {
    public static let candidates = "optimisation.csv"
    public static let selection = "selection.csv"
    public static let best = "best.yaml"
    public static let summary = "summary.json"
    public static let report = "report.html"
    public static let manifest = "manifest.json"
    public static let store = "results.sqlite"
    static let all = [candidates, selection, best, summary, report, manifest]

    /// `optimisation.csv`'s columns: the contract's, then `phase`
    /// (`base`, `start`, `refine`), the objective's 5th percentile and the
    /// requirements' means (`<kpi>Mean`, where not the objective).
    public static func candidateColumns(_ d: OptimisationDefinition) -> [String] {
        let o = d.objective.key
        return ["candidate"] + d.paths + ["replications", "\(o)Mean", "\(o)CiLow", "\(o)CiHigh", "feasible", "phase", "\(o)P5"]
            + requirementColumns(d)
    }

    /// `selection.csv`'s columns: the same as `optimisation.csv`'s first ones,
    /// `probabilityBest`, then `eliminatedAfter` (the replications after which
    /// the procedure dropped it; empty for the survivors) and `chosen`.
    public static func selectionColumns(_ d: OptimisationDefinition) -> [String] {
        let o = d.objective.key
        return ["candidate"] + d.paths + ["replications", "\(o)Mean", "\(o)CiLow", "\(o)CiHigh", "feasible", "probabilityBest",
                                          "eliminatedAfter", "chosen", "\(o)P5"] + requirementColumns(d)
    }

    static func requirementColumns(_ d: OptimisationDefinition) -> [String] {
        var seen: Set<String> = [d.objective.key]
        return d.requirements.compactMap { seen.insert($0.kpi.key).inserted ? "\($0.kpi.key)Mean" : nil }
    }
}

/// The texts of `optimisation.csv`, `selection.csv`, `summary.json` and
/// `manifest.json`. Numbers in their shortest round-trip form; nothing but
/// the manifest depends on the clock or the thread count.
enum OptimisationFiles {
    static func number(_ x: Double?) -> String { x.map { $0.isFinite ? JSONValue.format($0) : "" } ?? "" }
    static func csv(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
    static func value(_ v: JSONValue) -> String {
        if case .string(let s) = v { return csv(s) }
        return csv(v.text())
    }

    static func requirementValues(_ f: OptimisationFindings, _ a: Assessment) -> [String] {
        var seen: Set<String> = [f.definition.objective.key]
        return zip(f.definition.requirements, a.requirementMeans).compactMap { r, mean in
            seen.insert(r.kpi.key).inserted ? number(mean) : nil
        }
    }

    static func candidates(_ f: OptimisationFindings) -> String {
        var out = OptimisationFileName.candidateColumns(f.definition).map(csv).joined(separator: ",") + "\n"
        for (i, e) in f.search.entries.enumerated() {
            let a = e.assessment
            let ci = a.objective?.confidenceInterval95
            out += ([String(i)] + e.candidate.values.map(value) + [String(e.replications), number(a.objective?.mean), number(ci?.lowerBound),
                     number(ci?.upperBound), a.feasible ? "true" : "false", e.phase, number(a.objective?.p5)]
                    + requirementValues(f, a)).joined(separator: ",") + "\n"
        }
        return out
    }

    static func selection(_ f: OptimisationFindings) -> String {
        var out = OptimisationFileName.selectionColumns(f.definition).map(csv).joined(separator: ",") + "\n"
        let index = Dictionary(uniqueKeysWithValues: f.search.entries.enumerated().map { ($1.candidate.key, $0) })
        for (i, finalist) in f.selection.finalists.enumerated() {
            let a = Assessment(finalist.runs, definition: f.definition)
            let ci = a.objective?.confidenceInterval95
            out += ([String(index[finalist.candidate.key] ?? -1)] + finalist.candidate.values.map(value)
                    + [String(finalist.runs.count), number(a.objective?.mean), number(ci?.lowerBound), number(ci?.upperBound),
                       a.feasible ? "true" : "false", number(finalist.probabilityBest), finalist.eliminatedAfter.map(String.init) ?? "",
                       i == f.selection.chosen ? "true" : "false", number(a.objective?.p5)]
                    + requirementValues(f, a)).joined(separator: ",") + "\n"
        }
        return out
    }

    static func summary(_ f: OptimisationFindings) -> String {
        let d = f.definition
        let o = f.chosenObjective
        let a = f.chosenAssessment
        let value = JSONValue.object([
            .init("best", .object(f.best.map { .init($0.path, $0.value) })),
            .init("objective", .object([.init("kpi", .string(d.objective.key)), .init("statistic", .string(d.statistic.rawValue)),
                                        .init("mean", o.map { .number($0.mean) } ?? .null), .init("ciLow", o.map { .number($0.ciLow) } ?? .null),
                                        .init("ciHigh", o.map { .number($0.ciHigh) } ?? .null),
                                        .init("p5", a.objective.map { .number($0.p5) } ?? .null),
                                        .init("replications", .number(Double(f.chosen.runs.count)))])),
            .init("probabilityCorrectSelection", .number(f.selection.probabilityCorrectSelection)),
            .init("selectionGuaranteed", .bool(f.selection.guaranteed && d.statistic == .mean)),
            .init("indifferenceZone", .number(f.selection.indifferenceZone)),
            .init("feasible", .bool(a.feasible)),
            .init("replicationRuns", .number(Double(f.searchRuns))),
            .init("budget", .number(Double(d.budget))),
            .init("selectionRuns", .number(Double(f.selectionRuns))),
            .init("candidates", .number(Double(f.search.entries.count))),
            .init("refused", .number(Double(f.search.refused.count))),
            .init("seed", .number(Double(d.seed))),
            .init("method", .string(OptimisationFindings.method)),
            .init("differenceFromBase", .object(f.differences.map { diff in
                .init(diff.kpi.key, .object([.init("chosen", f.chosenMean(diff.kpi).map { .number($0) } ?? .null),
                                             .init("base", f.baseMean(diff.kpi).map { .number($0) } ?? .null),
                                             .init("mean", .number(diff.mean)), .init("ciLow", .number(diff.ciLow)),
                                             .init("ciHigh", .number(diff.ciHigh))]))
            })),
        ])
        return value.text(indent: 2) + "\n"
    }

    static func manifest(_ d: OptimisationDefinition, jobs: Int, provenance: Provenance) -> String {
        let value = JSONValue.object([
            .init("optimisationFile", .string(d.file)),
            .init("optimisationFileSha256", .string(d.sha256)),
            .init("baseFile", .string(d.baseFile)),
            .init("resolvedBaseSha256", .string(d.base.resolvedSha256)),
            .init("inputs", .array(d.base.inputs.map { .object([.init("file", .string($0.file)), .init("sha256", .string($0.sha256))]) })),
            .init("fingerprint", .string(d.fingerprint)),
            .init("objective", .string(d.objective.key)),
            .init("statistic", .string(d.statistic.rawValue)),
            .init("decisions", .array(d.decisions.map { dec in
                switch dec.domain {
                case .range(let lo, let hi, let integer):
                    .object([.init("path", .string(dec.path)), .init("min", .number(lo)), .init("max", .number(hi)), .init("integer", .bool(integer))])
                case .values(let values):
                    .object([.init("path", .string(dec.path)), .init("values", .array(values))])
                }
            })),
            .init("constraints", .array(d.constraints.map { .string($0.text) })),
            .init("requirements", .array(d.requirements.map { .string($0.text) })),
            .init("seed", .number(Double(d.seed))),
            .init("budget", .number(Double(d.budget))),
            .init("replications", .number(Double(d.replications))),
            .init("commonRandomNumbers", .bool(true)),
            .init("jobs", .number(Double(jobs))),
        ] + provenance.members())
        return value.text(indent: 2) + "\n"
    }
}

extension OptimisationFindings {
    /// How the answer was found, as `summary.json`'s `method` states it.
    static let method = "search under common random numbers (replications 0, 1, ... of the seed for every plan): a Sobol start of plans with 2 replications each, successive halving (the better half, feasible first, goes on with twice the replications), GSL Nelder-Mead over the range decisions around the leaders on 4 replications; then a selection among the finalists on fresh seeds (replications from 1048576): for the mean, Kim and Nelson's fully sequential procedure on paired differences, which picks the best with probability at least 0.95 when it is better than the others by the indifference zone; for the 5th percentile, a paired bootstrap"
}
