import Audience
import SimCore
import Testing

/// Planner-facing directions, each measured as a paired difference under
/// common random numbers (same seed, same replications): the 95% t-interval
/// of the mean difference must lie entirely on the expected side of zero.
@Suite struct DirectionalTests {
    static let replications = 16

    func pairedDifferences(base: StreamConfiguration, changed: StreamConfiguration, _ kpis: [KPI],
                           seed: UInt64 = 77) throws -> [KPI: (mean: Double, low: Double, high: Double)] {
        try AudienceTests.pairedDifferences(base: base, changed: changed, kpis, replications: Self.replications, seed: seed)
    }

    @Test func betterHostKeepsViewersLongerAndMakesThemInteractFollowAndClickMore() throws {
        var weak = Fixtures.mixedStream()
        weak.host = Host(professionalism: 0.4, charisma: 0.4, responsiveness: 0.4, sincerity: 0.4)
        var strong = weak
        strong.host = Host(professionalism: 0.8, charisma: 0.8, responsiveness: 0.8, sincerity: 0.8)
        let d = try pairedDifferences(base: weak, changed: strong,
                                      [.averageStaySeconds, .interactions, .newFollows, .productClicks, .gmvYuan])
        expectIncrease(d, .averageStaySeconds, "better host")
        expectIncrease(d, .interactions, "better host")
        expectIncrease(d, .newFollows, "better host")
        expectIncrease(d, .productClicks, "better host")
        expectIncrease(d, .gmvYuan, "better host")
    }

    @Test func moreProfessionalHostDrawsMoreClicksPerExposure() throws {
        let base = Fixtures.mixedStream()
        var expert = base
        expert.host.professionalism = 0.95
        let d = try pairedDifferences(base: base, changed: expert, [.clickThroughRate])
        expectIncrease(d, .clickThroughRate, "professionalism")
    }

    @Test func higherCoverClickThroughBringsMoreFeedViews() throws {
        let base = Fixtures.mixedStream()
        var better = base
        better.channels.feed!.coverClickThrough = 0.03
        let d = try pairedDifferences(base: base, changed: better, [.views])
        expectIncrease(d, .views, "cover click-through")
    }

    @Test func moreSharingRaisesTheFissionCoefficient() throws {
        let base = Fixtures.mixedStream()
        var social = base
        social.viewers.sharesPerMinuteAtReference = 0.04
        let d = try pairedDifferences(base: base, changed: social, [.fissionCoefficient, .shares])
        expectIncrease(d, .fissionCoefficient, "share rate")
        expectIncrease(d, .shares, "share rate")
    }

    @Test func kolTrustBoostRaisesConversionOfItsViewers() throws {
        var base = Fixtures.mixedStream()
        base.channels.kol[0].trustBoost = 0
        var trusted = base
        trusted.channels.kol[0].trustBoost = 1.5
        let a = try Simulation(configuration: base), b = try Simulation(configuration: trusted)
        let diffs = (0..<Self.replications).map { r -> Double in
            let x = a.run(seed: 5, replication: r).channels.first { $0.row.channel == .kol }!
            let y = b.run(seed: 5, replication: r).channels.first { $0.row.channel == .kol }!
            return Double(y.orders - x.orders)
        }
        let d = interval(diffs)
        #expect(d.low > 0, "KOL trust boost: paired difference in KOL orders \(d.mean), CI [\(d.low), \(d.high)]")
    }

    @Test func aLowerSellingPriceSellsMoreUnits() throws {
        let base = Fixtures.mixedStream()
        var cheaper = base
        cheaper.products[0].priceYuan = 149
        let d = try pairedDifferences(base: base, changed: cheaper, [.orders, .conversionRate])
        expectIncrease(d, .orders, "lower price")
        expectIncrease(d, .conversionRate, "lower price")
    }
}
