import Audience
import Foundation
import HTMLReport
import Reports
import Scenario
import SimCore

/// Replications of one scenario (a stream or a season), into memory or into
/// a result folder: the library form of `livesim run`.
///
///     let scenario = try ScenarioLoader.load(file: "Scenarios/baseline.yaml")
///     let run = try ScenarioRun(scenario, settings: ReplicationSettings(seed: 7, replications: 20))
///     let kpis = try run.collect()
///     print(kpis.summaries.summary(.gmvYuan)?.mean ?? 0)
public struct ScenarioRun: Sendable {
    public let scenario: LoadedScenario
    public let model: Replicable
    public let settings: ReplicationSettings
    /// Which replications this process runs (every n-th from i).
    public let shard: Shard
    /// The replication indices this run computes, in order.
    public let replications: [Int]

    /// - Throws: ``ExperimentError`` when the scenario cannot be simulated or the shard holds no replication.
    public init(_ scenario: LoadedScenario, settings: ReplicationSettings, shard: Shard = .whole) throws(ExperimentError) {
        self.scenario = scenario
        self.settings = settings
        self.shard = shard
        model = try Replicable(scenario)
        replications = (0..<settings.replications).filter(shard.contains)
        guard !replications.isEmpty else {
            throw .badInput("shard \(shard) of \(settings.replications) replications holds none; expected at most as many shards as replications")
        }
    }

    /// Runs the replications into `consumers` (each gets every replication, in order).
    /// Once `stop` is raised no more replications reach them.
    public func run(into consumers: [any ReplicationConsumer], progress: ProgressHandler? = nil, stop: StopSignal? = nil) throws {
        let total = replications.count
        try ReplicationRunner.run(model, seed: settings.seed, replications: replications, jobs: settings.jobs, into: consumers,
                                  progress: { done in progress?(ExperimentProgress(replicationsDone: done, replicationsTotal: total)) }, stop: stop)
    }

    /// The KPIs of every replication, in memory.
    public func collect(progress: ProgressHandler? = nil) throws -> KPICollector {
        let collector = KPICollector(roomWeight: model.stream.roomWeight)
        try run(into: [collector], progress: progress)
        return collector
    }

    /// Writes the run's result files, its manifest and `report.html` into
    /// `folder` (all at once: nothing appears until everything is written).
    /// - Parameter stop: once raised, no more replications are written (the files are then partial).
    /// - Returns: the KPIs of every replication.
    public func write(to folder: OutputFolder, language: ReportLanguage = .en, provenance: Provenance = Provenance(),
                      progress: ProgressHandler? = nil, stop: StopSignal? = nil) throws -> KPICollector {
        try folder.write { directory in
            let files = try ResultFolderWriter(directory: directory, model: model)
            let collector = KPICollector(roomWeight: model.stream.roomWeight)
            try run(into: [files, collector], progress: progress, stop: stop)
            try files.finish(scenario: scenario.document.name, seed: settings.seed)
            try Manifest.write(to: directory, scenario: scenario, seed: settings.seed, replications: settings.replications,
                               jobs: settings.jobs, shard: shard, provenance: provenance)
            try ReportWriter.write(folder: directory, language: language)
            return collector
        }
    }
}
