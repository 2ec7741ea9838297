import Foundation
import JSON

/// The texts of `estimates.csv`, `fit.csv`, `evaluations.csv` and
/// `summary.json` (columns as Docs/formats.md states them). Numbers are in
/// their shortest round-trip form and nothing depends on the clock or the
/// thread count, so the same calibration gives the same bytes.
enum CalibrationFiles {
    static func estimates(_ f: CalibrationFindings) -> String {
        var out = CalibrationFileName.estimatesColumns.joined(separator: ",") + "\n"
        for e in f.estimates {
            out += [csv(e.path), number(e.estimate), number(e.ciLow), number(e.ciHigh), number(e.min), number(e.max),
                    e.identified ? "true" : "false"].joined(separator: ",") + "\n"
        }
        return out
    }

    static func fit(_ f: CalibrationFindings) -> String {
        var out = CalibrationFileName.fitColumns.joined(separator: ",") + "\n"
        for r in f.fit {
            out += [csv(r.stream), String(r.minute), r.series, number(r.observed), number(r.mean), number(r.p5), number(r.p95)]
                .joined(separator: ",") + "\n"
        }
        return out
    }

    static func evaluations(_ f: CalibrationFindings) -> String {
        var out = CalibrationFileName.evaluationsColumns(paths: f.problem.parameters.map(\.path)).map(csv).joined(separator: ",") + "\n"
        for (e, value) in zip(f.result.evaluations, f.result.values) {
            out += ([String(e.index)] + e.values.map(number) + [number(value)]).joined(separator: ",") + "\n"
        }
        return out
    }

    static func summary(_ f: CalibrationFindings) -> String {
        let p = f.problem
        let best = f.result.evaluations[f.best]
        let estimates = JSONValue.object(zip(f.estimates, p.parameters).map { e, parameter in
            .init(e.path, .object([
                .init("estimate", .number(e.estimate)), .init("ciLow", .number(e.ciLow)), .init("ciHigh", .number(e.ciHigh)),
                .init("identified", .bool(e.identified)), .init("limitedByBudget", .bool(e.limitedByBudget)), .init("min", .number(e.min)), .init("max", .number(e.max)),
                .init("scale", .string(parameter.logScale ? "log" : "linear")),
            ]))
        })
        let perSeries = f.result.objective.perSeries(best, targets: p.targets.count)
        let sensitivity = JSONValue.object(p.targets.enumerated().map { k, series in
            .init(series, .object(p.parameters.enumerated().map { j, parameter in
                .init(parameter.path, f.sensitivity.indices.contains(k) ? (f.sensitivity[k][j].map { .number($0) } ?? .null) : .null)
            }))
        })
        let streams = JSONValue.array(p.streams.enumerated().map { s, stream in
            .object([
                .init("name", .string(stream.name)), .init("file", .string(stream.file)),
                .init("series", .object(p.targets.enumerated().map { k, series in
                    let statistics = best.statistics[s * p.targets.count + k]
                    return .init(series, .object([
                        .init("minutes", .number(Double(statistics.minutes))),
                        .init("observedTotal", .number(statistics.observedTotal)),
                        .init("simulatedTotal", .number(statistics.meanTotal)),
                        .init("deviance", .number(statistics.deviance / f.result.objective.dispersions[s * p.targets.count + k])),
                        .init("dispersion", .number(f.result.objective.dispersions[s * p.targets.count + k])),
                        .init("autocorrelationFactor", .number(statistics.autocorrelation)),
                        .init("redundancy", .number(statistics.redundancy)),
                    ]))
                })),
            ])
        })
        let phases = ["start", "refine", "profile", "estimate"].map { phase in
            JSONValue.Member(phase, .number(Double(f.result.phases.filter { $0 == phase }.count)))
        }
        let value = JSONValue.object([
            .init("estimates", estimates),
            .init("objective", .number(f.objective)),
            .init("evaluations", .number(Double(f.result.evaluations.count))),
            .init("method", .string(CalibrationFindings.method)),
            .init("threshold", .number(Objective.threshold)),
            .init("estimateEvaluation", .number(Double(f.best))),
            .init("lowestObjective", .number(f.result.values.min() ?? f.objective)),
            .init("budget", .number(Double(p.budget))),
            .init("evaluationsByPhase", .object(phases)),
            .init("seed", .number(Double(p.seed))),
            .init("replications", .number(Double(p.replications))),
            .init("targets", .array(p.targets.map { .string($0) })),
            .init("devianceBySeries", .object(zip(p.targets, perSeries).map { .init($0, .number($1)) })),
            .init("sensitivity", sensitivity),
            .init("streams", streams),
        ])
        return value.text(indent: 2) + "\n"
    }

    static func number(_ x: Double) -> String { x.isFinite ? JSONValue.format(x) : "" }

    /// A CSV field, quoted where it holds a comma, a quote or a line break.
    static func csv(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
