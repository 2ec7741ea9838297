import Audience
import Foundation
import Scenario
import SimCore
import Testing

/// The loops of Docs/model.md on the shipped scenarios, paired under common
/// random numbers; each 95% CI must clear its bound (no tolerance is picked:
/// the interval comes from the paired replications).
@Suite struct FeedbackLoopTests {
    static func ci(_ xs: [Double]) -> (mean: Double, low: Double, high: Double) {
        let s = ReplicationSummary(xs)!
        return (s.mean, s.confidenceInterval95!.lowerBound, s.confidenceInterval95!.upperBound)
    }

    /// Feed entries from minute `from` on.
    static func feedEntries(_ r: StreamResult, _ c: StreamConfiguration, from: Int) -> Double {
        let rows = c.channelRows.indices.filter { c.channelRows[$0].channel == .feed }
        return Double(rows.reduce(0) { $0 + r.channelMinuteEntries[$1][from...].reduce(0, +) })
    }

    /// An ultra-low opening price sells more of the hot item, lifts the room
    /// weight in the first 30 minutes, and its extra engagement brings extra
    /// feed viewers after the opening (minute 15 on), when the deal is over.
    @Test func theOpeningPricePaysOffLater() throws {
        let deal = try ScenarioLoader.load(file: shipped("baseline.yaml")).configuration
        let none = try ScenarioLoader.load(file: shipped("variants/no-opening-deal.yaml")).configuration
        let a = try Simulation(configuration: none), b = try Simulation(configuration: deal)
        let pairs = ParallelReplications.map(count: 12, jobs: 2) { r in (a.run(seed: 5, replication: r), b.run(seed: 5, replication: r)) }
        let ci = Self.ci
        let hot = ci(pairs.map { x, y in
            Double(y.products.filter { $0.product == "hot-serum" }.reduce(0) { $0 + $1.unitsSold }
                   - x.products.filter { $0.product == "hot-serum" }.reduce(0) { $0 + $1.unitsSold })
        })
        #expect(hot.low > 0, "hot-item units: \(hot)")
        let weight = ci(pairs.map { x, y in
            (y.minutes[0..<30].reduce(0) { $0 + $1.roomWeight } - x.minutes[0..<30].reduce(0) { $0 + $1.roomWeight }) / 30
        })
        #expect(weight.low > 0, "room weight in the first 30 minutes: \(weight)")
        let later = ci(pairs.map { x, y in Self.feedEntries(y, deal, from: 15) - Self.feedEntries(x, none, from: 15) })
        #expect(later.low > 0, "feed entries after minute 15: \(later)")
        print("MEASURE opening deal: feed entries after minute 15 \(later), hot-item units \(hot), room weight 0–30 \(weight)")
        let multiplier = ci(pairs.map { x, y in
            (y.minutes[15..<45].reduce(0) { $0 + $1.feedMultiplier } - x.minutes[15..<45].reduce(0) { $0 + $1.feedMultiplier }) / 30
        })
        #expect(multiplier.low > 0, "feed multiplier in minutes 15–45: \(multiplier)")
    }

    /// The shipped baseline's loop is live: the multiplier sits at a clamp
    /// for less than half the stream (upper end of the 95% CI of the mean
    /// share), and it moves — above 1 in the opening, lower in the slow
    /// stretch before the founder joins (minutes 45–60).
    @Test func theBaselineLoopIsLive() throws {
        let c = try ScenarioLoader.load(file: shipped("baseline.yaml")).configuration
        let simulation = try Simulation(configuration: c)
        let results = ParallelReplications.map(count: 12, jobs: 2) { simulation.run(seed: 5, replication: $0) }
        let clamped = Self.ci(results.map(\.feedMultiplierClampShares.either))
        #expect(clamped.high < 0.5, "share of the stream at a clamp: \(clamped)")
        let swing = Self.ci(results.map { r in
            r.minutes[5..<20].reduce(0) { $0 + $1.feedMultiplier } / 15 - r.minutes[45..<60].reduce(0) { $0 + $1.feedMultiplier } / 15
        })
        #expect(swing.low > 0, "multiplier in minutes 5–20 minus minutes 45–60: \(swing)")
        let opening = Self.ci(results.map { r in r.minutes[5..<20].reduce(0) { $0 + $1.feedMultiplier } / 15 })
        #expect(opening.low > 1, "multiplier in minutes 5–20: \(opening)")
    }

