import Audience
import Season
import SimCore
import Testing

/// A small stream for seasons: followers, feed and search, one product with a
/// consumption cycle, featured throughout; 30 minutes.
func seasonStream() -> StreamConfiguration {
    var c = StreamConfiguration()
    c.name = "season-stream"
    c.durationMinutes = 30
    var followers = FollowersChannel()
    followers.pool = 4_000
    followers.fanGroupMembers = 400
    c.channels.followers = followers
    var feed = FeedChannel()
    feed.impressionsPerMinute = 3_000
    c.channels.feed = feed
    var search = SearchChannel()
    search.perMinute = 20
    c.channels.search = search
    var serum = Product(id: "serum", referencePriceYuan: 199, unitCostYuan: 50)
    serum.consumptionCycleDays = 9
    c.products = [serum]
    c.runOfShow = [FeaturedWindow(product: "serum", fromMinute: 0, toMinute: 30)]
    return c
}

/// Ten streams, one every three days, with every retention action on.
func fullSeason() -> SeasonSettings {
    var s = SeasonSettings()
    s.streams = 10
    s.everyDays = 3
    s.fanGroups = FanGroupSettings()
    s.membership = MembershipSettings()
    s.retargetingCoupons = CouponSettings()
    s.repurchaseReminders = ReminderSettings()
    s.birthdayGifts = BirthdayGiftSettings()
    return s
}

/// Paired season KPI differences (changed − base) over replications under
/// the same seed, with the 95% t-interval of their mean.
func pairedSeasonDifferences(base: SeasonSettings, changed: SeasonSettings, _ kpi: SeasonKPI, replications: Int = 16,
                             seed: UInt64 = 31) throws -> (mean: Double, low: Double, high: Double) {
    let a = try SeasonSimulation(stream: seasonStream(), season: base)
    let b = try SeasonSimulation(stream: seasonStream(), season: changed)
    let differences = ParallelReplications.map(count: replications, jobs: 2) { r in
        b.run(seed: seed, replication: r).kpis[kpi]! - a.run(seed: seed, replication: r).kpis[kpi]!
    }
    let summary = ReplicationSummary(differences)!
    let ci = summary.confidenceInterval95!
    return (summary.mean, ci.lowerBound, ci.upperBound)
}

@Suite struct SeasonTests {
    /// Stream 0 of a season runs exactly as the stream on its own: every KPI
    /// bit for bit, and every channel row the single run has.
    @Test func aSeasonOfOneStreamIsTheSingleRun() throws {
        var settings = fullSeason()
        settings.streams = 1
        let season = try SeasonSimulation(stream: seasonStream(), season: settings).run(seed: 5, replication: 2)
        let single = try Simulation(configuration: seasonStream()).run(seed: 5, replication: 2)
        #expect(season.streams.count == 1)
        for k in KPI.allCases {
            #expect(season.streams[0].kpis[k] == single.kpis[k], "\(k.key): season \(String(describing: season.streams[0].kpis[k])), single \(String(describing: single.kpis[k]))")
        }
        for row in single.channels {
            #expect(season.streams[0].channels.first { $0.row == row.row } == row, "channel row \(row.row)")
        }
        #expect(season.kpis[.seasonBuyers] == single.kpis[.buyers])
    }

    /// What the population holds adds up to what the streams measured: each
    /// stream's viewers and buyers are people of the population, counted once
    /// in their cohort; followers at the end are the start plus follows minus churn.
    @Test func peopleBuyersAndFollowersAreConserved() throws {
        let result = try SeasonSimulation(stream: seasonStream(), season: fullSeason()).run(seed: 9, replication: 0)
        #expect(result.kpis[.seasonOrders]! > 0)
        var people = 0
        var counted: Set<String> = []
        for row in result.cohorts where counted.insert("\(row.cohortStream)/\(row.row)").inserted { people += row.people }
        #expect(Double(people) == result.kpis[.people])
        for (k, stream) in result.streams.enumerated() {
            let cells = result.cohorts.filter { $0.cohortStream + $0.streamsLater == k }
            #expect(Double(cells.reduce(0) { $0 + $1.visitors }) == stream.kpis[.uniqueViewers], "stream \(k): viewers")
            #expect(Double(cells.reduce(0) { $0 + $1.buyers }) == stream.kpis[.buyers], "stream \(k): buyers")
            // The same order amounts summed in another order: rounding only (≪ 1e-9 relative).
            #expect(abs(cells.reduce(0) { $0 + $1.gmvYuan } - stream.kpis[.gmvYuan]!) < 1e-9 * max(1, stream.kpis[.gmvYuan]!),
                    "stream \(k): GMV")
        }
        #expect(Double(result.streams.reduce(0) { $0 + ($1.kpis[.newFollows] ?? 0) }) == result.kpis[.seasonNewFollows])
        let start = result.kpis[.followersStart]!, end = result.kpis[.followersEnd]!
        let expected = start + result.kpis[.seasonNewFollows]! - result.kpis[.followersChurned]!
        #expect(abs(end - expected) < 1e-9 * start, "followers: end \(end), start + follows − churn \(expected)")
        let acquired = result.channels.reduce(0) { $0 + $1.acquired }
        #expect(Double(acquired) == result.kpis[.people])
    }

    /// The same seed gives the same season, bit for bit.
    @Test func seasonsAreDeterministic() throws {
        let season = try SeasonSimulation(stream: seasonStream(), season: fullSeason())
        let a = season.run(seed: 3, replication: 1), b = season.run(seed: 3, replication: 1)
        #expect(a.kpis == b.kpis)
        #expect(a.cohorts == b.cohorts)
    }

    @Test func membershipRaisesTheRepurchaseRate() throws {
        var without = fullSeason()
        without.membership = nil
        let d = try pairedSeasonDifferences(base: without, changed: fullSeason(), .repurchaseRate30Days)
        #expect(d.low > 0, "membership: repurchase rate difference \(d.mean) [\(d.low), \(d.high)]")
    }

    @Test func retargetingCouponsRaiseTheLaterConversionOfClickersWhoDidNotBuy() throws {
        var without = fullSeason()
        without.retargetingCoupons = nil
        let d = try pairedSeasonDifferences(base: without, changed: fullSeason(), .clickersLaterConversion)
        #expect(d.low > 0, "coupons: later conversion difference \(d.mean) [\(d.low), \(d.high)]")
    }

    @Test func withoutRetentionActionsLifetimeValueIsLower() throws {
        var none = fullSeason()
        none.fanGroups = nil
        none.membership = nil
        none.retargetingCoupons = nil
        none.repurchaseReminders = nil
        none.birthdayGifts = nil
        let d = try pairedSeasonDifferences(base: none, changed: fullSeason(), .lifetimeValueYuan)
        #expect(d.low > 0, "retention actions: lifetime value difference \(d.mean) [\(d.low), \(d.high)]")
    }

    /// Bad season settings are reported with their paths, all at once.
    @Test func badSettingsNameTheirPaths() {
        var s = fullSeason()
        s.streams = 0
        s.everyDays = 0.01
        s.membership!.levels[1].minimumPoints = 0
        s.population.churnBySegment = ["nobody": 0.5]
        #expect(throws: InvalidConfiguration.self) { try SeasonSimulation(stream: seasonStream(), season: s) }
        do {
            _ = try SeasonSimulation(stream: seasonStream(), season: s)
        } catch let error as InvalidConfiguration {
            let paths = Set(error.issues.map(\.path))
            #expect(paths.isSuperset(of: ["season.streams", "season.everyDays", "season.membership.levels[1].minimumPoints",
                                          "season.population.churnBySegment.nobody"]), "\(paths)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
