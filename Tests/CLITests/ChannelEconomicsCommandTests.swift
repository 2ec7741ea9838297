import Foundation
@testable import HTMLReport
import Testing

/// `channels.csv`'s net GMV and contribution, as `run` writes them and the
/// report shows them.
@Suite(.serialized) struct ChannelEconomicsCommandTests {
    /// The contract's columns of channels.csv (Docs/formats.md), then the two of 2026-12.
    static let contractColumns = "replication,channel,partner,views,uniqueViewers,productExposures,productClicks,buyers,orders,gmvYuan,costYuan,roi,averageStaySeconds"
        .components(separatedBy: ",")
    static let addedColumns = ["netGmvYuan", "contributionYuan"]

    /// |a − b| within `relative` of the larger magnitude (at least 1 yuan).
    func close(_ a: Double, _ b: Double, relative: Double = 1e-6) -> Bool {
        abs(a - b) <= relative * max(1, abs(a), abs(b))
    }

    /// Per replication (and stream), Σ rows of `column` of channels.csv.
    func sums(_ channels: (header: [String], rows: [[String]]), _ column: String, by keys: [String]) -> [[String]: Double] {
        let c = channels.header.firstIndex(of: column)!, k = keys.map { channels.header.firstIndex(of: $0)! }
        var out: [[String]: Double] = [:]
        for row in channels.rows { out[k.map { row[$0] }, default: 0] += Double(row[c])! }
        return out
    }

    /// The tiny scenario's costs no channel carries: its lucky bag (10 × ¥50); no guests.
    static let tinyUnattributedYuan = 10 * 50.0

    @Test func channelsCSVAddsNetGmvAndContributionThatAddUpToTheStream() throws {
        let folder = temporaryFolder()
        let outcome = try livesim(["run", try tinyScenario(), "--replications", "2", "--out", folder])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let channels = try csvRows(folder + "/channels.csv")
        #expect(channels.header == Self.contractColumns + Self.addedColumns)
        let replications = try csvRows(folder + "/replications.csv")
        let netGmv = sums(channels, "netGmvYuan", by: ["replication"]), contribution = sums(channels, "contributionYuan", by: ["replication"])
        let netColumn = replications.header.firstIndex(of: "netGmvYuan")!, profitColumn = replications.header.firstIndex(of: "profitYuan")!
        #expect(replications.rows.count == 2)
        for row in replications.rows {
            let r = [row[0]]
            #expect(close(netGmv[r]!, Double(row[netColumn])!), "replication \(r): Σ netGmvYuan \(netGmv[r]!) vs \(row[netColumn])")
            #expect(close(contribution[r]! - Self.tinyUnattributedYuan, Double(row[profitColumn])!),
                    "replication \(r): Σ contributionYuan − unattributed \(contribution[r]! - Self.tinyUnattributedYuan) vs profitYuan \(row[profitColumn])")
        }
        if let check = try checkResults(folder) { #expect(check.status == 0, "check-results on the run folder: \(check.output)") }
    }

    /// A season writes the same columns per stream, then `stream`; each
    /// stream's rows add up to its row of streams.csv.
    @Test func aSeasonWritesThemPerStream() throws {
        let folder = temporaryFolder()
        let outcome = try livesim(["run", try tinySeason(streams: 3), "--replications", "1", "--out", folder])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let channels = try csvRows(folder + "/channels.csv")
        #expect(channels.header == Self.contractColumns + Self.addedColumns + ["stream"])
        let streams = try csvRows(folder + "/streams.csv")
        let netGmv = sums(channels, "netGmvYuan", by: ["replication", "stream"])
        let contribution = sums(channels, "contributionYuan", by: ["replication", "stream"])
        let netColumn = streams.header.firstIndex(of: "netGmvYuan")!, profitColumn = streams.header.firstIndex(of: "profitYuan")!
        #expect(streams.rows.count == 3)
        for row in streams.rows {
            let key = [row[0], row[1]]
            #expect(close(netGmv[key]!, Double(row[netColumn])!), "\(key)")
            #expect(close(contribution[key]! - Self.tinyUnattributedYuan, Double(row[profitColumn])!), "\(key)")
        }
    }

    /// Goods that cost what they sell for: a KOL whose ROI is well above 1
    /// still loses money. The report shows net GMV and contribution, marks
    /// the KOL's row, says why, and does so in Chinese too.
    @Test func theReportMarksAChannelWhoseROILooksPositiveButLosesMoney() throws {
        let dir = temporaryFolder()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let scenario = dir + "/thin-margin.yaml"
        try Data("""
            extends: \(try tinyScenario())
            name: thin-margin
            replications: 2
            channels:
              kol:
                - {name: beauty-kol, postMinute: 5, audience: 1200000, engagement: 0.04, clickThrough: 0.08,
                   decayMinutes: 12, feeYuan: 1000, commissionRate: 0.1}
            products:
              - {id: hot-serum, referencePriceYuan: 199, unitCostYuan: 199, inventory: 8000}
              - {id: serum-set, referencePriceYuan: 299, unitCostYuan: 299, inventory: 12000}
              - {id: clearance-bag, referencePriceYuan: 79, unitCostYuan: 79, inventory: 4000}
            """.utf8).write(to: URL(fileURLWithPath: scenario))
        let folder = dir + "/out"
        let outcome = try livesim(["run", scenario, "--out", folder])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let channels = try csvRows(folder + "/channels.csv")
        let column = { (name: String) in channels.header.firstIndex(of: name)! }
        let kol = channels.rows.filter { $0[column("channel")] == "kol" }
        #expect(kol.count == 2)
        for row in kol {
            let gmv = Double(row[column("gmvYuan")])!, cost = Double(row[column("costYuan")])!
            #expect(gmv > cost, "attributed ROI above 1: \(gmv) vs \(cost)")
            #expect(Double(row[column("contributionYuan")])! < 0, "goods at cost: the KOL loses its fee and commission")
        }
        let en = try read(folder + "/report.html")
        #expect(en.contains("<tr data-channel=\"kol/beauty-kol\" class=\"loses-money\">"))
        #expect(!en.contains("<tr data-channel=\"followers\" class=\"loses-money\">"), "no cost: nothing to mark")
        for label in [Label.contribution.english, Label.roiButLoss.english, Label.contributionNote.english, "Net GMV"] {
            #expect(en.contains(label), "\(label)")
        }
        #expect(try livesim(["report", folder, "--lang", "zh"]).status == 0)
        let zh = try read(folder + "/report.html")
        #expect(zh.contains("<tr data-channel=\"kol/beauty-kol\" class=\"loses-money\">"))
        for label in ["渠道贡献", "净成交额", "渠道ROI", Label.roiButLoss.chinese, Label.contributionNote.chinese] {
            #expect(zh.contains(label), "\(label)")
        }
    }
}