    /// Engagement sells: ±25% on the reference interaction rate moves GMV the
    /// same way, with an elasticity in (0, 1) (the 95% CI of the paired
    /// log-ratio over log(1.25) or log(0.75)).
    @Test(arguments: [1.25, 0.75])
    func theInteractionRateMovesGMV(_ factor: Double) throws {
        let file = shipped("baseline.yaml")
        let base = try ScenarioLoader.load(file: file).configuration
        let rate = base.viewers.interactionsPerMinuteAtReference
        let changed = try ScenarioLoader.load(file: file, overrides: [("viewers.interactionsPerMinuteAtReference", .number(rate * factor))])
            .configuration
        let a = try Simulation(configuration: base), b = try Simulation(configuration: changed)
        let elasticities = ParallelReplications.map(count: 12, jobs: 2) { r in
            log(b.run(seed: 5, replication: r).kpis[.gmvYuan]! / a.run(seed: 5, replication: r).kpis[.gmvYuan]!) / log(factor)
        }
        let e = Self.ci(elasticities)
        #expect(e.low > 0 && e.high < 1, "GMV elasticity to the interaction rate (×\(factor)): \(e)")
        print("MEASURE GMV elasticity to the interaction rate ×\(factor): \(e)")
    }

    /// `timeseries.csv`'s `feedMultiplier` is what the feed applied: with
    /// one tick a minute, minute m's value is clamp(weight after the tick
    /// closing minute m − 1 ^ elasticity) (1 in minute 0), so its mean over
    /// minutes is the time average; and the share of feed candidates kept
    /// estimates the same time average (the feed's base rate is constant),
    /// within 4 binomial standard errors.
    @Test func theMultiplierColumnIsTheAppliedMultiplier() throws {
        let c = try ScenarioLoader.load(file: shipped("baseline.yaml")).configuration
        let r = try Simulation(configuration: c).run(seed: 9, replication: 0)
        let settings = try #require(c.roomWeight)
        let elasticity = c.channels.feed!.roomWeightElasticity
        for m in r.minutes.indices {
            let w = m == 0 ? 1 : r.minutes[m - 1].roomWeight
            let expected = min(settings.maximumMultiplier, max(settings.minimumMultiplier, pow(w, elasticity)))
            #expect(abs(r.minutes[m].feedMultiplier - expected) < 1e-9, "minute \(m): \(r.minutes[m].feedMultiplier) vs \(expected)")
        }
        let timeAverage = r.minutes.reduce(0) { $0 + $1.feedMultiplier } / Double(r.minutes.count)
        let feed = r.channels.first { $0.row.channel == .feed }!
        let kept = Double(feed.uniqueViewers), candidates = kept + Double(r.diagnostics.feedCandidatesRejected)
        let p = kept / candidates
        let se = (p * (1 - p) / candidates).squareRoot() * settings.maximumMultiplier
        #expect(abs(p * settings.maximumMultiplier - timeAverage) < 4 * se,
                "kept share × maximum \(p * settings.maximumMultiplier) vs column mean \(timeAverage) (SE \(se))")
    }

    /// Without `roomWeight` the column holds the neutral value, 1.
    @Test func withoutRoomWeightTheMultiplierIsOne() throws {
        var c = try ScenarioLoader.load(file: shipped("baseline.yaml")).configuration
        c.roomWeight = nil
        let r = try Simulation(configuration: c).run(seed: 9, replication: 0)
        #expect(r.minutes.allSatisfy { $0.feedMultiplier == 1 })
        #expect(r.feedMultiplierClampShares == FeedMultiplierClampShares())
    }

    /// Engagement is a step on the viewer's own first interaction, so the
    /// raised hazards are drawn against themselves: no rate above its majorant.
    @Test func engagementKeepsRatesUnderTheirMajorants() throws {
        var c = try ScenarioLoader.load(file: shipped("baseline.yaml")).configuration
        c.viewers.effects.interactionOnStay = 3
        c.viewers.effects.interactionOnClick = 3
        c.viewers.effects.interactionOnPurchase = 3
        let r = try Simulation(configuration: c).run(seed: 9, replication: 0)
        #expect(r.diagnostics.boundViolations == 0)
    }
}
