import ArgumentParser
import Audience
import Experiments
import HTMLReport
import Scenario
import Season

/// `livesim compare`: scenarios run over the same replications under common
/// random numbers, KPI by KPI against the first.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare scenarios under common random numbers.",
        discussion: """
        Runs every scenario with the same seed and replications, so wherever two
        scenarios agree their viewers are the same; differences are paired
        replication by replication. Writes comparison.csv (per KPI and scenario:
        mean and 95% CI, the difference against the first scenario and its CI,
        probabilityBest, and the CI independent seeds would have given), each
        scenario's own result files in DIR/<name>/, manifest.json and report.html.
        Seed and replications come from the first file unless given.

        Seasons (scenarios with a `season:`) compare like streams, on their totals
        and on every season KPI (lifetimeValueYuan, retentionCostYuan, …); either
        every scenario is a season or none is.

        Example:
          livesim compare Scenarios/baseline.yaml Scenarios/variants/no-opening-deal.yaml --replications 20 --out /tmp/cmp
        """
    )

    @Argument(help: "Two or more scenario files; the first is the reference.")
    var files: [String]

    @OptionGroup var replication: ReplicationOptions

    @Option(help: "KPI whose paired and independent-seed intervals are printed (default gmvYuan; a season KPI for seasons).")
    var headline: String = KPI.gmvYuan.key

    @OptionGroup var output: OutputOptions

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
        printWarnings(scenarios)
        let comparison = try Comparison(scenarios: scenarios, settings: try replication.settings(scenarios[0]))
        let folder = try output.folder(scenarioName: "comparison")
        let progress = ProgressLine()
        let result = try comparison.write(to: folder, headline: headline, language: output.lang, progress: progress.handler)
        progress.finish()
        let r = comparison.settings.replications
        print("\(scenarios.count) scenarios, \(plural(r, "replication")) each, seed \(comparison.settings.seed), common random numbers")
        print(result.table(headline: headline))
        printResults(folder.final)
    }
}
