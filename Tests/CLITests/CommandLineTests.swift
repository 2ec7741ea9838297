import Foundation
import Testing

/// End to end, against the built `livesim` binary (as swift-argument-parser's
/// example tests do): help, errors and exit codes, result files, determinism.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

struct Outcome { var status: Int32; var stdout: String; var stderr: String; var seconds: Double }

/// Runs the built binary with `arguments` from the package root.
func livesim(_ arguments: [String]) throws -> Outcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try livesimPath())
    process.arguments = arguments
    process.currentDirectoryURL = packageRoot
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let start = Date()
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Outcome(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self), seconds: Date().timeIntervalSince(start))
}

/// The built binary's path (as ``livesim(_:)`` finds it).
func livesimPath() throws -> String {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("livesim")
    let candidates = [binary.path, packageRoot.appendingPathComponent(".build/release/livesim").path,
                      packageRoot.appendingPathComponent(".build/debug/livesim").path]
    guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: binary.path])
    }
    return path
}

func temporaryFolder() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("livesim-cli-\(UUID().uuidString)").path
}

/// The shared contract checker on a result folder, where the shared folder is
/// beside the checkout (always in CI): its exit status and output, nil without it.
func checkResults(_ folder: String, _ options: [String] = []) throws -> (status: Int32, output: String)? {
    let checker = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/tools/check-results").path
    guard FileManager.default.fileExists(atPath: checker) else {
        #expect(ProcessInfo.processInfo.environment["CI"] == nil, "CI must have ../shared/tools/check-results")
        return nil
    }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", checker, folder] + options
    let pipe = Pipe()
    p.standardOutput = pipe
    try p.run()
    let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    return (p.terminationStatus, text)
}

/// A small, quick scenario extending the baseline.
func tinyScenario() throws -> String {
    let dir = temporaryFolder()
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let path = dir + "/tiny.yaml"
    try Data("""
        extends: \(packageRoot.path)/Scenarios/baseline.yaml
        name: tiny
        replications: 3
        stream: {durationMinutes: 30}
        guests: []
        promotions:
          - name: opening
            fromMinute: 0
            toMinute: 15
            offers: [{id: opening-serum, type: livePrice, product: hot-serum, priceYuan: 99, units: 300}]
        events:
          - {type: luckyBag, announceMinute: 10, drawMinute: 20, winners: 10, prizeValueYuan: 50}
        runOfShow:
          - {product: hot-serum, fromMinute: 0, toMinute: 15}
          - {product: serum-set, fromMinute: 15, toMinute: 30}
        """.utf8).write(to: URL(fileURLWithPath: path))
    return path
}

