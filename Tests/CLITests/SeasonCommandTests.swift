import Foundation
import Season
import Testing

/// A small season: the tiny stream every 2 days, 6 times, every retention
/// action on; `extra` lines go into the `season:` section.
func tinySeason(name: String = "tiny-season", retention: Bool = true, streams: Int = 6, everyDays: String = "2",
                extra: String = "") throws -> String {
    let dir = temporaryFolder()
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let path = dir + "/\(name).yaml"
    let actions = retention ? """
          fanGroups: {joinProbabilityOnFollow: 0.3}
          membership: {paidJoinProbability: 0.05}
          retargetingCoupons: {valueYuan: 20, openProbability: 0.2}
          repurchaseReminders: {openProbability: 0.3}
          birthdayGifts: {giftCostYuan: 10}
        """ : ""
    try Data("""
        extends: \(try tinyScenario())
        name: \(name)
        replications: 2
        season:
          streams: \(streams)
          everyDays: \(everyDays)
        \(actions)
        \(extra)
        """.utf8).write(to: URL(fileURLWithPath: path))
    return path
}

func csvRows(_ path: String) throws -> (header: [String], rows: [[String]]) {
    let lines = try read(path).split(separator: "\n").map(String.init)
    return (lines[0].components(separatedBy: ","), lines.dropFirst().map { $0.components(separatedBy: ",") })
}

