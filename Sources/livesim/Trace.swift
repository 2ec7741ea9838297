import ArgumentParser
import Audience
import Foundation
import Reports
import Scenario

/// `livesim trace`: every event of one replication, streamed to disk.
struct Trace: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the event trace of one replication (JSON lines or CSV).",
        discussion: """
        The trace of replication K of `livesim run FILE --seed N`: the same viewers,
        orders and amounts, one event per line in time order (fields in the README).
        Deterministic: the same file, seed and replication give the same bytes.

        Example:
          livesim trace Scenarios/baseline.yaml --seed 1 --replication 0 --out trace.jsonl
        """
    )

    @Argument(help: "The scenario file (YAML).")
    var file: String

    @Option(help: "Master seed (default: the file's `seed`).")
    var seed: UInt64?

    @Option(help: "Replication to trace (numbered from 0).")
    var replication: Int = 0

    @Option(help: "jsonl or csv.")
    var format: String = "jsonl"

    @Option(help: "Output file, or - for standard output.")
    var out: String = "-"

    func run() throws {
        guard let format = TraceWriter.Format(rawValue: format) else {
            throw InputError(message: "--format \(format): expected jsonl or csv")
        }
        guard replication >= 0 && replication < 100_000 else { throw InputError(message: "--replication \(replication): expected 0 to 99999") }
        let scenario = try loadScenario(file)
        if scenario.document.season != nil {
            throw InputError(message: "\(file): a season; `trace` writes the events of one stream — expected a scenario without `season:`")
        }
        let seed = seed ?? scenario.document.seed
        guard seed <= maximumSeed else { throw InputError(message: "--seed \(seed): expected 0 to 2^53") }
        let simulation: Simulation
        do { simulation = try Simulation(configuration: scenario.configuration) } catch { throw InputError(message: "\(file): \(error)") }
        if out == "-" {
            var writer = try TraceWriter(writer: BufferedWriter(), format: format, configuration: scenario.configuration)
            _ = simulation.run(seed: seed, replication: replication, sink: &writer)
            try writer.finish()
            return
        }
        let temporary = out + ".tmp-\(getpid())"
        let cleanup = InterruptCleanup(path: temporary)
        defer { cleanup.cancel() }
        do {
            var writer = try TraceWriter(writer: BufferedWriter(path: temporary), format: format, configuration: scenario.configuration)
            _ = simulation.run(seed: seed, replication: replication, sink: &writer)
            try writer.finish()
            if FileManager.default.fileExists(atPath: out) { try FileManager.default.removeItem(atPath: out) }
            try FileManager.default.moveItem(atPath: temporary, toPath: out)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw RunFailure(message: "could not write \(out): \(error)")
        }
    }
}
