import Experiments
import Foundation
import Scenario
import Testing

/// What a new user met when trying the project, each pinned by a test.
@Suite(.serialized) struct NewUserDefectTests {
    @Test func aNegativeCountIsARangeErrorNotAMissingValue() throws {
        let tiny = try tinyScenario()
        for (option, expected) in [("--replications", "expected 1 to 100000"), ("--jobs", "expected 1 to 4096"), ("--seed", "")] {
            let r = try livesim(["run", tiny, option, "-3", "--out", temporaryFolder()])
            #expect(r.status == 2, "\(option) -3: \(r.stderr)")
            #expect(!r.stderr.contains("Missing value"), "\(option) -3: \(r.stderr)")
            if !expected.isEmpty { #expect(r.stderr.contains("\(option) -3: \(expected)"), "\(r.stderr)") }
        }
    }

    @Test func aFolderThatCannotBeCreatedIsNamedInWords() throws {
        let dir = temporaryFolder()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/file"))
        let r = try livesim(["run", try tinyScenario(), "--replications", "1", "--out", dir + "/file/results"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("cannot create \(dir)/file/results: \(dir)/file is not a directory"), "\(r.stderr)")
        #expect(!r.stderr.contains("NSCocoaErrorDomain") && !r.stderr.contains("UserInfo"), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["file"], "nothing half-written")
    }

    @Test func traceRefusesToOverwriteAndCreatesItsFolder() throws {
        let tiny = try tinyScenario()
        let dir = temporaryFolder()
        let path = dir + "/nested/folder/trace.jsonl"
        let first = try livesim(["trace", tiny, "--out", path])
        #expect(first.status == 0, "\(first.stderr)")
        let written = FileManager.default.contents(atPath: path)
        #expect((written?.count ?? 0) > 0)
        let again = try livesim(["trace", tiny, "--seed", "2", "--out", path])
        #expect(again.status == 2 && again.stderr.contains("\(path): the file exists"), "\(again.stderr)")
        #expect(FileManager.default.contents(atPath: path) == written, "the first trace is untouched")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/nested/folder") == ["trace.jsonl"])
    }

    /// Lost sales are facts of the run; the trace writes them only when asked (they are outside the contract's types).
    @Test func traceWritesLostSalesOnlyWhenAsked() throws {
        let tiny = try tinyScenario()
        let scarce = (tiny as NSString).deletingLastPathComponent + "/scarce.yaml"
        try Data((try String(contentsOfFile: tiny, encoding: .utf8)) .replacingOccurrences(of: "name: tiny", with: """
            name: scarce
            products:
              - {id: hot-serum, referencePriceYuan: 199, unitCostYuan: 60, inventory: 5}
              - {id: serum-set, referencePriceYuan: 299, unitCostYuan: 90, inventory: 5}
            """).utf8).write(to: URL(fileURLWithPath: scarce))
        let plain = try livesim(["trace", scarce])
        let with = try livesim(["trace", scarce, "--lost-sales"])
        #expect(plain.status == 0 && with.status == 0, "\(plain.stderr)\(with.stderr)")
        #expect(!plain.stdout.contains("\"lostSale\""))
        let lost = with.stdout.split(separator: "\n").filter { $0.contains("\"type\":\"lostSale\"") }
        #expect(!lost.isEmpty && lost.allSatisfy { $0.contains("\"product\":") && $0.contains("\"units\":") })
        #expect(with.stdout.split(separator: "\n").count == plain.stdout.split(separator: "\n").count + lost.count)
    }

    /// `kill -9` leaves the hidden temporary folder behind (nothing can remove
    /// it then); the next run beside it removes it and says so.
    @Test func aRunKilledOutrightLeavesATemporaryTheNextRunRemoves() throws {
        let parent = temporaryFolder()
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try livesimPath())
        process.arguments = ["run", packageRoot.path + "/Scenarios/baseline.yaml", "--replications", "200", "--jobs", "1", "--out", parent + "/killed"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let temporary = parent + "/.killed.tmp-\(process.processIdentifier)"
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: temporary + "/timeseries.csv") && Date() < deadline { usleep(20_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(FileManager.default.fileExists(atPath: temporary), "the killed run left its temporary folder")
        #expect(!FileManager.default.fileExists(atPath: parent + "/killed"))
        let next = try livesim(["run", try tinyScenario(), "--replications", "1", "--out", parent + "/next"])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stderr.contains("note: removed \(temporary), left by a run that was killed"), "\(next.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent).sorted() == ["next"])
    }

    /// A list price no viewer can be charged is legal but probably not meant: `run` says so, and still runs.
    @Test func runWarnsOfAListPriceNoOneCanBeCharged() throws {
        let r = try livesim(["run", "Scenarios/baseline.yaml", "--replications", "1", "--out", temporaryFolder()])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("warning: Scenarios/baseline.yaml:") && r.stderr.contains("the price ¥299 of serum-set is never charged"), "\(r.stderr)")
        #expect(!r.stderr.contains("hot-serum is never charged"), "the opening offer's units can sell out, so its list price can be charged")
    }

    /// The library and the command line give the same files for the same comparison.
    @Test func theLibrarysComparisonEqualsTheCommandLines() throws {
        let a = try tinyScenario()
        let b = (a as NSString).deletingLastPathComponent + "/charismatic.yaml"
        try Data((try String(contentsOfFile: a, encoding: .utf8)).replacingOccurrences(of: "name: tiny", with: "name: charismatic\nhost: {charisma: 0.9}").utf8)
            .write(to: URL(fileURLWithPath: b))
        let cli = temporaryFolder(), library = temporaryFolder()
        let r = try livesim(["compare", a, b, "--seed", "7", "--replications", "4", "--out", cli])
        #expect(r.status == 0, "\(r.stderr)")
        let comparison = try Comparison(scenarios: [ScenarioLoader.load(file: a), ScenarioLoader.load(file: b)],
                                        settings: ReplicationSettings(seed: 7, replications: 4, jobs: 2))
        let result = try comparison.write(to: OutputFolder(requested: library, scenarioName: "comparison"))
        #expect(r.stdout.contains(result.table()))
        for name in ["comparison.csv", "report.html", "tiny/summary.json", "tiny/replications.csv", "charismatic/timeseries.csv", "charismatic/report.html"] {
            #expect(FileManager.default.contents(atPath: cli + "/" + name) == FileManager.default.contents(atPath: library + "/" + name), "\(name)")
        }
    }

    /// The library's sweep, sharded and merged, writes the files the command line's unsharded sweep writes.
    @Test func theLibrarysShardedSweepEqualsTheCommandLinesSweep() throws {
        let cli = temporaryFolder(), dir = temporaryFolder()
        let sweepFile = packageRoot.path + "/Scenarios/sweeps/opening-price.yaml"
        let r = try livesim(["sweep", sweepFile, "--replications", "2", "--out", cli])
        #expect(r.status == 0, "\(r.stderr)")
        let definition = try SweepLoader.load(file: sweepFile, replications: 2)
        var shards: [String] = []
        for i in 0..<2 {
            shards.append(dir + "/shard-\(i)")
            _ = try SweepExperiment(definition, jobs: 2, shard: Shard(index: i, count: 2)).run(in: shards[i])
        }
        let merged = try ShardMerge.mergeSweep(shards, into: dir + "/merged", jobs: 2)
        #expect(r.stdout.contains(merged.table))
        for name in ["sweep.csv", "rerun.csv"] {
            #expect(FileManager.default.contents(atPath: cli + "/" + name) == FileManager.default.contents(atPath: dir + "/merged/" + name), "\(name)")
        }
    }
}
