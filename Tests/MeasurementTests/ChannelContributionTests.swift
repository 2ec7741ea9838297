import Audience
import Experiments
import Foundation
import Measurement
import Scenario
import Testing

/// Channel contribution on a small room: a channel that brings nobody adds
/// exactly nothing (common random numbers), the feed's loss is certain, a
/// partner's cost is its fee, and the table keeps the contract's columns.
@Suite struct ChannelContributionTests {
    static let scenarioText = """
    name: channel-room
    seed: 3
    replications: 12
    stream: {durationMinutes: 60}
    viewers: {meanStaySecondsAtReference: 120, clicksPerMinuteAtReference: 0.2, clickToOrderAtReference: 0.05}
    channels:
      feed: {impressionsPerMinute: 6000, coverClickThrough: 0.02}
      followers: {pool: 20000, openRate: 0.05, fanGroupMembers: 0, meanDelayMinutes: 5}
      kol:
        - {name: big, postMinute: 10, audience: 200000, engagement: 0.05, clickThrough: 0.08, decayMinutes: 10, feeYuan: 3000, commissionRate: 0}
        - {name: silent, postMinute: 20, audience: 0, engagement: 0.05, clickThrough: 0.08, decayMinutes: 10, feeYuan: 500, commissionRate: 0}
    products:
      - {id: item, referencePriceYuan: 100, unitCostYuan: 30}
    runOfShow:
      - {product: item, fromMinute: 0, toMinute: 60}

    """

    static func scenario() throws -> LoadedScenario {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("contribution-tests-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = (folder as NSString).appendingPathComponent("channel-room.yaml")
        try scenarioText.write(toFile: file, atomically: true, encoding: .utf8)
        return try ScenarioLoader.load(file: file)
    }

    @Test func eachChannelAndPartnerIsSwitchedOffInTurn() throws {
        let s = try Self.scenario()
        let c = try ChannelContribution(s, settings: ReplicationSettings(seed: 3, replications: 12, jobs: 2))
        #expect(c.variants.map { "\($0.channel.key) \($0.partner)" } == ["feed ", "followers ", "kol big", "kol silent"])
        let outcome = try c.run()
        let byName = Dictionary(uniqueKeysWithValues: outcome.rows.map { ("\($0.channel.key) \($0.partner)", $0) })
        // A partner whose post reaches nobody brings nobody: the streams are identical without it.
        let silent = try #require(byName["kol silent"])
        #expect(silent.views.mean == 0 && silent.views.low == 0 && silent.views.high == 0)
        #expect(silent.gmvYuan.mean == 0)
        // ... but its fee is spent: profit lost is minus its fee, and its incremental ROI is −1.
        #expect(silent.costYuan == 500 && silent.profitYuan.mean == -500 && silent.incrementalRoi == -1)
        // The feed brings most viewers: losing it costs views and GMV beyond doubt.
        let feed = try #require(byName["feed "])
        #expect(feed.views.low > 0 && feed.gmvYuan.low > 0, "\(feed)")
        let big = try #require(byName["kol big"])
        #expect(big.costYuan == 3000 && big.views.low > 0)
        #expect(big.incrementalRoi == big.profitYuan.mean / 3000)
    }

    /// One channel's contribution is exactly the paired difference `compare`
    /// gives between the plan and the plan without it (with the sign turned).
    @Test func aContributionIsTheComparisonsPairedDifference() throws {
        let s = try Self.scenario()
        let settings = try ReplicationSettings(seed: 3, replications: 6, jobs: 2)
        let outcome = try ChannelContribution(s, settings: settings).run()
        let without = ((s.file as NSString).deletingLastPathComponent as NSString).appendingPathComponent("no-followers.yaml")
        try "extends: channel-room.yaml\nname: no-followers\nchannels: {followers: null}\n".write(toFile: without, atomically: true, encoding: .utf8)
        let comparison = try Comparison(scenarios: [s, try ScenarioLoader.load(file: without)], settings: settings).run()
        let followers = try #require(outcome.rows.first { $0.channel == .followers })
        for (kpi, lost) in [(KPI.gmvYuan, followers.gmvYuan), (.views, followers.views), (.profitYuan, followers.profitYuan)] {
            let row = try #require(comparison.rows.first { $0.kpi == kpi && $0.scenario == 1 })
            let d = try #require(row.difference)
            #expect(lost.mean == -d.mean, "\(kpi)")
            #expect(abs(lost.low + d.confidenceInterval95!.upperBound) < 1e-9 * max(1, abs(lost.low)), "\(kpi)")
        }
    }

    /// A season is measured on its totals.
    @Test func aSeasonIsMeasuredOnItsTotals() throws {
        let s = try Self.scenario()
        let file = ((s.file as NSString).deletingLastPathComponent as NSString).appendingPathComponent("season.yaml")
        try "extends: channel-room.yaml\nname: room-season\nseason: {streams: 3, everyDays: 7}\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let season = try ScenarioLoader.load(file: file)
        let outcome = try ChannelContribution(season, settings: ReplicationSettings(seed: 3, replications: 3, jobs: 2)).run()
        let silent = try #require(outcome.rows.first { $0.partner == "silent" })
        #expect(silent.costYuan == 1500, "three streams' fees")
        let feed = try #require(outcome.rows.first { $0.channel == .feed })
        #expect(feed.views.low > 0)
    }

    @Test func filesKeepTheContractsColumns() throws {
        let s = try Self.scenario()
        let c = try ChannelContribution(s, settings: ReplicationSettings(seed: 3, replications: 4, jobs: 2))
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("contribution-out-\(getpid())-\(UUID().uuidString.prefix(8))")
        _ = try c.write(to: try OutputFolder(requested: path, scenarioName: "x"))
        let text = try String(contentsOfFile: (path as NSString).appendingPathComponent("contribution.csv"), encoding: .utf8)
        let header = text.split(separator: "\n")[0].split(separator: ",").map(String.init)
        #expect(Array(header.prefix(13)) == ["channel", "partner", "views", "viewsCiLow", "viewsCiHigh", "gmvYuan", "gmvCiLow", "gmvCiHigh",
                                             "profitYuan", "profitCiLow", "profitCiHigh", "costYuan", "incrementalRoi"])
        #expect(text.split(separator: "\n").count == 5)
        for name in ["summary.json", "report.html", "manifest.json"] {
            #expect(FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent(name)), "\(name)")
        }
    }

    @Test func aRoomWithoutChannelsIsRefused() throws {
        let s = try Self.scenario()
        let folder = (s.file as NSString).deletingLastPathComponent
        let none = (folder as NSString).appendingPathComponent("none.yaml")
        try "extends: channel-room.yaml\nchannels: {feed: null, followers: null, kol: []}\n".write(toFile: none, atomically: true, encoding: .utf8)
        let empty = try ScenarioLoader.load(file: none)
        #expect(throws: ExperimentError.self) { try ChannelContribution(empty, settings: ReplicationSettings(seed: 1, replications: 2)) }
    }
}
