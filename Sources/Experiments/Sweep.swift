import Audience
import Foundation
import HTMLReport
import Reports
import ResultsStore
import Scenario

/// A base scenario varied over a grid or a list of points, every cell over
/// the same replications (common random numbers across cells), each finished
/// cell kept in `results.sqlite` so an interrupted sweep resumes where it
/// stopped; then the best cell and those tied with it re-run on fresh seeds
/// (replications R..<2R), since the best of many noisy cells flatters itself.
/// The library form of `livesim sweep`.
///
///     let definition = try SweepLoader.load(file: "Scenarios/sweeps/opening-price.yaml", replications: 4)
///     let outcome = try SweepExperiment(definition, jobs: 2).run(in: "/tmp/opening-price")
///     print(outcome.table)
public struct SweepExperiment: Sendable {
    public let definition: SweepDefinition
    public let jobs: Int
    /// Which cells this process runs (every n-th from i); a shard writes only its store and manifest.
    public let shard: Shard

    public init(_ definition: SweepDefinition, jobs: Int, shard: Shard = .whole) throws(ExperimentError) {
        try ReplicationSettings.check(jobs: jobs)
        self.definition = definition
        self.jobs = jobs
        self.shard = shard
    }

    /// The folder a sweep writes into when none is given: `Results/<name>/<UTC timestamp>[-shard-i]`.
    public var defaultFolder: String {
        "Results/\(definition.name)/\(UTCTimestamp.compact(Date()))" + (shard.isWhole ? "" : "-shard-\(shard.index)")
    }

    /// Runs the missing cells into `directory` (new, empty, or holding this
    /// sweep's store), then — for the whole sweep — the re-run, and writes
    /// `sweep.csv`, `rerun.csv`, `manifest.json` and `report.html`.
    /// - Throws: ``ExperimentError`` (a folder or store of another sweep is bad
    ///   input; a failure mid-way keeps the finished cells for a resume), ``ScenarioErrors``.
    public func run(in directory: String, language: ReportLanguage = .en, provenance: Provenance = Provenance(),
                    progress: ProgressHandler? = nil) throws -> SweepOutcome {
        try SweepFolder.prepare(directory)
        let store = try SweepFolder.openStore(definition, shard: shard, directory: directory)
        let runner = CellRunner(definition, store: store, jobs: jobs, progress: progress)
        do {
            let cells = definition.cells.indices.filter(shard.contains)
            let reused = try runner.run(phase: .sweep, cells: cells, firstReplication: 0)
            if !shard.isWhole {
                try FileSystem.writeAtomically(Manifest.sweepText(sweep: definition, jobs: jobs, shard: shard, provenance: provenance),
                                               to: directory, name: ResultFileName.manifest)
                return SweepOutcome(definition: definition, directory: directory, sweepCells: (reused, cells.count - reused),
                                    shard: shard, cells: try store.cells(.sweep))
            }
            return try Self.finish(definition, store: store, runner: runner, directory: directory, jobs: jobs,
                                   sweepCells: (reused, cells.count - reused), language: language, provenance: provenance)
        } catch let error as ExperimentError { throw error } catch let error as ScenarioErrors { throw error } catch {
            throw ExperimentError.failure("the sweep stopped: \(FileSystem.describe(error)) (finished cells are kept in \(directory)/\(ResultFileName.store); run the same command to resume)")
        }
    }

    /// With every sweep cell in the store: re-runs the best cell and its ties
    /// with fresh seeds, writes sweep.csv, rerun.csv, manifest.json and the report.
    static func finish(_ sweep: SweepDefinition, store: ResultsStore, runner: CellRunner, directory: String, jobs: Int,
                       sweepCells: (reused: Int, computed: Int), language: ReportLanguage, provenance: Provenance) throws -> SweepOutcome {
        let stored = try store.cells(.sweep)
        let objective = KPI.allCases.firstIndex(of: sweep.objective)!
        let selected = BestCells.select(stored.map { c in
            let k = c.kpis[objective]
            return .init(cell: c.cell, mean: k.mean, interval: k.ciLow.flatMap { low in k.ciHigh.map { low...$0 } })
        }, objective: sweep.objective)
        let rerunReused = try runner.run(phase: .rerun, cells: selected, firstReplication: sweep.replications)
        let reruns = try store.cells(.rerun)
        try FileSystem.writeAtomically(SweepReport.csv(stored, paths: sweep.paths), to: directory, name: ResultFileName.sweep)
        try FileSystem.writeAtomically(SweepReport.csv(reruns, paths: sweep.paths), to: directory, name: ResultFileName.rerun)
        try FileSystem.writeAtomically(Manifest.sweepText(sweep: sweep, jobs: jobs, shard: .whole, provenance: provenance),
                                       to: directory, name: ResultFileName.manifest)
        let report = try ReportWriter.write(folder: directory, language: language)
        return SweepOutcome(definition: sweep, directory: directory, sweepCells: sweepCells, shard: .whole, cells: stored,
                            reruns: reruns, selected: selected, rerunCells: (rerunReused, selected.count - rerunReused), report: report)
    }
}

