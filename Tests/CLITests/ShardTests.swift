import Foundation
import ResultsStore
import Testing
import Yams

/// Sharded sweeps and `livesim merge`: what Slurm arrays and Kubernetes
/// Indexed Jobs run, run here on one machine.
@Suite(.serialized) struct ShardTests {
    /// The shipped sweep, cut down to two replications a cell, from a copy of
    /// the repository's Scenarios/ in a fresh folder (as a cluster node sees it).
    func workspace() throws -> String {
        let dir = temporaryFolder()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/Scenarios", withDestinationPath: packageRoot.path + "/Scenarios")
        return dir
    }

    func run(_ arguments: [String], in dir: String, environment: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try livesimPath())
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        var env = ProcessInfo.processInfo.environment
        for key in ["SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_COUNT", "JOB_COMPLETION_INDEX"] { env[key] = nil }
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                       stderr: String(decoding: e, as: UTF8.self), seconds: 0)
    }

    func same(_ a: String, _ b: String) throws {
        for name in ["sweep.csv", "rerun.csv"] {
            #expect(try Data(contentsOf: URL(fileURLWithPath: "\(a)/\(name)")) == Data(contentsOf: URL(fileURLWithPath: "\(b)/\(name)")), "\(name)")
        }
        #expect(try ResultsStore(existingAt: a + "/results.sqlite").contents() == ResultsStore(existingAt: b + "/results.sqlite").contents())
    }

    static let sweep = "Scenarios/sweeps/opening-price.yaml"

    @Test func shardsThenMergeEqualTheSingleRunAndEachStoreHoldsItsOwnCells() throws {
        let dir = try workspace()
        let single = try run(["sweep", Self.sweep, "--replications", "2", "--out", "single"], in: dir)
        #expect(single.status == 0, "\(single.stderr)")
        var seen: [Int] = []
        for i in 0..<3 {
            let r = try run(["sweep", Self.sweep, "--replications", "2", "--shard", "\(i)/3", "--out", "shard-\(i)"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            let cells = try ResultsStore(existingAt: "\(dir)/shard-\(i)/results.sqlite").finishedCells(.sweep)
            #expect(cells.allSatisfy { $0 % 3 == i }, "shard \(i) holds \(cells.sorted())")
            #expect(try ResultsStore(existingAt: "\(dir)/shard-\(i)/results.sqlite").finishedCells(.rerun).isEmpty)
            seen += cells
        }
        #expect(seen.sorted() == Array(0..<12), "together every cell once: \(seen.sorted())")
        // Merged in any order of the folders.
        let merged = try run(["merge", "shard-2", "shard-0", "shard-1", "--out", "merged"], in: dir)
        #expect(merged.status == 0, "\(merged.stderr)")
        try same(dir + "/merged", dir + "/single")
    }

    /// The Slurm variables (arrays often start at 1) and Kubernetes' index pick the shard.
    @Test func theSchedulersEnvironmentPicksTheShard() throws {
        let dir = try workspace()
        let slurm = try run(["sweep", Self.sweep, "--replications", "1", "--out", "slurm"], in: dir,
                            environment: ["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "4"])
        #expect(slurm.status == 0, "\(slurm.stderr)")
        #expect(try ResultsStore(existingAt: dir + "/slurm/results.sqlite").finishedCells(.sweep) == [2, 6, 10])
        let kube = try run(["sweep", Self.sweep, "--replications", "1", "--shards", "5", "--out", "kube"], in: dir,
                           environment: ["JOB_COMPLETION_INDEX": "4"])
        #expect(kube.status == 0, "\(kube.stderr)")
        #expect(try ResultsStore(existingAt: dir + "/kube/results.sqlite").finishedCells(.sweep) == [4, 9])
        let noCount = try run(["sweep", Self.sweep, "--out", "x"], in: dir, environment: ["JOB_COMPLETION_INDEX": "1"])
        #expect(noCount.status == 2 && noCount.stderr.contains("--shards"), "\(noCount.stderr)")
        let bad = try run(["sweep", Self.sweep, "--shard", "3/3", "--out", "y"], in: dir)
        #expect(bad.status == 2 && bad.stderr.contains("--shard 3/3"), "\(bad.stderr)")
    }

    /// The shipped Indexed Job, run here: its shard command once per index
    /// (Kubernetes expands `$(JOB_COMPLETION_INDEX)`), then its merge command.
    @Test func theKubernetesManifestRunLocallyEqualsTheSingleRun() throws {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("Deploy/kubernetes/sweep-job.yaml"), encoding: .utf8)
        let documents = try Yams.load_all(yaml: text).map { $0 as! [String: Any] }
        func container(_ job: [String: Any]) -> [String: Any] {
            let spec = job["spec"] as! [String: Any], template = spec["template"] as! [String: Any]
            return ((template["spec"] as! [String: Any])["containers"] as! [[String: Any]])[0]
        }
        let indexed = try #require(documents.first { (($0["spec"] as? [String: Any])?["completionMode"] as? String) == "Indexed" })
        let merge = try #require(documents.first { ($0["metadata"] as? [String: Any])?["name"] as? String == "livesim-sweep-merge" })
        let completions = (indexed["spec"] as! [String: Any])["completions"] as! Int
        let shardCommand = container(indexed)["command"] as! [String]
        let mergeCommand = container(merge)["command"] as! [String]
        #expect(shardCommand.first == "livesim" && mergeCommand.first == "livesim")
        let shardsFlag = try #require(shardCommand.firstIndex(of: "--shards"))
        #expect(Int(shardCommand[shardsFlag + 1]) == completions, "--shards must repeat completions")

        let dir = try workspace()
        for index in 0..<completions {
            let arguments = shardCommand.dropFirst().map { $0.replacingOccurrences(of: "$(JOB_COMPLETION_INDEX)", with: String(index)) }
            let r = try run(arguments + ["--replications", "2"], in: dir, environment: ["JOB_COMPLETION_INDEX": String(index)])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let m = try run(Array(mergeCommand.dropFirst()), in: dir)
        #expect(m.status == 0, "\(m.stderr)")
        let single = try run(["sweep", Self.sweep, "--replications", "2", "--out", "single"], in: dir)
        #expect(single.status == 0)
        let mergedOut = mergeCommand[mergeCommand.firstIndex(of: "--out")! + 1]
        try same(dir + "/" + mergedOut, dir + "/single")
    }

    @Test func mergingOverlappingIncompleteOrMismatchedShardsFailsNamingTheCells() throws {
        let dir = try workspace()
        for i in 0..<3 {
            #expect(try run(["sweep", Self.sweep, "--replications", "1", "--shard", "\(i)/3", "--out", "s\(i)"], in: dir).status == 0)
        }
        let missing = try run(["merge", "s0", "s2", "--out", "m1"], in: dir)
        #expect(missing.status == 2 && missing.stderr.contains("cells 1, 4, 7, 10"), "\(missing.stderr)")
        let overlap = try run(["merge", "s0", "s1", "s2", "s1", "--out", "m2"], in: dir)
        #expect(overlap.status == 2 && overlap.stderr.contains("cell 1 (in s1 and s1)"), "\(overlap.stderr)")
        // A shard of another sweep (other replications: another fingerprint).
        #expect(try run(["sweep", Self.sweep, "--replications", "2", "--shard", "1/3", "--out", "other"], in: dir).status == 0)
        let mismatched = try run(["merge", "s0", "other", "s2", "--out", "m3"], in: dir)
        #expect(mismatched.status == 2 && mismatched.stderr.contains("different sweeps"), "\(mismatched.stderr)")
        for refused in ["m1", "m2", "m3"] { #expect(!FileManager.default.fileExists(atPath: dir + "/" + refused), "\(refused) written") }
        // A folder that is no shard.
        let notAShard = try run(["merge", "Scenarios", "--out", "m4"], in: dir)
        #expect(notAShard.status == 2 && notAShard.stderr.contains("no results.sqlite"))
    }

    /// `run --shard` splits replications the same way; merged, the tables and
    /// summary.json are the single run's, byte for byte.
    @Test func runShardsMergeIntoTheSingleRunsFiles() throws {
        let dir = try workspace()
        let tiny = try tinyScenario()
        #expect(try run(["run", tiny, "--replications", "5", "--out", "single"], in: dir).status == 0)
        for i in 0..<2 {
            let r = try run(["run", tiny, "--replications", "5", "--shard", "\(i)/2", "--out", "part-\(i)"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let shard1 = try String(contentsOfFile: dir + "/part-1/replications.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(shard1.map { $0.prefix { $0 != "," } } == ["1", "3"])
        let m = try run(["merge", "part-1", "part-0", "--out", "merged"], in: dir)
        #expect(m.status == 0, "\(m.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir + "/single").filter { $0 != "manifest.json" }
        #expect(names.count == 10, "the nine tables and report.html")
        for name in names {
            #expect(try Data(contentsOf: URL(fileURLWithPath: "\(dir)/single/\(name)")) == Data(contentsOf: URL(fileURLWithPath: "\(dir)/merged/\(name)")), "\(name)")
        }
        let half = try run(["merge", "part-0", "--out", "half"], in: dir)
        #expect(half.status == 2 && half.stderr.contains("replications 1, 3"), "\(half.stderr)")
    }
}
