import ArgumentParser
import Experiments
import Foundation
import HTMLReport
import Scenario

/// The `livesim` command line: it parses arguments, shows progress and
/// renders errors; every experiment it runs is a call into `Experiments`.
///
/// Every command names itself (`commandName`): without it ArgumentParser
/// derives the name from `String(describing: Self.self)`, a scan of every
/// protocol conformance in the binary per command (20 M instructions, about
/// 5 ms of every start).
@main
struct LiveSim: ParsableCommand {
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
          livesim calibrate Scenarios/calibration/past-streams.yaml --out Results/calibration
          livesim serve Scenarios/baseline.yaml
        """,
        version: LiveSimVersion.current,
        subcommands: [Run.self, Compare.self, Sweep.self, Calibrate.self, Optimise.self, Contribution.self, ABTest.self, Serve.self, Merge.self, Report.self, Validate.self, Schema.self, Trace.self]
    )

    /// Exit status: 0 success, 2 bad input (nothing written), 1 anything else.
    /// Every error is rendered here, and only here.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as ScenarioErrors {
            for e in error.errors { printError(e.description) }
            Foundation.exit(2)
        } catch let error as ExperimentError {
            printError(error.message)
            Foundation.exit(error.kind == .badInput ? 2 : 1)
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
}

/// The scenarios' warnings on standard error (things that are legal but
/// probably not meant), each once however many scenarios share the file.
func printWarnings(_ scenarios: LoadedScenario...) { printWarnings(scenarios) }

func printWarnings(_ scenarios: [LoadedScenario]) {
    var seen: Set<String> = []
    for warning in scenarios.flatMap(\.warnings) where seen.insert(warning.description).inserted {
        FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
    }
}

/// A note on standard error (something done that the user should know of).
func printNote(_ message: String) {
    FileHandle.standardError.write(Data("note: \(message)\n".utf8))
}

/// Seed, replications and threads, shared by the commands that run replications.
struct ReplicationOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Master seed (overrides the file's `seed`; 0 to 2^53).")
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "Replications, of each scenario or sweep cell (overrides the file's `replications`; 1 to 100000).")
    var replications: Int?

    @Option(parsing: .unconditional, help: "Threads (default: the CPUs this process may use); any value gives the same numbers.")
    var jobs: Int?

    /// The overrides alone, checked (before a file that could take long to load is read).
    func check() throws {
        try ReplicationSettings.check(seed: seed, replications: replications, jobs: jobs)
    }

    /// The threads asked for, or the CPUs this process may use.
    var threads: Int { jobs ?? ReplicationSettings.availableJobs }

    /// The scenario's settings with these overrides, checked.
    func settings(_ scenario: LoadedScenario) throws -> ReplicationSettings {
        try ReplicationSettings(scenario: scenario, seed: seed, replications: replications, jobs: jobs)
    }
}

/// Where results go and the language of their report.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output folder (must not exist, or be empty).")
    var out: String?

    @Option(help: "Language of report.html: en or zh.")
    var lang: ReportLanguage = .en

    func folder(scenarioName: String) throws -> OutputFolder { try outputFolder(out, scenarioName: scenarioName) }
}

/// The output folder, telling of stale temporaries of killed runs it removed.
func outputFolder(_ requested: String?, scenarioName: String) throws -> OutputFolder {
    let folder = try OutputFolder(requested: requested, scenarioName: scenarioName)
    for path in folder.removedStale { printNote("removed \(path), left by a run that was killed") }
    return folder
}

/// Which share of the work this process does: `--shard i/n`, or a scheduler's array index.
struct ShardOptions: ParsableArguments {
    @Option(help: "Run shard i of n (every n-th replication or cell from i); join the shards with `livesim merge`.")
    var shard: String?

    @Option(parsing: .unconditional, help: "Shard count for a Kubernetes Indexed Job (the index comes from JOB_COMPLETION_INDEX).")
    var shards: Int?

    func resolve() throws -> Shard {
        try Shard.resolve(explicit: shard, shards: shards, environment: ProcessInfo.processInfo.environment)
    }
}

/// Prints where the results and their report are.
func printResults(_ folder: String, report: String? = nil) {
    print("results: \(folder)")
    print("report: \(report ?? (folder as NSString).appendingPathComponent(ReportWriter.fileName))")
}

func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
