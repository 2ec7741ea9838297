import Foundation
import Testing

/// `livesim calibrate` end to end: a past stream made by `livesim run` at a
/// known stay, fitted back; the contract's files and columns; `calibrated.yaml`
/// runs as it is; a second call with the same `--out` resumes from the store
/// and writes the same files; bad input exits 2 and writes nothing.
@Suite(.serialized) struct CalibrateCommandTests {
    /// A 20-minute room of reference viewers (closed-form stays), its mean stay the one unknown.
    static let room = """
        extends: \(packageRoot.path)/Scenarios/reference-viewers.yaml
        name: small-room
        stream: {durationMinutes: 20}
        channels: {search: {perMinute: 300, intentShift: 0, segmentMix: {neutral: 1}}}
        runOfShow: [{product: item, fromMinute: 0, toMinute: 20}]

        """

    /// A folder with the room, one past stream of it at stay 120 s (seed 77) exported as CSV, and a calibration file.
    static func setUp() throws -> (folder: String, calibration: String) {
        let dir = temporaryFolder()
        try FileManager.default.createDirectory(atPath: dir + "/past", withIntermediateDirectories: true)
        try Data(room.utf8).write(to: URL(fileURLWithPath: dir + "/room.yaml"))
        let run = try livesim(["run", dir + "/room.yaml", "--seed", "77", "--replications", "1", "--out", dir + "/truth"])
        #expect(run.status == 0, "\(run.stderr)")
        let table = try String(contentsOfFile: dir + "/truth/timeseries.csv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = table[0]
        func column(_ name: String) -> Int { header.firstIndex(of: name)! }
        var export = "minute,online,entries,orders\n"
        for row in table.dropFirst() {
            export += "\(row[column("minute")]),\(row[column("concurrentViewers")]),\(row[column("entries")]),\(row[column("orders")])\n"
        }
        try Data(export.utf8).write(to: URL(fileURLWithPath: dir + "/past/day-1.csv"))
        let calibration = dir + "/calibration.yaml"
        try Data("""
            base: room.yaml
            observed:
              - file: past/day-1.csv
            fit:
              viewers.meanStaySecondsAtReference: {min: 30, max: 480, scale: log}
            targets: [concurrentViewers, entries]
            replications: 2
            budget: 40

            """.utf8).write(to: URL(fileURLWithPath: calibration))
        return (dir, calibration)
    }

    @Test func fitsWritesTheContractsFilesAndResumes() throws {
        let (dir, calibration) = try Self.setUp()
        let out = dir + "/fit"
        let r = try livesim(["calibrate", calibration, "--out", out, "--jobs", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("viewers.meanStaySecondsAtReference"), "\(r.stdout)")

        let estimates = try String(contentsOfFile: out + "/estimates.csv", encoding: .utf8).split(separator: "\n")
        #expect(estimates.first == "path,estimate,ciLow,ciHigh,min,max,identified")
        let cells = estimates[1].split(separator: ",").map(String.init)
        let (low, high) = (Double(cells[2])!, Double(cells[3])!)
        // The past stream was made at 120 s: its 95% interval holds it, and the data pin it.
        #expect(low < 120 && 120 < high, "interval [\(low), \(high)]")
        #expect(cells[6] == "true")

        let fit = try String(contentsOfFile: out + "/fit.csv", encoding: .utf8)
        #expect(fit.hasPrefix("stream,minute,series,observed,simulatedMean,simulatedP5,simulatedP95\n"))
        let evaluations = try String(contentsOfFile: out + "/evaluations.csv", encoding: .utf8).split(separator: "\n")
        #expect(evaluations.first == "evaluation,viewers.meanStaySecondsAtReference,objective")
        #expect(evaluations.count - 1 <= 40, "the budget is 40 evaluations: \(evaluations.count - 1) rows")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as! [String: Any]
        for key in ["estimates", "objective", "evaluations", "method"] { #expect(summary[key] != nil, "summary.json lacks \(key)") }
        let manifest = try String(contentsOfFile: out + "/manifest.json", encoding: .utf8)
        let exportSha = try #require(try livesimSha256(dir + "/past/day-1.csv"))
        #expect(manifest.contains(exportSha), "manifest.json carries the export's SHA-256")
        #expect(FileManager.default.fileExists(atPath: out + "/report.html"))

        // calibrated.yaml runs as it is.
        let rerun = try livesim(["run", out + "/calibrated.yaml", "--replications", "1", "--out", dir + "/calibrated-run"])
        #expect(rerun.status == 0, "\(rerun.stderr)")

        // The same command again resumes from the store: nothing simulated, the same files.
        let before = try Self.files(out)
        let again = try livesim(["calibrate", calibration, "--out", out, "--jobs", "1"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("from results.sqlite, 0 simulated"), "\(again.stdout)")
        #expect(try Self.files(out) == before)

        // A larger budget extends the calibration from its store (the budget is not in its fingerprint).
        let larger = try String(contentsOfFile: calibration, encoding: .utf8).replacingOccurrences(of: "budget: 40", with: "budget: 50")
        try Data(larger.utf8).write(to: URL(fileURLWithPath: calibration))
        let extended = try livesim(["calibrate", calibration, "--out", out])
        #expect(extended.status == 0, "\(extended.stderr)")
        #expect(!extended.stdout.contains("(0 from results.sqlite"), "\(extended.stdout)")
    }

    @Test func badInputExitsTwoAndWritesNothing() throws {
        let (dir, calibration) = try Self.setUp()
        try Data("minute,online\n0,5\n2,7\n".utf8).write(to: URL(fileURLWithPath: dir + "/past/day-1.csv"))
        let r = try livesim(["calibrate", calibration, "--out", dir + "/never"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("day-1.csv") && r.stderr.contains("gap"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/never"))
    }

    /// Every output file but the manifest (its times differ), by name.
    static func files(_ folder: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in ["estimates.csv", "calibrated.yaml", "fit.csv", "evaluations.csv", "summary.json", "report.html"] {
            result[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
        }
        return result
    }
}

/// SHA-256 of a file's bytes, as `sha256sum` prints it.
func livesimSha256(_ path: String) throws -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    process.arguments = [path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    process.waitUntilExit()
    let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    return text.split(separator: " ").first.map(String.init)
}
