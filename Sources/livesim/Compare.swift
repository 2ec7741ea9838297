import ArgumentParser
import Audience
import Experiments
import Foundation
import HTMLReport
import Reports
import Scenario

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

    @Option(help: "KPI whose paired and independent-seed intervals are printed (default gmvYuan).")
    var headline: String = KPI.gmvYuan.key

    @Option(help: "Language of report.html: en or zh.")
    var lang: ReportLanguage = .en

    @Option(help: "Output folder (must not exist, or be empty).")
    var out: String?

    func validate() throws {
        guard files.count >= 2 else { throw ValidationError("compare needs at least two scenario files, got \(files.count)") }
        guard KPI(rawValue: headline) != nil else {
            throw ValidationError("--headline \(headline): expected a KPI key (\(KPI.allCases.map(\.key).joined(separator: ", ")))")
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
        let simulations = try zip(files, scenarios).map { file, scenario in
            do { return try Simulation(configuration: scenario.configuration) } catch {
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
                for (i, scenario) in scenarios.enumerated() {
                    let folder = (directory as NSString).appendingPathComponent(names[i])
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
                    let results = try ResultFiles(directory: folder, configuration: scenario.configuration)
                    let done = Double(i * settings.replications)
                    try ReplicationRunner.run(simulations[i], seed: settings.seed, count: settings.replications, jobs: settings.jobs,
                                              consume: { try results.append(replication: $0, $1) },
                                              progress: { progress.update(done + $0) })
                    try results.finish(scenario: scenario.document.name, seed: settings.seed)
                    try Manifest.write(to: folder, scenario: scenario, seed: settings.seed, replications: settings.replications,
                                       jobs: settings.jobs, started: started, finished: Date())
                    all.append(results.summaries)
                }
                progress.finish()
                let rows = PairedComparison.rows(all)
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
        print(ComparisonReport.table(rows, names: names, headline: KPI(rawValue: headline)!))
        print("results: \(output.final)")
        print("report: \((output.final as NSString).appendingPathComponent(ReportWriter.fileName))")
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
