import Experiments
import Foundation
import JSON

/// `manifest.json` of a calibration: the calibration and base files, every
/// observed file with its SHA-256, every scenario input with its hash, the
/// fitted paths and bounds, seed, replications, budget and jobs, then who ran
/// it and when. The only calibration file with paths and timestamps.
enum CalibrationManifest {
    static func text(_ problem: CalibrationProblem, fingerprint: String, jobs: Int, provenance: Provenance) -> String {
        var inputs: [(file: String, sha256: String)] = []
        for input in problem.base.inputs + problem.streams.flatMap(\.scenario.inputs) where !inputs.contains(where: { $0.file == input.file }) {
            inputs.append(input)
        }
        let value = JSONValue.object([
            .init("calibrationFile", .string(problem.file)),
            .init("baseFile", .string(problem.base.file)),
            .init("resolvedBaseSha256", .string(problem.base.resolvedSha256)),
            .init("observed", .array(problem.streams.map { s in
                .object([.init("name", .string(s.name)), .init("file", .string(s.file)), .init("sha256", .string(s.sha256)),
                         .init("resolvedScenarioSha256", .string(s.scenario.resolvedSha256))])
            })),
            .init("inputs", .array(inputs.map { .object([.init("file", .string($0.file)), .init("sha256", .string($0.sha256))]) })),
            .init("fit", .array(problem.parameters.map { p in
                .object([.init("path", .string(p.path)), .init("min", .number(p.min)), .init("max", .number(p.max)),
                         .init("scale", .string(p.logScale ? "log" : "linear"))])
            })),
            .init("targets", .array(problem.targets.map { .string($0) })),
            .init("fingerprint", .string(fingerprint)),
            .init("seed", .number(Double(problem.seed))),
            .init("replications", .number(Double(problem.replications))),
            .init("budget", .number(Double(problem.budget))),
            .init("commonRandomNumbers", .bool(true)),
            .init("jobs", .number(Double(jobs))),
        ] + provenance.members())
        return value.text(indent: 2) + "\n"
    }
}