@Suite(.serialized) struct CommandLineTests {
    @Test func helpExplainsEveryCommandWithAnExample() throws {
        let root = try livesim(["--help"])
        #expect(root.status == 0)
        for command in ["run", "validate", "schema", "trace"] {
            #expect(root.stdout.contains(command))
            let help = try livesim([command, "--help"])
            #expect(help.status == 0 && help.stdout.contains("Example"), "\(command) --help")
        }
        let run = try livesim(["run", "--help"])
        for option in ["--seed", "--replications", "--jobs", "--out"] { #expect(run.stdout.contains(option)) }
    }

    /// A run whose feed multiplier sits at a clamp for more than half the
    /// stream says so (here: a reference room so quiet that every room beats it).
    @Test func aRunAtTheClampSaysSo() throws {
        let dir = temporaryFolder()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/clamped.yaml"
        try Data("""
            extends: \(try tinyScenario())
            name: clamped
            roomWeight: {referenceInteractionsPerViewerMinute: 0.001, referenceOrdersPerViewerMinute: 0.000001,
                         referenceStaySeconds: 5, referenceEntryStayShare: 0.01}
            """.utf8).write(to: URL(fileURLWithPath: path))
        let r = try livesim(["run", path, "--seed", "3", "--out", temporaryFolder(), "--jobs", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("note: the feed multiplier was at its upper clamp 2 for "), "\(r.stdout)")
        let plain = try livesim(["run", try tinyScenario(), "--seed", "3", "--out", temporaryFolder(), "--jobs", "2"])
        #expect(plain.status == 0 && !plain.stdout.contains("note: the feed multiplier"), "\(plain.stdout)")
    }

    @Test func aTinyRunWritesEveryFileWithTheContractsColumns() throws {
        let out = temporaryFolder()
        let r = try livesim(["run", try tinyScenario(), "--seed", "3", "--out", out, "--jobs", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("gmvYuan") && r.stdout.contains("results: \(out)"))
        let files = try FileManager.default.contentsOfDirectory(atPath: out)
        for f in ["summary.json", "replications.csv", "timeseries.csv", "channel-minutes.csv", "product-minutes.csv",
                  "stays.csv", "channels.csv", "phases.csv", "products.csv", "manifest.json"] {
            #expect(files.contains(f), "missing \(f)")
        }
        let header = try String(contentsOfFile: out + "/timeseries.csv", encoding: .utf8).split(separator: "\n")[0]
        #expect(header == "replication,minute,concurrentViewers,entries,exits,interactions,productClicks,orders,gmvYuan,roomWeight,stalledSeconds,feedMultiplier")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as! [String: Any]
        #expect(summary["replications"] as? Int == 3 && summary["seed"] as? Int == 3)
        if let check = try checkResults(out, ["--partial"]) { #expect(check.status == 0, "check-results: \(check.output)") }
    }

    @Test func theSameSeedGivesByteIdenticalFilesWhateverTheThreadsAndAnotherSeedDiffers() throws {
        let scenario = try tinyScenario()
        let a = temporaryFolder(), b = temporaryFolder(), c = temporaryFolder()
        #expect(try livesim(["run", scenario, "--seed", "11", "--out", a, "--jobs", "1"]).status == 0)
        #expect(try livesim(["run", scenario, "--seed", "11", "--out", b, "--jobs", "3"]).status == 0)
        #expect(try livesim(["run", scenario, "--seed", "12", "--out", c]).status == 0)
        for f in ["summary.json", "replications.csv", "timeseries.csv", "channel-minutes.csv", "product-minutes.csv",
                  "stays.csv", "channels.csv", "phases.csv", "products.csv"] {
            let x = try Data(contentsOf: URL(fileURLWithPath: "\(a)/\(f)")), y = try Data(contentsOf: URL(fileURLWithPath: "\(b)/\(f)"))
            #expect(x == y, "\(f) differs between runs with the same seed")
        }
        let x = try Data(contentsOf: URL(fileURLWithPath: "\(a)/replications.csv"))
        let z = try Data(contentsOf: URL(fileURLWithPath: "\(c)/replications.csv"))
        #expect(x != z, "another seed must give other numbers")
    }

    @Test func theTraceAgreesWithTheRun() throws {
        let scenario = try tinyScenario()
        let out = temporaryFolder()
        #expect(try livesim(["run", scenario, "--seed", "5", "--out", out]).status == 0)
        let trace = out + ".trace.jsonl"
        let t = try livesim(["trace", scenario, "--seed", "5", "--replication", "1", "--out", trace])
        #expect(t.status == 0, "\(t.stderr)")
        let lines = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n")
        var arrivals = 0, leaves = 0, gmv = 0.0, last = -1.0
        for line in lines {
            let e = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let time = e["t"] as! Double
            #expect(time >= last); last = time
            switch e["type"] as! String {
            case "arrive": arrivals += 1
            case "leave": leaves += 1
            case "order": gmv += e["amountYuan"] as! Double
            default: break
            }
        }
        let rows = try String(contentsOfFile: out + "/replications.csv", encoding: .utf8).split(separator: "\n")
        let header = rows[0].split(separator: ",").map(String.init)
        let row1 = rows[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        func value(_ key: String) -> Double { Double(row1[header.firstIndex(of: key)!])! }
        #expect(Double(arrivals) == value("views") && arrivals == leaves)
        #expect(abs(gmv - value("gmvYuan")) <= 1e-6 * max(1, gmv))
        // The same trace twice is the same bytes; CSV has the same events.
        let again = out + ".again.jsonl"
        #expect(try livesim(["trace", scenario, "--seed", "5", "--replication", "1", "--out", again]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: trace)) == Data(contentsOf: URL(fileURLWithPath: again)))
        let csv = try livesim(["trace", scenario, "--seed", "5", "--replication", "1", "--format", "csv"])
        #expect(csv.status == 0 && csv.stdout.split(separator: "\n").count == lines.count + 1)
    }

    /// Each file of Tests/Fixtures/malformed with an `# expect: PATH | TEXT` line.
    static let malformed: [String] = {
        let dir = packageRoot.appendingPathComponent("Tests/Fixtures/malformed").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().filter {
            ((try? String(contentsOfFile: "\(dir)/\($0)", encoding: .utf8)) ?? "").hasPrefix("# expect:")
        }
    }()

    @Test func theMalformedTableCoversEveryClass() {
        #expect(Self.malformed.count >= 19)
    }

    @Test(arguments: malformed)
    func aMalformedFileGetsItsMessageAndExitTwoAndNothingIsWritten(_ name: String) throws {
        let file = packageRoot.appendingPathComponent("Tests/Fixtures/malformed/\(name)").path
        let firstLine = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)[0]
        let expectation = firstLine.dropFirst("# expect:".count).split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        let out = temporaryFolder()
        let r = try livesim(["run", file, "--out", out])
        #expect(r.status == 2, "\(name): exit \(r.status), stderr \(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out), "\(name): nothing may be written")
        #expect(r.stderr.contains(expectation[1]), "\(name): expected “\(expectation[1])” in \(r.stderr)")
        if !expectation[0].isEmpty { #expect(r.stderr.contains(expectation[0] + ":"), "\(name): expected the path \(expectation[0]) in \(r.stderr)") }
        #expect(r.stderr.contains(name), "\(name): the message names the file")
        #expect(r.seconds < 1, "\(name): took \(r.seconds) s")
        let v = try livesim(["validate", file])
        #expect(v.status == 2)
    }

    @Test func validateAcceptsEveryShippedScenario() throws {
        let r = try livesim(["validate", "Scenarios/baseline.yaml", "Scenarios/reference-viewers.yaml",
                             "Scenarios/variants/kol-heavy.yaml", "Scenarios/variants/paid-boost.yaml",
                             "Scenarios/variants/weak-host.yaml", "Scenarios/variants/poor-stream.yaml",
                             "Scenarios/variants/no-opening-deal.yaml", "Scenarios/variants/hourly-flash-sales.yaml",
                             "Scenarios/variants/no-trust.yaml"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").count == 9)
    }

    @Test func badOptionsExitTwo() throws {
        let scenario = try tinyScenario()
        #expect(try livesim(["run", scenario, "--replications", "0"]).status == 2)
        #expect(try livesim(["run", scenario, "--jobs", "0"]).status == 2)
        #expect(try livesim(["trace", scenario, "--format", "xml"]).status == 2)
        let busy = temporaryFolder()
        try FileManager.default.createDirectory(atPath: busy, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: busy + "/keep"))
        let r = try livesim(["run", scenario, "--out", busy])
        #expect(r.status == 2 && r.stderr.contains("not empty"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: busy) == ["keep"])
        #expect(try livesim(["run", "no/such/file.yaml"]).status == 2)
    }

    @Test func validateChecksASweepAsASweepAndPrintsWarningsWithoutFailing() throws {
        let r = try livesim(["validate", "Scenarios/sweeps/opening-price.yaml", "Scenarios/baseline.yaml"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "ok: Scenarios/sweeps/opening-price.yaml\nok: Scenarios/baseline.yaml\n")
        #expect(r.stderr.contains("warning: Scenarios/baseline.yaml:77:82: products[2].referencePriceYuan: the price ¥79 of clearance-bag is never charged"), "\(r.stderr)")
        let dir = temporaryFolder()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let sweep = dir + "/typo.yaml"
        try Data("base: \(packageRoot.path)/Scenarios/baseline.yaml\nvary:\n  channels.feeed.impressionsPerMinute: [1000, 2000]\n".utf8)
            .write(to: URL(fileURLWithPath: sweep))
        let bad = try livesim(["validate", sweep])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("typo.yaml:3:3: channels.feeed.impressionsPerMinute: unknown key `feeed`"), "\(bad.stderr)")
        #expect(bad.stderr.split(separator: "\n").count == 1, "one error: \(bad.stderr)")
    }
}
