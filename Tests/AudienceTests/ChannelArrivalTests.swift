import Audience
import CGSL
import Foundation
import SimCore
import Testing

/// Channel arrival processes against their intensities. Counts in fixed
/// windows are independent Poisson, so Σ (N − m)²/m over all windows and
/// replications is ≈ χ²(cells); KS on arrival times. Fixed seeds; rejected
/// only at p < 0.001.
@Suite struct ChannelArrivalTests {
    func arrivals(_ c: StreamConfiguration, channel: ChannelKind, replications: Int, seed: UInt64) throws -> [[Double]] {
        let simulation = try Simulation(configuration: c)
        return (0..<replications).map { r in
            var sink = EventCollector()
            _ = simulation.run(seed: seed, replication: r, sink: &sink)
            return sink.events.filter { $0.kind == .arrive && !$0.reentry && $0.channel == channel }.map(\.time)
        }
    }

    func neutral(_ c: inout StreamConfiguration) {
        c.viewers.reentryProbability = 0
        c.viewers.sharesPerMinuteAtReference = 0
    }

    @Test func kolBurstDecaysAtItsRate() throws {
        var c = StreamConfiguration()
        c.durationMinutes = 120
        neutral(&c)
        var kol = PartnerChannel(name: "k")
        kol.postMinute = 20; kol.audience = 1_000_000; kol.engagement = 0.05; kol.clickThrough = 0.04; kol.decayMinutes = 12
        c.channels.kol = [kol]
        let runs = try arrivals(c, channel: .kol, replications: 20, seed: 3)
        let start = 20 * 60.0, tau = 12 * 60.0, total = 2_000.0
        func cumulative(_ t: Double) -> Double { t <= start ? 0 : total * -expm1(-(t - start) / tau) }
        #expect(runs.allSatisfy { $0.allSatisfy { $0 >= start } }, "no KOL arrival before the post")
        let windows = [start, start + 120, start + 300, start + 600, start + 900, start + 1_500, start + 2_400, 7_200]
        var statistic = 0.0, cells = 0
        for times in runs {
            for (a, b) in zip(windows, windows.dropFirst()) {
                let m = cumulative(b) - cumulative(a)
                let n = Double(times.filter { $0 >= a && $0 < b }.count)
                statistic += (n - m) * (n - m) / m
                cells += 1
            }
        }
        let p = gsl_cdf_chisq_Q(statistic, Double(cells))
        #expect(p > 0.001 && p < 0.999, "χ² = \(statistic) on \(cells) df, p = \(p)")
    }

    @Test func followersArriveAfterTheirDelayDistribution() throws {
        var c = StreamConfiguration()
        c.durationMinutes = 60
        neutral(&c)
        var followers = FollowersChannel()
        followers.pool = 20_000; followers.openRate = 0.1; followers.fanGroupMembers = 2_000; followers.fanGroupOpenRate = 0.4
        followers.meanDelayMinutes = 6
        c.channels.followers = followers
        let runs = try arrivals(c, channel: .followers, replications: 5, seed: 4)
        let tau = 360.0, horizon = 3_600.0
        let norm = -expm1(-horizon / tau)
        let ks = GoodnessOfFit.kolmogorovSmirnov(runs.flatMap { $0 }) { -expm1(-$0 / tau) / norm }
        #expect(ks.pValue > 0.001, "KS D = \(ks.statistic), p = \(ks.pValue)")
        // Expected openers: 18,000 × 0.1 + 2,000 × 0.4 = 2,600 (cut at the end); Poisson, 4 SE over 5 runs.
        let expected = 2_600 * norm
        let mean = Double(runs.map(\.count).reduce(0, +)) / 5
        #expect(abs(mean - expected) < 4 * (expected / 5).squareRoot(), "openers \(mean) vs \(expected)")
    }

    @Test func paidBoostAddsItsImpressionsInItsWindow() throws {
        // Budget / CPM × 1000 impressions × cover click-through extra arrivals in the window.
        var c = StreamConfiguration()
        c.durationMinutes = 40
        neutral(&c)
        var feed = FeedChannel()
        feed.impressionsPerMinute = 5_000; feed.coverClickThrough = 0.02
        feed.boosts = [FeedBoost(fromMinute: 10, toMinute: 20, budgetYuan: 2_000, cpmYuan: 40)]
        c.channels.feed = feed
        let runs = try arrivals(c, channel: .feed, replications: 10, seed: 5)
        let inWindow = runs.map { Double($0.filter { $0 >= 600 && $0 < 1_200 }.count) }
        let expected = (5_000 * 10 + 2_000 / 40 * 1_000) * 0.02
        let mean = inWindow.reduce(0, +) / 10
        #expect(abs(mean - expected) < 4 * (expected / 10).squareRoot(), "arrivals in the boost window \(mean) vs \(expected)")
        let result = try Simulation(configuration: c).run(seed: 5, replication: 0)
        #expect(result.channels[0].costYuan == 2_000)
    }
}
