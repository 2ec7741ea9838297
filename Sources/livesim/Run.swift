import ArgumentParser
import Experiments
import Foundation
import HTMLReport
import Reports
import Scenario

/// `livesim run`: replications of one scenario, result files, a KPI table.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario and write its result files.",
        discussion: """
        Writes summary.json, replications.csv, timeseries.csv, channel-minutes.csv,
        product-minutes.csv, stays.csv, channels.csv, phases.csv, products.csv,
        manifest.json and report.html into Results/<name>/<UTC timestamp>/ (or --out
        DIR, which must not exist or be empty). Results appear all at once: a killed
        run leaves none (one killed with SIGKILL leaves a hidden .NAME.tmp-PID folder,
        which the next run beside it removes). The numbers are the same for any --jobs.

        A scenario with a `season:` runs the season: the stream tables get a last
        column `stream`, replications.csv and summary.json hold the season's totals
        and its season KPIs (seasonKpis), and streams.csv, cohorts.csv, retention.csv
        and season-channels.csv are added.

        Example:
          livesim run Scenarios/baseline.yaml --seed 7 --replications 20 --out /tmp/baseline
        """
    )

    @Argument(help: "The scenario file (YAML).")
    var file: String

    @OptionGroup var replication: ReplicationOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var sharding: ShardOptions

    func run() throws {
        let scenario = try ScenarioLoader.load(file: file)
        printWarnings(scenario)
        let shard = try sharding.resolve()
        let run = try ScenarioRun(scenario, settings: try replication.settings(scenario), shard: shard)
        let folder = try output.folder(scenarioName: scenario.document.name + (shard.isWhole ? "" : "-shard-\(shard.index)"))
        let progress = ProgressLine()
        let kpis = try run.write(to: folder, language: output.lang, progress: progress.handler)
        progress.finish()
        let part = shard.isWhole ? "" : "shard \(shard), "
        let replications = plural(run.replications.count, "replication")
        if let season = run.model.season {
            let every = KPITable.short(season.everyDays)
            print("\(scenario.document.name): season of \(plural(season.streams, "stream")) every \(every) day\(season.everyDays == 1 ? "" : "s"), \(part)\(replications), seed \(run.settings.seed)")
            print("Season totals (the streams as one):")
            print(KPITable.render(kpis.summaries, unit: "season"))
            print("Season KPIs:")
            print(KPITable.render(kpis.seasonSummaries.map { ($0.kpi.key, $0.summary) }, unit: "season"))
        } else {
            print("\(scenario.document.name): \(part)\(replications), seed \(run.settings.seed)")
            print(KPITable.render(kpis.summaries))
        }
        if let note = kpis.feedMultiplierClampNote { print(note) }
        printResults(folder.final)
    }
}
