import Foundation
import Scenario

/// `manifest.json`: what was run, from which files (with their SHA-256), by
/// which version and command line, and when. The only result file with
/// timestamps and paths, so every other file is byte-identical across runs.
enum Manifest {
    static func write(to directory: String, scenario: LoadedScenario, seed: UInt64, replications: Int,
                      started: Date, finished: Date) throws {
        let iso = ISO8601DateFormatter()
        let value = JSONValue.object([
            .init("scenarioFile", .string(scenario.file)),
            .init("scenarioSha256", .string(scenario.inputs.first?.sha256 ?? "")),
            .init("inputs", .array(scenario.inputs.map { .object([.init("file", .string($0.file)), .init("sha256", .string($0.sha256))]) })),
            .init("resolvedScenario", scenario.resolved),
            .init("resolvedScenarioSha256", .string(scenario.resolvedSha256)),
            .init("seed", .number(Double(seed))),
            .init("replications", .number(Double(replications))),
            .init("livesimVersion", .string(LiveSim.version)),
            .init("commandLine", .string(CommandLine.arguments.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " "))),
            .init("startedAt", .string(iso.string(from: started))),
            .init("finishedAt", .string(iso.string(from: finished))),
        ])
        try Data((value.text(indent: 2) + "\n").utf8).write(to: URL(fileURLWithPath: (directory as NSString).appendingPathComponent("manifest.json")))
    }
}