@Suite(.serialized) struct SeasonCommandTests {
    /// `run` on a season writes the stream tables per stream (last column
    /// `stream`), the season files, and every season KPI in summary.json and
    /// replications.csv; the tables add up to the season's totals.
    @Test func runWritesTheSeasonFiles() throws {
        let folder = temporaryFolder()
        let outcome = try livesim(["run", try tinySeason(), "--out", folder])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("Season KPIs:"))
        #expect(outcome.stdout.contains("lifetimeValueYuan"))
        let streams = try csvRows(folder + "/streams.csv")
        #expect(Array(streams.header.prefix(4)) == ["replication", "stream", "day", "views"])
        #expect(streams.rows.count == 2 * 6)
        #expect(streams.rows.map { $0[2] } == ["0", "2", "4", "6", "8", "10", "0", "2", "4", "6", "8", "10"])
        let channels = try csvRows(folder + "/channels.csv")
        #expect(channels.header.last == "stream")
        let replications = try csvRows(folder + "/replications.csv")
        #expect(replications.header.suffix(SeasonKPI.allCases.count) == SeasonKPI.allCases.map(\.key)[...])
        // The stream tables add up to the season's totals (views, GMV) per replication.
        let viewsColumn = replications.header.firstIndex(of: "views")!, gmvColumn = replications.header.firstIndex(of: "gmvYuan")!
        let streamViews = streams.header.firstIndex(of: "views")!, streamGMV = streams.header.firstIndex(of: "gmvYuan")!
        for row in replications.rows {
            let mine = streams.rows.filter { $0[0] == row[0] }
            #expect(Double(row[viewsColumn])! == mine.reduce(0) { $0 + Double($1[streamViews])! })
            let gmv = mine.reduce(0) { $0 + Double($1[streamGMV])! }
            #expect(abs(Double(row[gmvColumn])! - gmv) <= 1e-9 * max(1, gmv))
        }
        for name in ["cohorts.csv", "retention.csv", "season-channels.csv"] {
            #expect(try csvRows(folder + "/" + name).rows.count > 0, "\(name) has rows")
        }
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json"))) as! [String: Any]
        let seasonKPIs = summary["seasonKpis"] as! [String: Any]
        #expect(Set(seasonKPIs.keys) == Set(SeasonKPI.allCases.map(\.key)))
        let report = try read(folder + "/report.html")
        for id in ["season-gmv", "season-retention", "season-value"] { #expect(report.contains("data-figure=\"\(id)\"")) }
        #expect(occurrences("data-season-kpi=", in: report) == SeasonKPI.allCases.count + 9)
        if let check = try checkResults(folder) { #expect(check.status == 0, "check-results on the season folder: \(check.output)") }
    }

    /// A season of one stream gives the stream's own KPIs: its streams.csv
    /// row is the single run's replications.csv row, field for field.
    @Test func aSeasonOfOneStreamIsTheSingleRun() throws {
        let single = temporaryFolder(), season = temporaryFolder()
        #expect(try livesim(["run", try tinyScenario(), "--out", single, "--replications", "2"]).status == 0)
        let oneStream = try tinySeason(name: "one-stream", streams: 1)
        #expect(try livesim(["run", oneStream, "--out", season, "--replications", "2"]).status == 0)
        let plain = try csvRows(single + "/replications.csv"), streams = try csvRows(season + "/streams.csv")
        #expect(Array(streams.header.dropFirst(3)) == Array(plain.header.dropFirst()))
        #expect(streams.rows.map { Array($0.dropFirst(3)) } == plain.rows.map { Array($0.dropFirst()) })
    }

    /// `compare` ranks seasons on every season KPI too; the retention actions
    /// raise lifetime value under common random numbers.
    @Test func compareAddsTheSeasonKPIs() throws {
        let folder = temporaryFolder()
        let outcome = try livesim(["compare", try tinySeason(), try tinySeason(name: "no-retention", retention: false),
                                   "--headline", "lifetimeValueYuan", "--replications", "3", "--out", folder])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let table = try csvRows(folder + "/comparison.csv")
        let ltv = table.rows.filter { $0[0] == "lifetimeValueYuan" }
        #expect(ltv.count == 2)
        #expect(outcome.stdout.contains("lifetimeValueYuan, no-retention − tiny-season: paired 95% CI"))
        let difference = Double(ltv[1][table.header.firstIndex(of: "diffVsFirst")!])!
        #expect(difference < 0, "without retention the lifetime value is lower: \(difference)")
        // The comparison page shows the season measures, and ranks by the headline.
        let html = try read(folder + "/report.html")
        for key in ["lifetimeValueYuan", "retentionCostYuan", "seasonProfitYuan"] { #expect(html.contains("<tr data-kpi=\"\(key)\">")) }
        #expect(html.contains("Share of days it wins · Lifetime value per person"))
    }

    @Test func aSeasonAndAStreamDoNotCompare() throws {
        let outcome = try livesim(["compare", try tinySeason(), try tinyScenario(), "--out", temporaryFolder()])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("either every scenario is a season or none is"))
    }

    /// The shards of a season merge into the whole run's files, byte for
    /// byte (report included); its trace is refused with exit 2.
    @Test func seasonShardsMergeAndTraceIsRefused() throws {
        let file = try tinySeason()
        let trace = try livesim(["trace", file, "--out", temporaryFolder() + ".jsonl"])
        #expect(trace.status == 2)
        #expect(trace.stderr.contains("a season"))
        let whole = temporaryFolder(), a = temporaryFolder(), b = temporaryFolder(), merged = temporaryFolder()
        #expect(try livesim(["run", file, "--replications", "3", "--out", whole]).status == 0)
        #expect(try livesim(["run", file, "--replications", "3", "--shard", "0/2", "--out", a]).status == 0)
        #expect(try livesim(["run", file, "--replications", "3", "--shard", "1/2", "--out", b]).status == 0)
        let outcome = try livesim(["merge", a, b, "--out", merged])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: whole).filter { $0 != "manifest.json" }.sorted()
        #expect(files.contains("streams.csv") && files.contains("report.html"))
        for name in files { #expect(try read(whole + "/" + name) == read(merged + "/" + name), "\(name) differs") }
    }

    /// A sweep over a season varies its settings like a stream's and ranks
    /// the cells on the season's totals.
    @Test func aSweepVariesASeason() throws {
        let dir = temporaryFolder()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let file = dir + "/coupons.yaml"
        try Data("""
            base: \(try tinySeason())
            replications: 2
            objective: profitYuan
            vary:
              season.retargetingCoupons.valueYuan: [10, 40]
            """.utf8).write(to: URL(fileURLWithPath: file))
        let folder = temporaryFolder()
        let outcome = try livesim(["sweep", file, "--out", folder])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let cells = try csvRows(folder + "/sweep.csv")
        #expect(cells.header.contains("season.retargetingCoupons.valueYuan"))
        #expect(cells.rows.count == 2)
        #expect(FileManager.default.fileExists(atPath: folder + "/report.html"))
    }

    /// Bad season settings name the file, the path and what was expected; nothing is written.
    @Test func badSeasonSettingsAreReported() throws {
        let folder = temporaryFolder()
        let file = try tinySeason(everyDays: "0.01", extra: "  population: {churnPerStream: 1.5}")
        let outcome = try livesim(["run", file, "--out", folder])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("season.everyDays"))
        #expect(outcome.stderr.contains("season.population.churnPerStream"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/summary.json"))
    }
}
