import Audience
import Experiments
import Foundation
import ResultsStore
import Scenario
import Testing

/// The experiments as a library user calls them: compare, run, sweep, shard
/// and merge from Swift, without the command line.
@Suite(.serialized) struct ExperimentLibraryTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static func folder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("livesim-experiments-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A 30-minute stream extending the baseline, with `extra` YAML appended, in `dir`.
    static func scenario(_ name: String, in dir: String, _ extra: String = "") throws -> LoadedScenario {
        let path = dir + "/\(name).yaml"
        try Data("""
            extends: \(root)/Scenarios/baseline.yaml
            name: \(name)
            stream: {durationMinutes: 30}
            guests: []
            events: []
            promotions:
              - name: opening
                fromMinute: 0
                toMinute: 10
                offers: [{id: opening-serum, type: livePrice, product: hot-serum, priceYuan: 99, units: 300}]
            runOfShow:
              - {product: hot-serum, fromMinute: 0, toMinute: 10}
              - {product: serum-set, fromMinute: 10, toMinute: 30}
            \(extra)
            """.utf8).write(to: URL(fileURLWithPath: path))
        return try ScenarioLoader.load(file: path)
    }

    @Test func comparingTwoConfigurationsPairsThemAndAnyThreadCountGivesTheSameRows() throws {
        let dir = try Self.folder()
        let base = try Replicable(Self.scenario("base", in: dir))
        let charismatic = try Replicable(Self.scenario("charismatic", in: dir, "host: {charisma: 0.9}"))
        func rows(jobs: Int) throws -> [ComparisonRow] {
            try Comparison([("base", base), ("charismatic", charismatic)], settings: ReplicationSettings(seed: 7, replications: 6, jobs: jobs)).run().rows
        }
        let one = try rows(jobs: 1), two = try rows(jobs: 2)
        #expect(one == two)
        #expect(one.count == 2 * KPI.allCases.count)
        // The reference against itself: a difference of exactly zero; the other has both intervals.
        let first = one.first { $0.kpi == .views && $0.scenario == 0 }!
        #expect(first.difference?.mean == 0 && first.difference?.standardDeviation == 0)
        let views = one.first { $0.kpi == .views && $0.scenario == 1 }!
        #expect(views.summary != nil && views.difference != nil && views.independentInterval != nil)
        // A scenario compared with itself differs by exactly zero in every replication.
        let same = try Comparison([("a", base), ("b", base)], settings: ReplicationSettings(seed: 7, replications: 3, jobs: 2)).run()
        #expect(same.rows.filter { $0.scenario == 1 }.allSatisfy { $0.difference == nil || $0.difference?.mean == 0 })
        #expect(same.names == ["a", "b"])
    }

    @Test func aMixOfStreamsAndSeasonsIsRefused() throws {
        let dir = try Self.folder()
        let stream = try Replicable(Self.scenario("stream", in: dir))
        let season = try Replicable(Self.scenario("season", in: dir, "season: {streams: 2, everyDays: 7}"))
        #expect(throws: ExperimentError.self) {
            try Comparison([("s", stream), ("t", season)], settings: ReplicationSettings(seed: 1, replications: 2))
        }
        #expect(throws: ExperimentError.self) { try ReplicationSettings(seed: 1, replications: -3) }
        #expect(throws: ExperimentError.self) { try ReplicationSettings(seed: 1 << 60, replications: 3) }
    }

    @Test func runShardsMergedEqualTheWholeRun() throws {
        let dir = try Self.folder()
        let scenario = try Self.scenario("tiny", in: dir)
        let settings = try ReplicationSettings(seed: 3, replications: 5, jobs: 2)
        let whole = try ScenarioRun(scenario, settings: settings)
        let kpis = try whole.write(to: OutputFolder(requested: dir + "/whole", scenarioName: "tiny"))
        #expect(kpis.replications == [0, 1, 2, 3, 4])
        var shards: [String] = []
        for i in 0..<2 {
            let shard = try ScenarioRun(scenario, settings: settings, shard: Shard(index: i, count: 2))
            #expect(shard.replications == (0..<5).filter { $0 % 2 == i })
            _ = try shard.write(to: OutputFolder(requested: dir + "/shard-\(i)", scenarioName: "tiny"))
            shards.append(dir + "/shard-\(i)")
        }
        #expect(ShardMerge.areRunShards(shards))
        let merged = try ShardMerge.mergeRuns(shards.reversed(), into: { _ in try OutputFolder(requested: dir + "/merged", scenarioName: "tiny") })
        #expect(merged.replications == 5 && merged.seed == 3)
        for name in ["summary.json", "replications.csv", "timeseries.csv", "channels.csv", "products.csv", "report.html"] {
            #expect(FileManager.default.contents(atPath: dir + "/whole/" + name) == FileManager.default.contents(atPath: dir + "/merged/" + name), "\(name)")
        }
        // A shard given twice is refused, naming the replications.
        #expect(throws: ExperimentError.self) {
            try ShardMerge.mergeRuns([shards[0], shards[0]], into: { _ in try OutputFolder(requested: dir + "/twice", scenarioName: "tiny") })
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/twice"))
    }

    @Test func aSweepShardedAndMergedEqualsTheWholeSweepAndResumesFromItsStore() throws {
        let dir = try Self.folder()
        _ = try Self.scenario("base", in: dir)
        try Data("""
            base: base.yaml
            replications: 3
            objective: gmvYuan
            vary:
              promotions[0].offers[0].priceYuan: [79, 99, 129]
              host.charisma: [0.4, 0.8]
            """.utf8).write(to: URL(fileURLWithPath: dir + "/sweep.yaml"))
        let definition = try SweepLoader.load(file: dir + "/sweep.yaml")
        #expect(definition.cells.count == 6)
        let whole = try SweepExperiment(definition, jobs: 2).run(in: dir + "/whole")
        #expect(whole.sweepCells == (0, 6) && whole.cells.count == 6)
        #expect(!whole.selected.isEmpty && whole.reruns.count == whole.selected.count)
        // Each re-run cell ran replications R..<2R: fresh seeds.
        let keys = try ResultsStore(existingAt: dir + "/whole/results.sqlite").replicationKeys()
        #expect(keys.filter { $0.phase == "rerun" }.allSatisfy { (3..<6).contains($0.replication) })

        for i in 0..<3 {
            let shard = try SweepExperiment(definition, jobs: 1, shard: Shard(index: i, count: 3)).run(in: dir + "/shard-\(i)")
            #expect(shard.cells.map(\.cell) == (0..<6).filter { $0 % 3 == i } && shard.reruns.isEmpty && shard.report == nil)
        }
        let merged = try ShardMerge.mergeSweep((0..<3).map { dir + "/shard-\($0)" }, into: dir + "/merged", jobs: 2)
        #expect(merged.selected == whole.selected)
        for name in ["sweep.csv", "rerun.csv"] {
            #expect(FileManager.default.contents(atPath: dir + "/whole/" + name) == FileManager.default.contents(atPath: dir + "/merged/" + name), "\(name)")
        }
        #expect(try ResultsStore(existingAt: dir + "/whole/results.sqlite").contents() == ResultsStore(existingAt: dir + "/merged/results.sqlite").contents())
        // Missing shards are refused, naming the cells.
        do {
            _ = try ShardMerge.mergeSweep([dir + "/shard-0"], into: dir + "/partial", jobs: 1)
            Issue.record("a merge of one shard of three was accepted")
        } catch let error as ExperimentError {
            #expect(error.kind == .badInput && error.message.contains("4 of 6 cells missing"), "\(error.message)")
        }
        // Run again into the finished folder: everything comes from the store, the files are the same.
        let before = FileManager.default.contents(atPath: dir + "/whole/sweep.csv")
        let again = try SweepExperiment(definition, jobs: 2).run(in: dir + "/whole")
        #expect(again.sweepCells == (6, 0) && again.rerunCells.computed == 0)
        #expect(FileManager.default.contents(atPath: dir + "/whole/sweep.csv") == before)
    }

    @Test func anOutputFolderRemovesTemporariesOfDeadProcessesOnly() throws {
        let dir = try Self.folder()
        // A process that has exited: its pid names nobody now.
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = dir + "/.old.tmp-\(finished.processIdentifier)"
        let alive = dir + "/.busy.tmp-1"   // init is always alive
        for path in [dead, alive] { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false) }
        let folder = try OutputFolder(requested: dir + "/new", scenarioName: "x")
        #expect(folder.removedStale == [dead])
        #expect(!FileManager.default.fileExists(atPath: dead) && FileManager.default.fileExists(atPath: alive))
    }

    @Test func fileProblemsAreNamedInWordsNotErrorDomains() throws {
        let dir = try Self.folder()
        try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/plain"))
        do {
            try FileSystem.makeDirectories(dir + "/plain/results")
            Issue.record("a folder was made inside a file")
        } catch {
            #expect(error.message == "cannot create \(dir)/plain/results: \(dir)/plain is not a directory")
        }
        #expect(throws: ExperimentError.self) { try FileSystem.writeNewFile(at: dir + "/plain") { _ in } }
        try FileSystem.writeNewFile(at: dir + "/deeper/still/trace.jsonl") { try Data("{}\n".utf8).write(to: URL(fileURLWithPath: $0)) }
        #expect(FileManager.default.contents(atPath: dir + "/deeper/still/trace.jsonl") == Data("{}\n".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/deeper/still") == ["trace.jsonl"])
        let error = CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: "/x", NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(EACCES))])
        #expect(FileSystem.describe(error) == "/x: Permission denied")
    }
}
