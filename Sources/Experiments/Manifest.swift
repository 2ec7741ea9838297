import Foundation
import JSON
import Reports
import Scenario

/// Who ran an experiment and when: the version, the command line (or a
/// library caller's description of itself) and the start time. Every
/// manifest ends with it, with the time the experiment finished.
public struct Provenance: Sendable {
    public var version: String
    public var commandLine: String
    public var started: Date

    public init(version: String = LiveSimVersion.current, commandLine: String = Provenance.processCommandLine, started: Date = Date()) {
        self.version = version; self.commandLine = commandLine; self.started = started
    }

    /// This process's arguments, quoted where they hold spaces.
    public static var processCommandLine: String { CommandLine.arguments.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ") }

    /// What every manifest ends with: version, command line, start and end times.
    public func members(finished: Date = Date()) -> [JSONValue.Member] {
        [.init("livesimVersion", .string(version)), .init("commandLine", .string(commandLine)),
         .init("startedAt", .string(UTCTimestamp.iso8601(started))), .init("finishedAt", .string(UTCTimestamp.iso8601(finished)))]
    }
}

/// The version of LiveSim, as manifests and `--version` give it.
public enum LiveSimVersion {
    public static let current = "0.1.0"
}

/// `manifest.json`: what was run, from which files (with their SHA-256), by
/// which version and command line, and when. The only result file with
/// timestamps and paths, so every other file is byte-identical across runs.
public enum Manifest {
    /// Writes a scenario's `manifest.json` into `directory` (a run's, or an experiment's over one scenario).
    /// - Parameters: replications: the run's (all shards'); shard: which of them this folder holds.
    public static func write(to directory: String, scenario: LoadedScenario, seed: UInt64, replications: Int, jobs: Int,
                      shard: Shard = .whole, provenance: Provenance) throws {
        let value = JSONValue.object([
            .init("scenarioFile", .string(scenario.file)),
            .init("scenarioSha256", .string(scenario.inputs.first?.sha256 ?? "")),
            .init("inputs", .array(scenario.inputs.map { .object([.init("file", .string($0.file)), .init("sha256", .string($0.sha256))]) })),
            .init("resolvedScenario", scenario.resolved),
            .init("resolvedScenarioSha256", .string(scenario.resolvedSha256)),
            .init("seed", .number(Double(seed))),
            .init("replications", .number(Double(replications))),
            .init("shard", .string(shard.description)),
            .init("jobs", .number(Double(jobs))),
        ] + provenance.members())
        try ResultFiles.write(value.text(indent: 2) + "\n", to: (directory as NSString).appendingPathComponent(ResultFileName.manifest))
    }

    /// `manifest.json` of a comparison: the scenarios in order, their folders
    /// and resolved hashes, the shared seed and replications.
    static func writeComparison(to directory: String, scenarios: [LoadedScenario], folders: [String], seed: UInt64,
                                replications: Int, jobs: Int, headline: String, provenance: Provenance) throws {
        let value = JSONValue.object([
            .init("scenarios", .array(zip(scenarios, folders).map { scenario, folder in
                .object([.init("file", .string(scenario.file)), .init("folder", .string(folder)),
                         .init("scenarioSha256", .string(scenario.inputs.first?.sha256 ?? "")),
                         .init("resolvedScenarioSha256", .string(scenario.resolvedSha256))])
            })),
            .init("seed", .number(Double(seed))),
            .init("replications", .number(Double(replications))),
            .init("commonRandomNumbers", .bool(true)),
            .init("headline", .string(headline)),
            .init("jobs", .number(Double(jobs))),
        ] + provenance.members())
        try ResultFiles.write(value.text(indent: 2) + "\n", to: (directory as NSString).appendingPathComponent(ResultFileName.manifest))
    }

    /// `manifest.json` of a sweep: the sweep and base files with their hashes,
    /// its fingerprint, seed, replications, cells and objective.
    static func sweepText(sweep: SweepDefinition, jobs: Int, shard: Shard, provenance: Provenance) -> String {
        let value = JSONValue.object([
            .init("sweepFile", .string(sweep.file)),
            .init("sweepSha256", .string(sweep.sha256)),
            .init("baseFile", .string(sweep.baseFile)),
            .init("inputs", .array(sweep.base.inputs.map { .object([.init("file", .string($0.file)), .init("sha256", .string($0.sha256))]) })),
            .init("resolvedBaseSha256", .string(sweep.base.resolvedSha256)),
            .init("fingerprint", .string(sweep.fingerprint)),
            .init("seed", .number(Double(sweep.seed))),
            .init("replications", .number(Double(sweep.replications))),
            .init("rerunReplications", .array([.number(Double(sweep.replications)), .number(Double(2 * sweep.replications - 1))])),
            .init("cells", .number(Double(sweep.cells.count))),
            .init("paths", .array(sweep.paths.map { .string($0) })),
            .init("objective", .string(sweep.objective.key)),
            .init("shard", .string(shard.description)),
            .init("jobs", .number(Double(jobs))),
        ] + provenance.members())
        return value.text(indent: 2) + "\n"
    }
}
