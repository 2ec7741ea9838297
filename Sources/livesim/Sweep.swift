import ArgumentParser
import Audience
import Experiments
import Foundation
import HTMLReport
import Reports
import ResultsStore
import Scenario
import Season
import SimCore
import Synchronization

/// `livesim sweep`: a base scenario varied over a grid or a list of points,
/// every cell over the same replications (common random numbers across
/// cells), kept in a store that survives interruption.
struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
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
        itself. Writes sweep.csv, rerun.csv, results.sqlite and manifest.json.

        Example:
          livesim sweep Scenarios/sweeps/opening-price.yaml --out /tmp/sweep
        """
    )

    @Argument(help: "The sweep file (YAML): base, replications, objective, vary or points.")
    var file: String

    @Option(help: "Master seed (overrides the sweep's `seed`, which defaults to the base's).")
    var seed: UInt64?

    @Option(help: "Replications per cell (overrides the sweep's `replications`).")
    var replications: Int?

    @Option(help: "Threads (default: the CPUs this process may use).")
    var jobs: Int?

    @Option(help: "Output folder: new, empty, or holding this sweep's results.sqlite (to resume).")
    var out: String?

    @Option(help: "Run shard i of n (every n-th cell from i) into its own folder and store; join them with `livesim merge`.")
    var shard: String?

    @Option(help: "Shard count for a Kubernetes Indexed Job (the index comes from JOB_COMPLETION_INDEX).")
    var shards: Int?

    @Option(help: "Language of report.html: en or zh.")
    var lang: ReportLanguage = .en

    func run() throws {
        if let seed, seed > maximumSeed { throw InputError(message: "--seed \(seed): expected 0 to 2^53 (\(maximumSeed))") }
        if let replications, !(1...ScenarioLoader.maximumReplications).contains(replications) {
            throw InputError(message: "--replications \(replications): expected 1 to \(ScenarioLoader.maximumReplications)")
        }
        let part = try Shard.resolve(explicit: shard, shards: shards, environment: ProcessInfo.processInfo.environment)
        let sweep = try SweepLoader.load(file: file, seed: seed, replications: replications)
        let jobs = self.jobs ?? ParallelReplications.availableCPUs()
        guard (1...4096).contains(jobs) else { throw InputError(message: "--jobs \(jobs): expected 1 to 4096") }
        let directory = try Self.prepareFolder(out ?? "Results/\(sweep.name)/\(OutputFolder.timestamp())" + (part.isWhole ? "" : "-shard-\(part.index)"))
        let store = try Self.openStore(sweep: sweep, shard: part, directory: directory)
        let started = Date()
        let runner = CellRunner(sweep: sweep, store: store, jobs: jobs)
        do {
            let cells = sweep.cells.indices.filter(part.contains)
            let reused = try runner.run(phase: ResultsStore.Phase.sweep, cells: cells, firstReplication: 0)
            if !part.isWhole {
                runner.progress.finish()
                try Self.writeAtomically(Manifest.sweepText(sweep: sweep, jobs: jobs, shard: part, started: started, finished: Date()),
                                         to: directory, name: "manifest.json")
                print("\(sweep.name): shard \(part) of \(sweep.cells.count) cells × \(sweep.replications) replications, seed \(sweep.seed)")
                print("cells: \(cells.count) (\(reused) from results.sqlite, \(cells.count - reused) computed)")
                print("results: \(directory) (join the shards with `livesim merge`)")
                return
            }
            print("\(sweep.name): \(sweep.cells.count) cells × \(sweep.replications) replications, seed \(sweep.seed), objective \(sweep.objective.key)")
            try Self.finish(sweep: sweep, store: store, runner: runner, directory: directory, jobs: jobs, started: started,
                            sweepCells: (reused, cells.count - reused), language: lang)
        } catch let error as InputError { throw error } catch let error as ScenarioErrors { throw error } catch {
            throw RunFailure(message: "the sweep stopped: \(error) (finished cells are kept in \(directory)/results.sqlite; run the same command to resume)")
        }
    }

    /// Opens the folder's store for this sweep and shard, or refuses another's.
    static func openStore(sweep: SweepDefinition, shard: Shard, directory: String) throws -> ResultsStore {
        let sweepFile = URL(fileURLWithPath: sweep.file).standardizedFileURL.path
        let details = ["sweepFile": sweepFile, "cells": String(sweep.cells.count), "seed": String(sweep.seed),
                       "replications": String(sweep.replications), "shard": shard.description]
        do {
            return try ResultsStore(path: (directory as NSString).appendingPathComponent("results.sqlite"),
                                    fingerprint: sweep.fingerprint, paths: sweep.paths, objective: sweep.objective, details: details)
        } catch let mismatch as ResultsStore.Mismatch {
            throw InputError(message: "--out \(directory): results.sqlite \(mismatch.message); expected the same sweep, or use a new --out")
        } catch {
            throw RunFailure(message: "could not open \(directory)/results.sqlite: \(error)")
        }
    }

    /// With every sweep cell in the store: re-runs the best cell and its ties
    /// with fresh seeds, writes sweep.csv, rerun.csv and manifest.json, prints the table.
    static func finish(sweep: SweepDefinition, store: ResultsStore, runner: CellRunner, directory: String, jobs: Int,
                       started: Date, sweepCells: (reused: Int, computed: Int), language: ReportLanguage) throws {
        let stored = try store.cells(.sweep)
        let objective = KPI.allCases.firstIndex(of: sweep.objective)!
        let selected = BestCells.select(stored.map { c in
            let k = c.kpis[objective]
            return .init(cell: c.cell, mean: k.mean, interval: k.ciLow.flatMap { low in k.ciHigh.map { low...$0 } })
        }, objective: sweep.objective)
        let rerunReused = try runner.run(phase: ResultsStore.Phase.rerun, cells: selected, firstReplication: sweep.replications)
        runner.progress.finish()

        let reruns = try store.cells(.rerun)
        try writeAtomically(SweepReport.csv(stored, paths: sweep.paths), to: directory, name: "sweep.csv")
        try writeAtomically(SweepReport.csv(reruns, paths: sweep.paths), to: directory, name: "rerun.csv")
        try writeAtomically(Manifest.sweepText(sweep: sweep, jobs: jobs, shard: .whole, started: started, finished: Date()),
                            to: directory, name: "manifest.json")
        let report = try ReportWriter.write(folder: directory, language: language)
        print("cells: \(sweep.cells.count) (\(sweepCells.reused) from results.sqlite, \(sweepCells.computed) computed); "
              + "re-run with fresh seeds: \(selected.count) (\(rerunReused) from results.sqlite, \(selected.count - rerunReused) computed)")
        print(SweepReport.table(sweep: stored, reruns: reruns, best: selected.first, paths: sweep.paths, objective: sweep.objective))
        print("results: \(directory)")
        print("report: \(report)")
    }

    /// Creates the folder, or accepts an existing one that is empty or holds a
    /// sweep's store (and perhaps its earlier outputs).
    static func prepareFolder(_ path: String) throws -> String {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw InputError(message: "--out \(path): a file is in the way; expected a folder") }
            let contents = (try? fm.contentsOfDirectory(atPath: path)) ?? []
            let ours: Set<String> = ["results.sqlite", "results.sqlite-journal", "results.sqlite-wal", "results.sqlite-shm",
                                     "sweep.csv", "rerun.csv", "manifest.json", "report.html"]
            guard contents.isEmpty || (contents.contains("results.sqlite") && contents.allSatisfy { ours.contains($0) || $0.hasPrefix(".") }) else {
                throw InputError(message: "--out \(path): the folder holds other files and no results.sqlite; expected a new or empty folder, or a sweep's folder to resume")
            }
        } else {
            do { try fm.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
                throw InputError(message: "--out \(path): cannot create the folder (\(error.localizedDescription))")
            }
        }
        return path
    }

    /// Writes a file under a temporary name, then renames it into place: a
    /// reader never sees half a file.
    static func writeAtomically(_ text: String, to directory: String, name: String) throws {
        let final = (directory as NSString).appendingPathComponent(name)
        let temporary = (directory as NSString).appendingPathComponent(".\(name).tmp-\(getpid())")
        try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, final) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw RunFailure(message: "could not write \(final): \(String(cString: strerror(errno)))")
        }
    }
}

/// Runs a sweep's missing cells and stores each as it finishes.
final class CellRunner {
    let sweep: SweepDefinition
    let store: ResultsStore
    let jobs: Int
    let progress: SweepProgress

    init(sweep: SweepDefinition, store: ResultsStore, jobs: Int) {
        self.sweep = sweep
        self.store = store
        self.jobs = jobs
        progress = SweepProgress(replicationsPerCell: sweep.replications)
    }

    /// Runs those of `cells` not yet in the store for `phase`, with replications
    /// `firstReplication ..< firstReplication + replications`; returns how many were already there.
    func run(phase: ResultsStore.Phase, cells: [Int], firstReplication: Int) throws -> Int {
        let finished = try store.finishedCells(phase)
        let missing = cells.filter { !finished.contains($0) }
        progress.add(cells: missing.count)
        for cell in missing {
            let scenario = try sweep.scenario(cell: cell)
            var rows: [ResultsStore.Replication] = []
            let count = sweep.replications
            if let settings = scenario.document.season {
                // A season's cell is ranked on its totals (the streams read as one).
                let season = try SeasonSimulation(stream: scenario.configuration, season: settings)
                ReplicationRunner.run(season, seed: sweep.seed, replications: Array(firstReplication..<firstReplication + count),
                                          jobs: jobs, consume: { index, result in
                                              rows.append(.init(index: index, seed: sweep.seed, kpis: result.totalKPIs))
                                          },
                                          progress: { [progress] in progress.update(replicationsInCell: $0) })
            } else {
                let simulation = try Simulation(configuration: scenario.configuration)
                ReplicationRunner.run(simulation, seed: sweep.seed, count: count, jobs: jobs, offset: firstReplication,
                                          consume: { index, result in
                                              rows.append(.init(index: index, seed: sweep.seed, kpis: result.kpis))
                                          },
                                          progress: { [progress] in progress.update(replicationsInCell: $0) })
            }
            try store.record(phase: phase, cell: cell, values: sweep.cells[cell].map(SweepReport.storedValue), replications: rows)
            progress.cellDone()
        }
        return cells.count - missing.count
    }
}

/// The sweep's progress line on standard error (cells done, replications a
/// second, time left), only on a terminal and after the first second.
final class SweepProgress: Sendable {
    let replicationsPerCell: Int
    let start = Date()
    let enabled = isatty(STDERR_FILENO) == 1
    let state = Mutex<(total: Int, done: Int, inCell: Double, shown: Bool, last: Date)>((0, 0, 0, false, .distantPast))

    init(replicationsPerCell: Int) { self.replicationsPerCell = replicationsPerCell }

    func add(cells: Int) { state.withLock { $0.total += cells } }
    func cellDone() { state.withLock { $0.done += 1; $0.inCell = 0 }; update(replicationsInCell: 0) }

    func update(replicationsInCell: Double) {
        guard enabled else { return }
        let now = Date(), elapsed = now.timeIntervalSince(start)
        guard elapsed > 1 else { return }
        let line: String? = state.withLock { s in
            if replicationsInCell > 0 { s.inCell = replicationsInCell }
            guard now.timeIntervalSince(s.last) >= 0.25, s.total > 0 else { return nil }
            s.shown = true; s.last = now
            let replicationsDone = Double(s.done * replicationsPerCell) + s.inCell
            let rate = replicationsDone / elapsed
            let left = rate > 0 ? (Double(s.total * replicationsPerCell) - replicationsDone) / rate : 0
            return "\rcell \(min(s.done + 1, s.total))/\(s.total) · \(String(format: "%.1f", rate)) replications/s · about \(Progress.duration(left)) left\u{1B}[K"
        }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    func finish() {
        if state.withLock({ $0.shown }) { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
