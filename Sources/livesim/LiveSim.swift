import ArgumentParser
import Foundation
import Scenario

/// The `livesim` command line.
@main
struct LiveSim: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "livesim",
        abstract: "Agent-based simulator of live-stream commerce audiences.",
        discussion: """
        Scenario files in (YAML), KPIs with confidence intervals out.

        Examples:
          livesim run Scenarios/baseline.yaml --replications 20
          livesim validate Scenarios/*.yaml
          livesim trace Scenarios/baseline.yaml --seed 1 --out trace.jsonl
          livesim compare Scenarios/baseline.yaml Scenarios/variants/paid-boost.yaml
          livesim sweep Scenarios/sweeps/opening-price.yaml --out Results/opening-price
        """,
        version: version,
        subcommands: [Run.self, Compare.self, Sweep.self, Merge.self, Report.self, Validate.self, Schema.self, Trace.self]
    )

    /// Exit status: 0 success, 2 bad input (nothing written), 1 anything else.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as ScenarioErrors {
            for e in error.errors { printError(e.description) }
            Foundation.exit(2)
        } catch let error as InputError {
            printError(error.message)
            Foundation.exit(2)
        } catch let error as RunFailure {
            printError(error.message)
            Foundation.exit(1)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Bad input that is not in a scenario file (an option, an output folder).
struct InputError: Error { var message: String }

/// A failure after the input was accepted (a disk error, say).
struct RunFailure: Error { var message: String }

func printError(_ message: String) {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
}

/// Loads a scenario, rendering problems as ``ScenarioErrors`` (exit 2).
func loadScenario(_ file: String) throws -> LoadedScenario {
    do { return try ScenarioLoader.load(file: file) } catch { throw error }
}

let maximumSeed = ScenarioLoader.maximumSeed
