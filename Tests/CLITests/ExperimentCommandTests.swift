import Foundation
import ResultsStore
import Testing

/// `livesim compare` and `livesim sweep` end to end: common random numbers
/// through the command line, determinism across thread counts, and a sweep
/// that survives `kill -9`.
@Suite(.serialized) struct ExperimentCommandTests {
    /// A scenario file beside the tiny one, with `text` appended to its YAML
    /// (later keys win) or replacing it.
    func write(_ text: String, name: String, in dir: String) throws -> String {
        let path = (dir as NSString).appendingPathComponent(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func csvRows(_ path: String) throws -> [[String]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Files of a result folder (recursively) except the manifests, which hold timestamps.
    func files(_ dir: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let fm = FileManager.default
        for case let name as String in fm.enumerator(atPath: dir)! where !name.hasSuffix("manifest.json") && !name.hasSuffix(".sqlite") {
            var isDirectory: ObjCBool = false
            _ = fm.fileExists(atPath: dir + "/" + name, isDirectory: &isDirectory)
            if !isDirectory.boolValue { out[name] = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)) }
        }
        return out
    }

    @Test func aCopyDifferingOnlyInNameAndLayoutDiffersByExactlyZero() throws {
        let tiny = try tinyScenario()
        let dir = (tiny as NSString).deletingLastPathComponent
        // The same scenario: another name and description, keys in another order, comments.
        let original = try String(contentsOfFile: tiny, encoding: .utf8)
        let lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let extends = lines[0], rest = lines.dropFirst(3).joined(separator: "\n")
        let copy = try write("""
            # the same stream under another name
            name: tiny-copy   # renamed
            description: A copy with its keys moved around
            \(rest)
            replications: 3
            \(extends)
            """, name: "copy.yaml", in: dir)
        let out = temporaryFolder()
        let r = try livesim(["compare", tiny, copy, "--replications", "4", "--seed", "3", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try csvRows(out + "/comparison.csv")
        let header = rows[0]
        #expect(header.prefix(9) == ["kpi", "scenario", "mean", "ciLow", "ciHigh", "diffVsFirst", "diffCiLow", "diffCiHigh", "probabilityBest"])
        let diff = header.firstIndex(of: "diffVsFirst")!, low = header.firstIndex(of: "diffCiLow")!, high = header.firstIndex(of: "diffCiHigh")!
        let copies = rows.dropFirst().filter { $0[1] == "tiny-copy" }
        #expect(copies.count == 31)
        for row in copies where !row[diff].isEmpty {
            #expect(row[diff] == "0" && row[low] == "0" && row[high] == "0", "\(row[0]): \(row[diff]) [\(row[low]), \(row[high])]")
        }
        #expect(copies.filter { !$0[diff].isEmpty }.count >= 25)
        // Each scenario's own result files, beside comparison.csv.
        for name in ["tiny", "tiny-copy"] {
            #expect(FileManager.default.fileExists(atPath: "\(out)/\(name)/summary.json"))
            #expect(FileManager.default.fileExists(atPath: "\(out)/\(name)/replications.csv"))
        }
        #expect(r.stdout.contains("independent seeds would give"))
    }

    /// One price changed: pairing removes the noise the two scenarios share,
    /// so the paired CI of the GMV difference is narrower than Welch's.
    @Test func pairingNarrowsTheIntervalOfADifference() throws {
        let tiny = try tinyScenario()
        let dir = (tiny as NSString).deletingLastPathComponent
        let cheaper = try write("""
            extends: tiny.yaml
            name: cheaper-opening
            promotions:
              - name: opening
                fromMinute: 0
                toMinute: 15
                offers: [{id: opening-serum, type: livePrice, product: hot-serum, priceYuan: 79, units: 300}]
            """, name: "cheaper.yaml", in: dir)
        let out = temporaryFolder()
        let r = try livesim(["compare", tiny, cheaper, "--replications", "12", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try csvRows(out + "/comparison.csv")
        let h = rows[0]
        let row = try #require(rows.first { $0[0] == "gmvYuan" && $0[1] == "cheaper-opening" })
        func v(_ key: String) -> Double { Double(row[h.firstIndex(of: key)!])! }
        let paired = v("diffCiHigh") - v("diffCiLow"), independent = v("independentDiffCiHigh") - v("independentDiffCiLow")
        #expect(paired > 0 && paired < independent, "paired width \(paired), independent \(independent)")
        let p = rows.dropFirst().filter { $0[0] == "gmvYuan" }.map { Double($0[h.firstIndex(of: "probabilityBest")!])! }
        #expect(abs(p.reduce(0, +) - 1) < 1e-12)
    }

    @Test func compareGivesTheSameFilesWithOneOrTwoThreads() throws {
        let tiny = try tinyScenario()
        let dir = (tiny as NSString).deletingLastPathComponent
        let other = try write("extends: tiny.yaml\nname: charming\nhost: {charisma: 0.9}\n", name: "charming.yaml", in: dir)
        let one = temporaryFolder(), two = temporaryFolder()
        #expect(try livesim(["compare", tiny, other, "--replications", "4", "--jobs", "1", "--out", one]).status == 0)
        #expect(try livesim(["compare", tiny, other, "--replications", "4", "--jobs", "2", "--out", two]).status == 0)
        let a = try files(one), b = try files(two)
        #expect(a.count == 22 && a == b, "\(a.keys.sorted())")
    }

    @Test func compareRejectsBadInputWithoutWriting() throws {
        let tiny = try tinyScenario()
        let out = temporaryFolder()
        let one = try livesim(["compare", tiny, "--out", out])
        #expect(one.status == 2 && one.stderr.contains("at least two"))
        let bad = try livesim(["compare", tiny, "/nonexistent.yaml", "--out", out])
        #expect(bad.status == 2 && bad.stderr.contains("/nonexistent.yaml"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// Common random numbers through the command line: moving the KOL post
    /// moves only the KOL's viewers; every search and followers viewer
    /// arrives at the same time with the same traits.
    @Test func movingAKOLPostLeavesOtherChannelsViewersIdentical() throws {
        let tiny = try tinyScenario()
        let dir = (tiny as NSString).deletingLastPathComponent
        let moved = try write("""
            extends: tiny.yaml
            name: later-kol
            channels:
              kol:
                - {name: beauty-kol, postMinute: 25, audience: 1200000, engagement: 0.04, clickThrough: 0.08, decayMinutes: 12,
                   feeYuan: 30000, commissionRate: 0.1}
            """, name: "later-kol.yaml", in: dir)
        func arrivals(_ file: String) throws -> [String: [String: String]] {
            let r = try livesim(["trace", file, "--seed", "9", "--format", "jsonl"])
            #expect(r.status == 0, "\(r.stderr)")
            var out: [String: [String: String]] = [:]
            for line in r.stdout.split(separator: "\n") {
                let e = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                guard e["type"] as? String == "arrive", e["reentry"] as? Bool == false else { continue }
                let channel = e["channel"] as! String
                guard channel == "search" || channel == "followers" || channel == "kol" else { continue }
                let key = "\(channel)#\(e["arrivalIndex"]!)"
                var fields: [String: String] = [:]
                for name in ["t", "segment", "interest", "priceSensitivity", "willingnessToPay", "trust", "patience", "sociability"] {
                    fields[name] = "\(e[name]!)"
                }
                out[key] = fields
            }
            return out
        }
        let a = try arrivals(tiny), b = try arrivals(moved)
        let others = a.keys.filter { !$0.hasPrefix("kol#") }
        #expect(others.count > 100)
        for key in others { #expect(a[key] == b[key], "\(key): \(a[key]!) vs \(b[key] ?? [:])") }
        let kolTimes = a.keys.filter { $0.hasPrefix("kol#") }.compactMap { key in b[key].map { (a[key]!["t"]!, $0["t"]!) } }
        #expect(!kolTimes.isEmpty && kolTimes.allSatisfy { $0.0 != $0.1 }, "the KOL's viewers move with the post")
    }

    /// A small sweep over the tiny scenario.
    func sweepFile(cells prices: [Int], replications: Int) throws -> String {
        let tiny = try tinyScenario()
        let dir = (tiny as NSString).deletingLastPathComponent
        return try write("""
            base: tiny.yaml
            replications: \(replications)
            objective: gmvYuan
            vary:
              promotions[0].offers[0].priceYuan: [\(prices.map(String.init).joined(separator: ", "))]
              host.charisma: [0.4, 0.8]
            """, name: "sweep.yaml", in: dir)
    }

    @Test func sweepWritesItsFilesTheSameWithOneOrTwoThreadsAndRerunsWithFreshSeeds() throws {
        let sweep = try sweepFile(cells: [69, 99, 129], replications: 4)
        let one = temporaryFolder(), two = temporaryFolder()
        let r1 = try livesim(["sweep", sweep, "--jobs", "1", "--out", one])
        #expect(r1.status == 0, "\(r1.stderr)")
        #expect(try livesim(["sweep", sweep, "--jobs", "2", "--out", two]).status == 0)
        #expect(try files(one) == files(two))
        let a = try ResultsStore(existingAt: one + "/results.sqlite"), b = try ResultsStore(existingAt: two + "/results.sqlite")
        #expect(try a.contents() == b.contents())

        let rows = try csvRows(one + "/sweep.csv")
        #expect(rows[0].prefix(5) == ["cell", "promotions[0].offers[0].priceYuan", "host.charisma", "viewsMean", "viewsCiLow"])
        #expect(rows.count == 7 && rows[1][1] == "69" && rows[1][2] == "0.4" && rows[2][2] == "0.8")
        // Every cell shares the sweep's seeds; the re-run's are disjoint from them.
        let keys = try a.replicationKeys()
        let sweepSeeds = Set(keys.filter { $0.phase == "sweep" }.map { "\($0.seed)/\($0.replication)" })
        let rerunSeeds = Set(keys.filter { $0.phase == "rerun" }.map { "\($0.seed)/\($0.replication)" })
        #expect(sweepSeeds.count == 4 && keys.filter { $0.phase == "sweep" }.count == 24)
        #expect(!rerunSeeds.isEmpty && rerunSeeds.isDisjoint(with: sweepSeeds))
        let rerun = try csvRows(one + "/rerun.csv")
        #expect(rerun.count >= 2 && rerun[0] == rows[0])
        #expect(r1.stdout.contains("cells: 6 (0 from results.sqlite, 6 computed)"))
    }

    /// Explicit points instead of a grid, with a text value among the numbers.
    @Test func aSweepOfExplicitPointsKeepsTheirOrderAndValues() throws {
        let tiny = try tinyScenario()
        let dir = (tiny as NSString).deletingLastPathComponent
        let sweep = try write("""
            base: tiny.yaml
            replications: 2
            points:
              - host.charisma: 0.4
                promotions[0].offers[0].type: livePrice
              - {host.charisma: 0.8, "promotions[0].offers[0].type": flashSale}
            """, name: "points.yaml", in: dir)
        let out = temporaryFolder()
        let r = try livesim(["sweep", sweep, "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try csvRows(out + "/sweep.csv")
        #expect(rows.count == 3)
        #expect(rows[0].prefix(3) == ["cell", "host.charisma", "promotions[0].offers[0].type"])
        #expect(rows[1].prefix(3) == ["0", "0.4", "livePrice"] && rows[2].prefix(3) == ["1", "0.8", "flashSale"])
        let mixed = try write("base: tiny.yaml\npoints:\n  - {host.charisma: 0.4}\n  - {host.sincerity: 0.4}\n", name: "mixed.yaml", in: dir)
        let m = try livesim(["sweep", mixed, "--out", temporaryFolder()])
        #expect(m.status == 2 && m.stderr.contains("points[1]"), "\(m.stderr)")
    }

    /// Kill the sweep with SIGKILL after k of n cells; the same command computes
    /// exactly n − k cells and ends with the files of an uninterrupted run.
    @Test func aKilledSweepResumesWithOnlyTheMissingCells() throws {
        let sweep = try sweepFile(cells: [59, 69, 79, 89, 99, 109, 119, 129], replications: 6)
        let n = 16
        let whole = temporaryFolder(), resumed = temporaryFolder()
        #expect(try livesim(["sweep", sweep, "--jobs", "1", "--out", whole]).status == 0)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: try livesimPath())
        process.arguments = ["sweep", sweep, "--jobs", "1", "--out", resumed]
        process.currentDirectoryURL = packageRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var finished = 0
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline {
            if FileManager.default.fileExists(atPath: resumed + "/results.sqlite"),
               let store = try? ResultsStore(existingAt: resumed + "/results.sqlite"),
               let done = try? store.finishedCells(.sweep).count, done >= 3 {
                finished = done
                break
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let k = try ResultsStore(existingAt: resumed + "/results.sqlite").finishedCells(.sweep).count
        #expect(finished >= 3 && k >= finished && k < n, "killed after \(k) of \(n) cells")
        #expect(!FileManager.default.fileExists(atPath: resumed + "/sweep.csv"))

        let again = try livesim(["sweep", sweep, "--jobs", "1", "--out", resumed])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("cells: \(n) (\(k) from results.sqlite, \(n - k) computed)"), "\(again.stdout)")
        #expect(try files(whole) == files(resumed))
        #expect(try ResultsStore(existingAt: whole + "/results.sqlite").contents()
                == ResultsStore(existingAt: resumed + "/results.sqlite").contents())
        // A third time: nothing left to compute.
        let third = try livesim(["sweep", sweep, "--jobs", "2", "--out", resumed])
        #expect(third.stdout.contains("cells: \(n) (\(n) from results.sqlite, 0 computed)"))
        #expect(third.stdout.contains("computed)") && third.stdout.contains("re-run with fresh seeds"))
    }

    @Test func aChangedSweepIsNotResumedAndBadSweepsFailClearly() throws {
        let sweep = try sweepFile(cells: [69, 99], replications: 2)
        let out = temporaryFolder()
        #expect(try livesim(["sweep", sweep, "--out", out]).status == 0)
        var text = try String(contentsOfFile: sweep, encoding: .utf8)
        text = text.replacingOccurrences(of: "[69, 99]", with: "[69, 99, 129]")
        try Data(text.utf8).write(to: URL(fileURLWithPath: sweep))
        let changed = try livesim(["sweep", sweep, "--out", out])
        #expect(changed.status == 2 && changed.stderr.contains("results.sqlite") && changed.stderr.contains("another sweep"), "\(changed.stderr)")

        let dir = (sweep as NSString).deletingLastPathComponent
        let bad = try write("""
            base: tiny.yaml
            replications: 0
            objective: happiness
            vary:
              promotions[0].offers[0].priceYuan: [69, -5]
            """, name: "bad-sweep.yaml", in: dir)
        let b = try livesim(["sweep", bad, "--out", temporaryFolder()])
        #expect(b.status == 2)
        #expect(b.stderr.contains("bad-sweep.yaml:2") && b.stderr.contains("replications"), "\(b.stderr)")
        #expect(b.stderr.contains("objective: \"happiness\""), "\(b.stderr)")
        let unknownPath = try write("base: tiny.yaml\nvary:\n  host.charm: [0.1]\n", name: "bad-path.yaml", in: dir)
        let u = try livesim(["sweep", unknownPath, "--out", temporaryFolder()])
        #expect(u.status == 2 && u.stderr.contains("host.charm"), "\(u.stderr)")
        let badValue = try write("base: tiny.yaml\nvary:\n  promotions[0].offers[0].priceYuan: [69, -5]\n", name: "bad-value.yaml", in: dir)
        let v = try livesim(["sweep", badValue, "--out", temporaryFolder()])
        #expect(v.status == 2 && v.stderr.contains("bad-value.yaml:3:") && v.stderr.contains("promotions[0].offers[0].priceYuan: -5"),
                "a bad value is reported once, where the sweep file writes it: \(v.stderr)")
    }
}


/// `--jobs` defaults to the CPUs this process may use (its affinity mask,
/// and any cgroup quota), not the host's core count.
@Suite struct DefaultJobsTests {
    func jobs(_ manifest: String) throws -> Int {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifest))) as! [String: Any]
        return object["jobs"] as! Int
    }

    @Test func anAffinityMaskOfOneCPUMeansOneJob() throws {
        let tiny = try tinyScenario()
        let pinned = temporaryFolder(), free = temporaryFolder()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/taskset")
        process.arguments = ["-c", "0", try livesimPath(), "run", tiny, "--replications", "1", "--out", pinned]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(try jobs(pinned + "/manifest.json") == 1)
        #expect(try livesim(["run", tiny, "--replications", "1", "--out", free]).status == 0)
        // Unpinned: between one and the host's cores (a cgroup quota may lower it).
        let cores = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #expect((1...cores).contains(try jobs(free + "/manifest.json")))
    }
}
