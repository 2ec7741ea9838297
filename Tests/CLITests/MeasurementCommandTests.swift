import Foundation
import Testing

/// `livesim contribution` and `livesim abtest` end to end: their files, the
/// same numbers for any thread count, bad input exiting 2 with nothing written.
@Suite(.serialized) struct MeasurementCommandTests {
    func files(_ dir: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) where name != "manifest.json" {
            out[name] = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))
        }
        return out
    }

    @Test func contributionWritesItsTableTheSameForAnyThreads() throws {
        let tiny = try tinyScenario()
        let one = temporaryFolder(), two = temporaryFolder()
        let r = try livesim(["contribution", tiny, "--replications", "3", "--jobs", "1", "--out", one])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("feed") && r.stdout.contains("incr. ROI"), "\(r.stdout)")
        #expect(try livesim(["contribution", tiny, "--replications", "3", "--jobs", "2", "--out", two]).status == 0)
        let a = try files(one)
        #expect(a.keys.sorted() == ["contribution.csv", "report.html", "summary.json"])
        #expect(try files(two) == a)
        let header = String(decoding: a["contribution.csv"]!, as: UTF8.self).split(separator: "\n")[0]
        #expect(header.hasPrefix("channel,partner,views,viewsCiLow,viewsCiHigh,gmvYuan,gmvCiLow,gmvCiHigh,profitYuan,profitCiLow,profitCiHigh,costYuan,incrementalRoi"))
        // The terminal and the report say that contributions need not add up, and put the dashboard's figures beside them.
        #expect(r.stdout.contains("need not add up") && r.stdout.contains("GMV credited"), "\(r.stdout)")
        let report = String(decoding: a["report.html"]!, as: UTF8.self)
        #expect(report.contains("need not add up") && report.contains("Profit credited"))
    }

    @Test func abtestWritesThePowerCurveAndRefusesBadPlans() throws {
        let tiny = try tinyScenario()
        let dir = (tiny as NSString).deletingLastPathComponent
        let plan = dir + "/ab.yaml"
        try Data("""
            base: tiny.yaml
            arms: {A: {}, B: {channels.feed.coverClickThrough: 0.03}}
            metric: orders
            streamsPerArm: [2, 4]
            simulations: 50
            pool: 12
            """.utf8).write(to: URL(fileURLWithPath: plan))
        let out = temporaryFolder()
        let r = try livesim(["abtest", plan, "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("needed for power 0.8"), "\(r.stdout)")
        let rows = try String(contentsOfFile: out + "/power.csv", encoding: .utf8).split(separator: "\n")
        #expect(rows.first?.hasPrefix("streamsPerArm,power,powerCiLow,powerCiHigh,meanDifference,falsePositiveRate") == true && rows.count == 3)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as? [String: Any]
        #expect(summary?["streamsPerArmNeeded"] != nil && summary?["effect"] is [String: Any])

        let bad = dir + "/bad.yaml"
        try Data("base: tiny.yaml\narms: {A: {}, B: {}}\nalpha: 1.5\n".utf8).write(to: URL(fileURLWithPath: bad))
        let badOut = temporaryFolder()
        let b = try livesim(["abtest", bad, "--out", badOut])
        #expect(b.status == 2 && b.stderr.contains("bad.yaml:3") && b.stderr.contains("alpha"), "\(b.stderr)")
        #expect(!FileManager.default.fileExists(atPath: badOut))
        for (text, path) in [("streamsPerArm: []", "streamsPerArm"), ("arms: {A: {}, B: {channels.feed.coverClickThru: 0.03}}", "coverClickThru")] {
            let file = dir + "/bad-\(path).yaml"
            let body = text.hasPrefix("arms") ? "base: tiny.yaml\n\(text)\n" : "base: tiny.yaml\narms: {A: {}, B: {}}\n\(text)\n"
            try Data(body.utf8).write(to: URL(fileURLWithPath: file))
            let folder = temporaryFolder()
            let e = try livesim(["abtest", file, "--out", folder])
            #expect(e.status == 2 && e.stderr.contains(path), "\(e.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder))
        }
    }
}
