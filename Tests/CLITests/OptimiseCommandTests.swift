import Foundation
import Testing

/// `livesim optimise` end to end: a killed optimisation resumes and ends
/// with the files of an uninterrupted one; bad files exit 2 with the line
/// and leave nothing behind; `optimize` is the same command.
@Suite(.serialized) struct OptimiseCommandTests {
    /// An optimisation file over the tiny scenario: its opening price and units.
    func optimisationFile(budget: Int, extra: String = "") throws -> String {
        let tiny = try tinyScenario()
        let path = (tiny as NSString).deletingLastPathComponent + "/plan.yaml"
        try Data("""
            base: tiny.yaml
            objective: profitYuan
            decisions:
              promotions[0].offers[0].priceYuan: {min: 59, max: 199}
              promotions[0].offers[0].units: {min: 50, max: 600, integer: true}
            budget: \(budget)
            replications: 4
            \(extra)
            """.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func files(_ dir: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) where name != "manifest.json" && !name.hasSuffix(".sqlite") {
            out[name] = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))
        }
        return out
    }

    /// Runs in the store, read with the sqlite3 library through the store's own table.
    func storedRuns(_ folder: String) -> Int {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from runs').fetchone()[0])",
                       folder + "/results.sqlite"]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return 0 }
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    @Test func aKilledOptimisationResumesWithTheSameFiles() throws {
        let file = try optimisationFile(budget: 80)
        let whole = temporaryFolder(), resumed = temporaryFolder()
        let first = try livesim(["optimise", file, "--jobs", "1", "--out", whole])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("chosen (probability of correct selection"), "\(first.stdout)")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: try livesimPath())
        process.arguments = ["optimise", file, "--jobs", "1", "--out", resumed]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        var stored = 0
        while process.isRunning && Date() < deadline {
            stored = storedRuns(resumed)
            if stored >= 20 { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(stored >= 20, "killed after \(stored) runs")
        #expect(!FileManager.default.fileExists(atPath: resumed + "/optimisation.csv"), "killed before the end")

        let again = try livesim(["optimize", file, "--jobs", "2", "--out", resumed])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("from results.sqlite"), "\(again.stdout)")
        #expect(try files(whole) == files(resumed))
    }

    @Test func aBadFileExitsTwoWithItsLineAndLeavesNothing() throws {
        let file = try optimisationFile(budget: 20, extra: "requirements:\n  - {kpi: happiness, min: 3}\n")
        let out = temporaryFolder()
        let r = try livesim(["optimise", file, "--out", out])
        #expect(r.status == 2)
        #expect(r.stderr.contains("plan.yaml:9") && r.stderr.contains("requirements[0].kpi"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let v = try livesim(["validate", file])
        #expect(v.status == 2 && v.stderr.contains("requirements[0].kpi"), "\(v.stderr)")
        let good = try optimisationFile(budget: 20)
        let ok = try livesim(["validate", good])
        #expect(ok.status == 0 && ok.stdout.contains("ok: "), "\(ok.stderr)")
    }
}
