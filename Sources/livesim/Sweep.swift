import ArgumentParser
import Experiments
import Foundation
import HTMLReport
import Scenario

/// `livesim sweep`: a base scenario varied over a grid or a list of points,
/// every cell over the same replications, kept in a store that survives interruption.
struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a parameter sweep over a base scenario.",
        discussion: """
        Each cell (one value per varied field path) runs the sweep's replications
        with the same seeds, so differences between cells are not seed noise.
        Finished cells go to DIR/results.sqlite one transaction each: kill the
        sweep and run the same command with the same --out, and it computes only
        the missing cells (it refuses if the sweep file, its base, the seed or the
        replications changed). Then the best cell for the objective and every
        cell within its 95% CI are re-run with fresh seeds (replications R..2R−1,
        disjoint from the sweep's), since the best of many noisy cells flatters
        itself. Writes sweep.csv, rerun.csv, results.sqlite, manifest.json and report.html.

        Example:
          livesim sweep Scenarios/sweeps/opening-price.yaml --out /tmp/sweep
        """
    )

    @Argument(help: "The sweep file (YAML): base, replications, objective, vary or points.")
    var file: String

    @OptionGroup var replication: ReplicationOptions

    @Option(help: "Output folder: new, empty, or holding this sweep's results.sqlite (to resume).")
    var out: String?

    @OptionGroup var sharding: ShardOptions

    @Option(help: "Language of report.html: en or zh.")
    var lang: ReportLanguage = .en

    func run() throws {
        // The overrides are checked before the sweep file is read (its cells are loaded there).
        try replication.check()
        let shard = try sharding.resolve()
        let definition = try SweepLoader.load(file: file, seed: replication.seed, replications: replication.replications)
        let sweep = try SweepExperiment(definition, jobs: replication.threads, shard: shard)
        let progress = ProgressLine()
        let outcome = try sweep.run(in: out ?? sweep.defaultFolder, language: lang, progress: progress.handler)
        progress.finish()
        Self.print(outcome)
    }

    /// The sweep's lines: what ran, what came from the store, the ranked table.
    static func print(_ outcome: SweepOutcome, merged shards: Int? = nil) {
        let d = outcome.definition
        let cells = outcome.sweepCells
        if !outcome.shard.isWhole {
            Swift.print("\(d.name): shard \(outcome.shard) of \(d.cells.count) cells × \(d.replications) replications, seed \(d.seed)")
            Swift.print("cells: \(cells.reused + cells.computed) (\(cells.reused) from results.sqlite, \(cells.computed) computed)")
            Swift.print("results: \(outcome.directory) (join the shards with `livesim merge`)")
            return
        }
        let what = shards.map { "merged \(plural($0, "shard")), \(d.cells.count) cells" } ?? "\(d.cells.count) cells"
        Swift.print("\(d.name): \(what) × \(d.replications) replications, seed \(d.seed), objective \(d.objective.key)")
        Swift.print("cells: \(d.cells.count) (\(cells.reused) from results.sqlite, \(cells.computed) computed); "
                    + "re-run with fresh seeds: \(outcome.selected.count) (\(outcome.rerunCells.reused) from results.sqlite, \(outcome.rerunCells.computed) computed)")
        Swift.print(outcome.table)
        printResults(outcome.directory, report: outcome.report)
    }
}

/// `livesim merge`: joins the shards of a sweep or of a run into the files one
/// machine would have written.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the shards of a sweep or a run into the files of a single run.",
        discussion: """
        Each DIR is the output folder of `livesim sweep --shard i/n` (or of a
        Slurm array task or Kubernetes Indexed Job pod), or of `livesim run
        --shard i/n`. A run's shards are joined in replication order. A sweep's
        cells are copied into DIR/results.sqlite in cell order, the best cell and
        those within its CI are re-run with fresh seeds, and sweep.csv, rerun.csv,
        manifest.json and report.html are written: the same files as an unsharded
        sweep. Refused (exit 2, naming the cells or replications) when shards
        overlap or some are missing, when they belong to different sweeps or runs,
        or when the sweep file or its base changed since the shards ran.

        Example:
          livesim merge out/shard-0 out/shard-1 out/shard-2 --out out/merged
        """
    )

    @Argument(help: "Shard output folders.")
    var directories: [String]

    @Option(parsing: .unconditional, help: "Threads for the re-run (default: the CPUs this process may use).")
    var jobs: Int?

    @Option(help: "Output folder: new, empty, or an unfinished merge of the same sweep.")
    var out: String

    @Option(help: "Language of report.html: en or zh.")
    var lang: ReportLanguage = .en

    func validate() throws {
        guard !directories.isEmpty else { throw ValidationError("merge needs at least one shard folder") }
    }

    func run() throws {
        let jobs = self.jobs ?? ReplicationSettings.availableJobs
        try ReplicationSettings.check(jobs: jobs)
        if ShardMerge.areRunShards(directories) {
            let merged = try ShardMerge.mergeRuns(directories, into: { [out] in try outputFolder(out, scenarioName: $0) }, language: lang)
            print("\(merged.scenario): merged \(plural(directories.count, "shard")), \(merged.replications) replications, seed \(merged.seed)")
            printResults(merged.directory)
            return
        }
        let progress = ProgressLine()
        let outcome = try ShardMerge.mergeSweep(directories, into: out, jobs: jobs, language: lang, progress: progress.handler)
        progress.finish()
        Sweep.print(outcome, merged: directories.count)
    }
}
