import ArgumentParser
import Foundation
import SimCore
import Yams

/// The `livesim` command line.
@main
struct LiveSim: ParsableCommand {
    /// Bad input exits with status 2 (FORMATS.md), not ArgumentParser's 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as ValidationError {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            Foundation.exit(2)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "livesim",
        abstract: "Agent-based simulator of live-stream commerce audiences.",
        discussion: """
        Example:
          livesim demo Scenarios/demo-queue.yaml --replications 50
        """,
        subcommands: [Demo.self]
    )
}

/// `value` with `digits` decimals, independent of the locale.
func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

/// Runs the engine's reference model (an M/M/∞ queue) from a small YAML file
/// and prints its time-average occupancy against the closed form.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the engine's M/M/∞ reference model and compare it with theory.",
        discussion: """
        The file holds arrivalsPerMinute, meanStaySeconds, durationMinutes, seed and
        replications. Example:
          livesim demo Scenarios/demo-queue.yaml --replications 100 --jobs 2
        """
    )

    @Argument(help: "The demo scenario file (YAML).")
    var file: String

    @Option(help: "Master seed (overrides the file's `seed`).")
    var seed: UInt64?

    @Option(help: "Independent replications (overrides the file's `replications`).")
    var replications: Int?

    @Option(help: "Threads for replications (default: the CPUs this process may use).")
    var jobs: Int?

    struct File: Decodable {
        var arrivalsPerMinute: Double
        var meanStaySeconds: Double
        var durationMinutes: Double
        var seed: UInt64 = 1
        var replications: Int = 20
    }

    func run() throws {
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw ValidationError("\(file): cannot read the file (\(error.localizedDescription))")
        }
        let config: File
        do { config = try YAMLDecoder().decode(File.self, from: text) } catch {
            throw ValidationError("\(file): \(error)")
        }
        guard config.arrivalsPerMinute >= 0, config.meanStaySeconds > 0, config.durationMinutes > 0 else {
            throw ValidationError("\(file): arrivalsPerMinute must be ≥ 0, meanStaySeconds and durationMinutes > 0")
        }
        let count = replications ?? config.replications
        guard count >= 1 && count <= 100_000 else { throw ValidationError("--replications must be in 1...100000") }
        let threads = jobs ?? ParallelReplications.availableCPUs()
        guard threads >= 1 else { throw ValidationError("--jobs must be ≥ 1") }
        let masterSeed = seed ?? config.seed
        let model = InfiniteServerQueue(arrivalRate: config.arrivalsPerMinute / 60,
                                        meanStay: config.meanStaySeconds,
                                        horizon: config.durationMinutes * 60)
        let outcomes = ParallelReplications.map(count: count, jobs: threads) { model.run(seed: masterSeed, replication: $0) }
        let average = ReplicationSummary(outcomes.map(\.timeAverage))!
        let arrivals = ReplicationSummary(outcomes.map { Double($0.arrivals) })!
        func ci(_ s: ReplicationSummary) -> String {
            guard let c = s.confidenceInterval95 else { return "—" }
            return "[" + fixed(c.lowerBound, 2) + ", " + fixed(c.upperBound, 2) + "]"
        }
        print("M/M/∞ demo: \(count) replications, seed \(masterSeed)")
        let rows = [
            ["quantity", "mean", "95% CI", "theory"],
            ["time-average occupancy", fixed(average.mean, 2), ci(average), fixed(model.expectedTimeAverage, 2)],
            ["arrivals", fixed(arrivals.mean, 1), ci(arrivals), fixed(model.arrivalRate * model.horizon, 1)],
        ]
        let widths = (0..<4).map { c in rows.map { $0[c].count }.max()! }
        for row in rows {
            let cells = row.enumerated().map { c, text in
                let padding = String(repeating: " ", count: widths[c] - text.count)
                return c == 0 ? text + padding : padding + text
            }
            print("  " + cells.joined(separator: "  "))
        }
    }
}
