import ArgumentParser
import Audience
import Experiments
import Foundation
import HTMLReport
import Reports
import Scenario
import Season

/// `livesim compare`: scenarios run over the same replications under common
/// random numbers, KPI by KPI against the first.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare scenarios under common random numbers.",
        discussion: """
        Runs every scenario with the same seed and replications, so wherever two
        scenarios agree their viewers are the same; differences are paired
        replication by replication. Writes comparison.csv (per KPI and scenario:
        mean and 95% CI, the difference against the first scenario and its CI,
        probabilityBest, and the CI independent seeds would have given), each
        scenario's own result files in DIR/<name>/, and manifest.json. Seed and
        replications come from the first file unless given.

        Seasons (scenarios with a `season:`) compare like streams, on their totals
        and on every season KPI (lifetimeValueYuan, retentionCostYuan, …); either
        every scenario is a season or none is.

        Example:
          livesim compare Scenarios/baseline.yaml Scenarios/variants/no-opening-deal.yaml --replications 20 --out /tmp/cmp
        """
    )

    @Argument(help: "Two or more scenario files; the first is the reference.")
    var files: [String]

    @Option(help: "Master seed for every scenario (default: the first file's `seed`).")
    var seed: UInt64?

    @Option(help: "Replications of every scenario (default: the first file's `replications`).")
    var replications: Int?

    @Option(help: "Threads (default: the CPUs this process may use).")
    var jobs: Int?

    @Option(help: "KPI whose paired and independent-seed intervals are printed (default gmvYuan; a season KPI for seasons).")
    var headline: String = KPI.gmvYuan.key

    @Option(help: "Language of report.html: en or zh.")
    var lang: ReportLanguage = .en

    @Option(help: "Output folder (must not exist, or be empty).")
    var out: String?

    func validate() throws {
        guard files.count >= 2 else { throw ValidationError("compare needs at least two scenario files, got \(files.count)") }
        guard KPI(rawValue: headline) != nil || SeasonKPI(rawValue: headline) != nil else {
            throw ValidationError("--headline \(headline): expected a KPI key (\(KPI.allCases.map(\.key).joined(separator: ", ")); for seasons also \(SeasonKPI.allCases.map(\.key).joined(separator: ", ")))")
        }
    }

    func run() throws {
        var scenarios: [LoadedScenario] = []
        var problems: [ScenarioError] = []
        for file in files {
            do { scenarios.append(try ScenarioLoader.load(file: file)) } catch { problems += error.errors }
        }
        guard problems.isEmpty else { throw ScenarioErrors(problems) }
        let settings = try RunSettings(scenario: scenarios[0], seed: seed, replications: replications, jobs: jobs)
        let names = Self.folderNames(scenarios.map(\.document.name))
        let seasons = scenarios.map { $0.document.season != nil }
        guard seasons.allSatisfy({ $0 == seasons[0] }) else {
            let which = zip(files, seasons).map { "\($0) (\($1 ? "a season" : "a stream"))" }.joined(separator: ", ")
            throw InputError(message: "compare: either every scenario is a season or none is; got \(which)")
        }
        if !seasons[0] && KPI(rawValue: headline) == nil {
            throw InputError(message: "--headline \(headline): a season KPI, but these scenarios are streams; expected a KPI key")
        }
        let runners = try zip(files, scenarios).map { file, scenario -> ScenarioRunner in
            do {
                if let season = scenario.document.season {
                    return .season(try SeasonSimulation(stream: scenario.configuration, season: season))
                }
                return .stream(try Simulation(configuration: scenario.configuration))
            } catch {
                throw InputError(message: "\(file): \(error)")
            }
        }
        let output = try OutputFolder(requested: out, scenarioName: "comparison")
        let started = Date()
        let rows: [ComparisonRow]
        do {
            rows = try output.write { directory in
                let progress = Progress(total: settings.replications * scenarios.count)
                var all: [KPISummaries] = []
                var seasonValues: [[[Double?]]] = []
                for (i, scenario) in scenarios.enumerated() {
                    let folder = (directory as NSString).appendingPathComponent(names[i])
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
                    let done = Double(i * settings.replications)
                    let results: ResultFiles
                    switch runners[i] {
                    case .stream(let simulation):
                        results = try ResultFiles(directory: folder, configuration: scenario.configuration)
                        try ReplicationRunner.run(simulation, seed: settings.seed, count: settings.replications, jobs: settings.jobs,
                                                  consume: { try results.append(replication: $0, $1) },
                                                  progress: { progress.update(done + $0) })
                    case .season(let season):
                        results = try ResultFiles(directory: folder, configuration: season.stream, seasonKeys: SeasonFiles.kpiKeys)
                        let seasonFiles = try SeasonFiles(directory: folder, stream: scenario.configuration, settings: season.settings)
                        try ReplicationRunner.run(season, seed: settings.seed, replications: Array(0..<settings.replications),
                                                  jobs: settings.jobs, consume: { i, r in
                                                      try results.append(replication: i, totals: r.totalKPIs,
                                                                         season: SeasonKPI.allCases.map { r.kpis[$0] }, streams: r.streams)
                                                      try seasonFiles.append(replication: i, r)
                                                  }, progress: { progress.update(done + $0) })
                        try seasonFiles.finish()
                        seasonValues.append(results.seasonValues)
                    }
                    try results.finish(scenario: scenario.document.name, seed: settings.seed)
                    try Manifest.write(to: folder, scenario: scenario, seed: settings.seed, replications: settings.replications,
                                       jobs: settings.jobs, started: started, finished: Date())
                    all.append(results.summaries)
                }
                progress.finish()
                var rows = PairedComparison.rows(all)
                if seasons[0] {
                    rows += PairedComparison.rows(named: SeasonKPI.allCases.enumerated().map { k, kpi in
                        (kpi.key, kpi.lowerIsBetter, seasonValues.map { scenario in scenario.map { $0[k] } })
                    })
                }
                try ResultFiles.write(ComparisonReport.csv(rows, names: names),
                                      to: (directory as NSString).appendingPathComponent("comparison.csv"))
                try Manifest.writeComparison(to: directory, scenarios: scenarios, folders: names, seed: settings.seed,
                                             replications: settings.replications, jobs: settings.jobs, headline: headline,
                                             started: started, finished: Date())
                for name in names { try ReportWriter.write(folder: (directory as NSString).appendingPathComponent(name), language: lang) }
                try ReportWriter.write(folder: directory, language: lang)
                return rows
            }
        } catch let error as InputError { throw error } catch {
            throw RunFailure(message: "could not write the results: \(error)")
        }
        print("\(scenarios.count) scenarios, \(settings.replications) replication\(settings.replications == 1 ? "" : "s") each, seed \(settings.seed), common random numbers")
        print(ComparisonReport.table(rows, names: names, headline: headline))
        print("results: \(output.final)")
        print("report: \((output.final as NSString).appendingPathComponent(ReportWriter.fileName))")
    }

    /// What runs one scenario of the comparison.
    enum ScenarioRunner {
        case stream(Simulation)
        case season(SeasonSimulation)
    }

    /// Scenario names as folder names, made unique with -2, -3… in order
    /// (and never the name of a file the comparison writes beside them).
    static func folderNames(_ names: [String]) -> [String] {
        var used: Set<String> = ["comparison.csv", "manifest.json", "report.html"]
        return names.map { name in
            var candidate = name, n = 1
            while used.contains(candidate) { n += 1; candidate = "\(name)-\(n)" }
            used.insert(candidate)
            return candidate
        }
    }
}