/// What a sweep (or a shard of one) did and found.
public struct SweepOutcome: Sendable {
    public let definition: SweepDefinition
    public let directory: String
    /// Sweep cells taken from the store and computed now.
    public let sweepCells: (reused: Int, computed: Int)
    public let shard: Shard
    /// Every cell of the sweep phase in the store, in cell order.
    public let cells: [ResultsStore.Cell]
    /// The re-run cells (empty for a shard), in cell order.
    public var reruns: [ResultsStore.Cell] = []
    /// The best cell first, then those within its 95% CI (empty for a shard).
    public var selected: [Int] = []
    /// Re-run cells taken from the store and computed now.
    public var rerunCells: (reused: Int, computed: Int) = (0, 0)
    /// The path of `report.html` (nil for a shard).
    public var report: String?

    /// The cells ranked by the objective, then the re-run beside the sweep's estimates.
    public var table: String {
        SweepReport.table(sweep: cells, reruns: reruns, best: selected.first, paths: definition.paths, objective: definition.objective)
    }
}

/// A sweep's output folder and its store.
enum SweepFolder {
    /// Creates the folder, or accepts an existing one that is empty or holds a
    /// sweep's store (and perhaps its earlier outputs).
    static func prepare(_ path: String) throws(ExperimentError) {
        try FileSystem.prepareResumableFolder(path, store: ResultFileName.store, ownFiles: [ResultFileName.sweep, ResultFileName.rerun,
                                              ResultFileName.manifest, ResultFileName.report], kind: "a sweep")
    }

    /// Opens the folder's store for this sweep and shard, or refuses another's.
    static func openStore(_ sweep: SweepDefinition, shard: Shard, directory: String) throws(ExperimentError) -> ResultsStore {
        let sweepFile = URL(fileURLWithPath: sweep.file).standardizedFileURL.path
        let details = ["sweepFile": sweepFile, "cells": String(sweep.cells.count), "seed": String(sweep.seed),
                       "replications": String(sweep.replications), "shard": shard.description]
        let path = (directory as NSString).appendingPathComponent(ResultFileName.store)
        do {
            return try ResultsStore(path: path, fingerprint: sweep.fingerprint, paths: sweep.paths, objective: sweep.objective, details: details)
        } catch let mismatch as ResultsStore.Mismatch {
            throw .badInput("--out \(directory): \(ResultFileName.store) \(mismatch.message); expected the same sweep, or use a new --out")
        } catch {
            throw .failure("could not open \(path): \(FileSystem.describe(error))")
        }
    }
}

/// Runs a sweep's missing cells and stores each as it finishes (one transaction a cell).
final class CellRunner {
    let sweep: SweepDefinition
    let store: ResultsStore
    let jobs: Int
    let progress: ProgressHandler?
    /// Cells to do in all (growing when the re-run starts) and done so far.
    private var total = 0, done = 0

    init(_ sweep: SweepDefinition, store: ResultsStore, jobs: Int, progress: ProgressHandler?) {
        self.sweep = sweep
        self.store = store
        self.jobs = jobs
        self.progress = progress
    }

    /// Runs those of `cells` not yet in the store for `phase`, with replications
    /// `firstReplication ..< firstReplication + replications`; returns how many were already there.
    func run(phase: ResultsStore.Phase, cells: [Int], firstReplication: Int) throws -> Int {
        let finished = try store.finishedCells(phase)
        let missing = cells.filter { !finished.contains($0) }
        total += missing.count
        let perCell = sweep.replications
        let sweep = self.sweep, seed = sweep.seed
        let models = ModelCache<Int> { cell in try Replicable(try sweep.scenario(cell: cell)) }
        let tasks = missing.flatMap { cell in
            (firstReplication..<firstReplication + perCell).map { ReplicationRunner.Task(model: cell, seed: seed, replication: $0) }
        }
        let (cellsBefore, total) = (done, self.total)
        var rows: [ResultsStore.Replication] = []
        try ReplicationRunner.run(tasks: tasks, models: models, jobs: jobs, consume: { task, outcome in
            rows.append(.init(index: task.replication, seed: seed, kpis: outcome.kpis))
            guard rows.count == perCell else { return }
            try store.record(phase: phase, cell: task.model, values: sweep.cells[task.model].map(SweepReport.storedValue), replications: rows)
            rows = []
            self.done += 1
            progress?(ExperimentProgress(replicationsDone: Double(self.done * perCell), replicationsTotal: total * perCell,
                                         cellsDone: self.done, cellsTotal: total))
        }, progress: { [progress] tasksDone in
            progress?(ExperimentProgress(replicationsDone: Double(cellsBefore * perCell) + tasksDone, replicationsTotal: total * perCell,
                                         cellsDone: cellsBefore + Int(tasksDone) / max(1, perCell), cellsTotal: total))
        })
        return cells.count - missing.count
    }
}
