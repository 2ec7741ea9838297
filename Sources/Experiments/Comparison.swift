import Audience
import Foundation
import HTMLReport
import Reports
import Scenario
import Season

/// Scenarios run over the same seed and replications (common random numbers:
/// wherever two scenarios agree their viewers are the same), compared KPI by
/// KPI against the first: the library form of `livesim compare`.
///
///     let a = try Replicable(ScenarioLoader.load(file: "Scenarios/baseline.yaml"))
///     let b = try Replicable(ScenarioLoader.load(file: "Scenarios/variants/paid-boost.yaml"))
///     let comparison = try Comparison([("baseline", a), ("paid-boost", b)],
///                                     settings: ReplicationSettings(seed: 7, replications: 20))
///     let rows = try comparison.run().rows   // paired differences, KPI by KPI
public struct Comparison: Sendable {
    /// The scenarios' names (unique folder names) and what runs them, the first the reference.
    public let names: [String]
    public let models: [Replicable]
    /// The scenario files, when the comparison was made from them (needed to write manifests).
    public let scenarios: [LoadedScenario]?
    public let settings: ReplicationSettings
    /// Whether the scenarios are seasons (then they are compared on every season KPI too).
    public var isSeason: Bool { models[0].season != nil }

    /// Compares models; names are made unique with -2, -3….
    /// - Throws: ``ExperimentError`` for fewer than two models, or a mix of streams and seasons.
    public init(_ models: [(name: String, model: Replicable)], settings: ReplicationSettings) throws(ExperimentError) {
        try self.init(names: models.map(\.name), models: models.map(\.model), scenarios: nil, settings: settings)
    }

    /// Compares scenario files (each scenario named by its `name`).
    public init(scenarios: [LoadedScenario], settings: ReplicationSettings) throws(ExperimentError) {
        var models: [Replicable] = []
        for scenario in scenarios { models.append(try Replicable(scenario)) }
        try self.init(names: scenarios.map(\.document.name), models: models, scenarios: scenarios, settings: settings)
    }

    private init(names: [String], models: [Replicable], scenarios: [LoadedScenario]?, settings: ReplicationSettings) throws(ExperimentError) {
        guard models.count >= 2 else { throw .badInput("compare needs at least two scenarios, got \(models.count)") }
        let seasons = models.map { $0.season != nil }
        guard seasons.allSatisfy({ $0 == seasons[0] }) else {
            let which = zip(scenarios?.map(\.file) ?? names, seasons).map { "\($0) (\($1 ? "a season" : "a stream"))" }.joined(separator: ", ")
            throw .badInput("compare: either every scenario is a season or none is; got \(which)")
        }
        self.names = Self.folderNames(names)
        self.models = models
        self.scenarios = scenarios
        self.settings = settings
    }

    /// Runs every scenario over replications 0..<R, as one pool of
    /// (scenario, replication) tasks handed on in order; each scenario's
    /// replications also go to `consumers(i)` for scenario `i`, if given.
    public func run(consumers: (Int) throws -> [any ReplicationConsumer] = { _ in [] },
                    progress: ProgressHandler? = nil) throws -> ComparisonResult {
        let r = settings.replications, total = r * models.count
        let models = self.models
        let collected = models.map { _ in KPICollector() }
        var sinks: [[any ReplicationConsumer]] = []
        let tasks = models.indices.flatMap { i in (0..<r).map { ReplicationRunner.Task(model: i, seed: settings.seed, replication: $0) } }
        try ReplicationRunner.run(tasks: tasks, models: ModelCache { models[$0] }, jobs: settings.jobs, consume: { task, outcome in
            let i = task.model
            if sinks.count == i { sinks.append([collected[i]] + (try consumers(i))) }
            for consumer in sinks[i] { try consumer.consume(replication: task.replication, outcome) }
        }, progress: { done in progress?(ExperimentProgress(replicationsDone: done, replicationsTotal: total)) })
        var rows = PairedComparison.rows(collected.map(\.summaries))
        if isSeason {
            rows += PairedComparison.rows(named: SeasonKPI.allCases.enumerated().map { k, kpi in
                (kpi.key, kpi.lowerIsBetter, collected.map { scenario in scenario.seasonValues.map { $0[k] } })
            })
        }
        return ComparisonResult(names: names, rows: rows, kpis: collected)
    }

    /// Writes `comparison.csv`, each scenario's result files in `<folder>/<name>/`,
    /// the manifests and the reports; needs the comparison made from scenario files.
    /// - Parameter headline: the KPI whose intervals the table and the page stress (a season KPI only for seasons).
    public func write(to folder: OutputFolder, headline: String = KPI.gmvYuan.key, language: ReportLanguage = .en,
                      provenance: Provenance = Provenance(), progress: ProgressHandler? = nil) throws -> ComparisonResult {
        guard let scenarios else { preconditionFailure("a comparison written to files is made from scenario files") }
        guard KPI(rawValue: headline) != nil || (isSeason && SeasonKPI(rawValue: headline) != nil) else {
            throw ExperimentError.badInput(SeasonKPI(rawValue: headline) != nil
                ? "--headline \(headline): a season KPI, but these scenarios are streams; expected a KPI key"
                : "--headline \(headline): expected a KPI key (\(KPI.allCases.map(\.key).joined(separator: ", ")))")
        }
        return try folder.write { directory in
            var writers: [ResultFolderWriter] = []
            let result = try run(consumers: { i in
                let sub = (directory as NSString).appendingPathComponent(names[i])
                try FileSystem.makeDirectories(sub)
                let writer = try ResultFolderWriter(directory: sub, model: models[i])
                writers.append(writer)
                return [writer]
            }, progress: progress)
            for (i, writer) in writers.enumerated() {
                let sub = (directory as NSString).appendingPathComponent(names[i])
                try writer.finish(scenario: scenarios[i].document.name, seed: settings.seed)
                try Manifest.write(to: sub, scenario: scenarios[i], seed: settings.seed, replications: settings.replications,
                                   jobs: settings.jobs, provenance: provenance)
            }
            try ResultFiles.write(ComparisonReport.csv(result.rows, names: names),
                                  to: (directory as NSString).appendingPathComponent(ResultFileName.comparison))
            try Manifest.writeComparison(to: directory, scenarios: scenarios, folders: names, seed: settings.seed,
                                         replications: settings.replications, jobs: settings.jobs, headline: headline,
                                         provenance: provenance)
            for name in names { try ReportWriter.write(folder: (directory as NSString).appendingPathComponent(name), language: language) }
            try ReportWriter.write(folder: directory, language: language)
            return result
        }
    }

    /// Scenario names as folder names, made unique with -2, -3… in order
    /// (and never the name of a file the comparison writes beside them).
    public static func folderNames(_ names: [String]) -> [String] {
        var used: Set<String> = [ResultFileName.comparison, ResultFileName.manifest, ResultFileName.report]
        return names.map { name in
            var candidate = name, n = 1
            while used.contains(candidate) { n += 1; candidate = "\(name)-\(n)" }
            used.insert(candidate)
            return candidate
        }
    }
}

/// A comparison's outcome: per KPI and scenario the rows of `comparison.csv`,
/// and every scenario's per-replication KPIs.
public struct ComparisonResult {
    public let names: [String]
    public let rows: [ComparisonRow]
    public let kpis: [KPICollector]

    /// The aligned terminal table, with the headline KPI's paired and independent-seed intervals.
    public func table(headline: String = KPI.gmvYuan.key) -> String {
        ComparisonReport.table(rows, names: names, headline: headline)
    }
}
