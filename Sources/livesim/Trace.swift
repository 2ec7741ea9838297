import ArgumentParser
import Audience
import Experiments
import Foundation
import Reports
import Scenario

/// `livesim trace`: every event of one replication, streamed to disk.
struct Trace: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Write the event trace of one replication (JSON lines or CSV).",
        discussion: """
        The trace of replication K of `livesim run FILE --seed N`: the same viewers,
        orders and amounts, one event per line in time order (types and fields in
        Docs/formats.md). Deterministic: the same file, seed and replication give
        the same bytes. --out FILE must not exist; its folder is created if missing.

        Example:
          livesim trace Scenarios/baseline.yaml --seed 1 --replication 0 --out trace.jsonl
        """
    )

    @Argument(help: "The scenario file (YAML).")
    var file: String

    @Option(parsing: .unconditional, help: "Master seed (default: the file's `seed`).")
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "Replication to trace (numbered from 0).")
    var replication: Int = 0

    @Option(help: "jsonl or csv.")
    var format: String = "jsonl"

    @Option(help: "Output file (must not exist), or - for standard output.")
    var out: String = "-"

    @Flag(help: "Also write lostSale lines (decisions to buy that found no stock: product, offer, units, amountYuan), a type outside the trace contract.")
    var lostSales = false

    func run() throws {
        guard let format = TraceWriter.Format(rawValue: format) else {
            throw ExperimentError.badInput("--format \(format): expected jsonl or csv")
        }
        guard (0..<ScenarioLoader.maximumReplications).contains(replication) else {
            throw ExperimentError.badInput("--replication \(replication): expected 0 to \(ScenarioLoader.maximumReplications - 1)")
        }
        try ReplicationSettings.check(seed: seed)
        let scenario = try ScenarioLoader.load(file: file)
        guard case .stream(let simulation) = try Replicable(scenario) else {
            throw ExperimentError.badInput("\(file): a season; `trace` writes the events of one stream — expected a scenario without `season:`")
        }
        let seed = seed ?? scenario.document.seed
        try ReplicationSettings.check(seed: seed)
        if out == "-" {
            var writer = try TraceWriter(writer: BufferedWriter(), format: format, configuration: scenario.configuration,
                                         includeLostSales: lostSales)
            _ = simulation.run(seed: seed, replication: replication, sink: &writer)
            try writer.finish()
            return
        }
        let removed = try FileSystem.writeNewFile(at: out) { path in
            var writer = try TraceWriter(writer: BufferedWriter(path: path), format: format, configuration: scenario.configuration,
                                         includeLostSales: lostSales)
            _ = simulation.run(seed: seed, replication: replication, sink: &writer)
            try writer.finish()
        }
        for path in removed { printNote("removed \(path), left by a run that was killed") }
    }
}
