import ArgumentParser
import Audience
import Experiments
import Foundation
import HTMLReport
import Reports
import Scenario
import Season
import SimCore
import Synchronization

/// `livesim run`: replications of one scenario, result files, a KPI table.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario and write its result files.",
        discussion: """
        Writes summary.json, replications.csv, timeseries.csv, channel-minutes.csv,
        product-minutes.csv, stays.csv, channels.csv, phases.csv, products.csv and
        manifest.json into Results/<name>/<UTC timestamp>/ (or --out DIR, which must
        not exist or be empty). Results appear all at once: a killed run leaves none.
        The numbers are the same for any --jobs.

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

    @Option(help: "Master seed (overrides the file's `seed`; 0 to 2^53).")
    var seed: UInt64?

    @Option(help: "Replications (overrides the file's `replications`; 1 to 100000).")
    var replications: Int?

    @Option(help: "Threads (default: the CPUs this process may use).")
    var jobs: Int?

    @Option(help: "Output folder (must not exist, or be empty).")
    var out: String?

    @Option(help: "Run shard i of n (every n-th replication from i); join the shards with `livesim merge`.")
    var shard: String?

    @Option(help: "Shard count for a Kubernetes Indexed Job (the index comes from JOB_COMPLETION_INDEX).")
    var shards: Int?

    @Option(help: "Language of report.html: en or zh.")
    var lang: ReportLanguage = .en

    func run() throws {
        let scenario = try loadScenario(file)
        let settings = try RunSettings(scenario: scenario, seed: seed, replications: replications, jobs: jobs)
        let part = try Shard.resolve(explicit: shard, shards: shards, environment: ProcessInfo.processInfo.environment)
        let indices = (0..<settings.replications).filter(part.contains)
        guard !indices.isEmpty else {
            throw InputError(message: "shard \(part) of \(settings.replications) replications holds none; expected at most as many shards as replications")
        }
        let output = try OutputFolder(requested: out, scenarioName: scenario.document.name + (part.isWhole ? "" : "-shard-\(part.index)"))
        if let season = scenario.document.season {
            try runSeason(scenario, season, settings: settings, part: part, indices: indices, output: output)
            return
        }
        let simulation: Simulation
        do { simulation = try Simulation(configuration: scenario.configuration) } catch {
            throw InputError(message: "\(file): \(error)")
        }
        let started = Date()
        let summaries: KPISummaries
        do {
            summaries = try output.write { directory in
                let files = try ResultFiles(directory: directory, configuration: scenario.configuration)
                let progress = Progress(total: indices.count)
                try ReplicationRunner.run(simulation, seed: settings.seed, replications: indices, jobs: settings.jobs,
                                          consume: { try files.append(replication: $0, $1) }, progress: progress.update)
                progress.finish()
                try files.finish(scenario: scenario.document.name, seed: settings.seed)
                try Manifest.write(to: directory, scenario: scenario, seed: settings.seed, replications: settings.replications,
                                   jobs: settings.jobs, shard: part, started: started, finished: Date())
                try ReportWriter.write(folder: directory, language: lang)
                return files.summaries
            }
        } catch let error as InputError { throw error } catch {
            throw RunFailure(message: "could not write the results: \(error)")
        }
        print("\(scenario.document.name): \(part.isWhole ? "" : "shard \(part), ")\(indices.count) replication\(indices.count == 1 ? "" : "s"), seed \(settings.seed)")
        print(KPITable.render(summaries))
        print("results: \(output.final)")
        print("report: \((output.final as NSString).appendingPathComponent(ReportWriter.fileName))")
    }
}

extension Run {
    /// `run` for a season: the stream tables per stream, the season files,
    /// both KPI tables on the terminal.
    func runSeason(_ scenario: LoadedScenario, _ settings: SeasonSettings, settings run: RunSettings, part: Shard,
                   indices: [Int], output: OutputFolder) throws {
        let season: SeasonSimulation
        do { season = try SeasonSimulation(stream: scenario.configuration, season: settings) } catch {
            throw InputError(message: "\(file): \(error)")
        }
        let started = Date()
        let tables: (stream: KPISummaries, season: [(key: String, summary: ReplicationSummary?)])
        do {
            tables = try output.write { directory in
                let files = try ResultFiles(directory: directory, configuration: season.stream, seasonKeys: SeasonFiles.kpiKeys)
                let seasonFiles = try SeasonFiles(directory: directory, stream: scenario.configuration, settings: settings)
                let progress = Progress(total: indices.count)
                try ReplicationRunner.run(season, seed: run.seed, replications: indices, jobs: run.jobs, consume: { i, r in
                    try files.append(replication: i, totals: r.totalKPIs, season: SeasonKPI.allCases.map { r.kpis[$0] }, streams: r.streams)
                    try seasonFiles.append(replication: i, r)
                }, progress: progress.update)
                progress.finish()
                try files.finish(scenario: scenario.document.name, seed: run.seed)
                try seasonFiles.finish()
                try Manifest.write(to: directory, scenario: scenario, seed: run.seed, replications: run.replications,
                                   jobs: run.jobs, shard: part, started: started, finished: Date())
                try ReportWriter.write(folder: directory, language: lang)
                return (files.summaries, files.seasonSummaries)
            }
        } catch let error as InputError { throw error } catch {
            throw RunFailure(message: "could not write the results: \(error)")
        }
        print("\(scenario.document.name): season of \(settings.streams) stream\(settings.streams == 1 ? "" : "s") every \(KPITable.short(settings.everyDays)) day\(settings.everyDays == 1 ? "" : "s"), \(part.isWhole ? "" : "shard \(part), ")\(indices.count) replication\(indices.count == 1 ? "" : "s"), seed \(run.seed)")
        print("Season totals (the streams as one):")
        print(KPITable.render(tables.stream))
        print("Season KPIs:")
        print(KPITable.render(tables.season))
        print("results: \(output.final)")
        print("report: \((output.final as NSString).appendingPathComponent(ReportWriter.fileName))")
    }
}

/// Seed, replications and threads after command-line overrides, checked.
struct RunSettings {
    var seed: UInt64
    var replications: Int
    var jobs: Int

    init(scenario: LoadedScenario, seed: UInt64?, replications: Int?, jobs: Int?) throws {
        self.seed = seed ?? scenario.document.seed
        self.replications = replications ?? scenario.document.replications
        self.jobs = jobs ?? ParallelReplications.availableCPUs()
        guard self.seed <= maximumSeed else { throw InputError(message: "--seed \(self.seed): expected 0 to 2^53 (\(maximumSeed))") }
        guard (1...100_000).contains(self.replications) else {
            throw InputError(message: "--replications \(self.replications): expected 1 to 100000")
        }
        guard (1...4096).contains(self.jobs) else { throw InputError(message: "--jobs \(self.jobs): expected 1 to 4096") }
    }
}

/// A progress line on standard error (replications done, share of the
/// current ones, time left), only when it is a terminal and the run has taken
/// more than a second; at most a few updates a second, from any thread.
final class Progress: Sendable {
    let total: Int
    let start = Date()
    let enabled = isatty(STDERR_FILENO) == 1
    /// Whether a line was shown, and when the last one was.
    let state = Mutex<(shown: Bool, last: Date)>((false, .distantPast))

    init(total: Int) { self.total = total }

    func update(_ done: Double) {
        guard enabled else { return }
        let now = Date()
        let elapsed = now.timeIntervalSince(start)
        guard elapsed > 1 else { return }
        let line: String? = state.withLock { state in
            guard now.timeIntervalSince(state.last) >= 0.25 || done >= Double(total) else { return nil }
            state = (true, now)
            let percent = Int((100 * done / Double(total)).rounded(.down))
            let left = done > 0 ? elapsed * (Double(total) - done) / done : 0
            return "\rreplication \(min(Int(done) + 1, total))/\(total) · \(percent)% · about \(Self.duration(left)) left\u{1B}[K"
        }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    func finish() {
        if state.withLock({ $0.shown }) { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 60 ? "\(s / 60) min \(s % 60) s" : "\(s) s"
    }
}
