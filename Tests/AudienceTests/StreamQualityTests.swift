import Audience
import SimCore
import Testing

/// Real-time delivery and the room weight; paired under common random numbers.
@Suite struct StreamQualityTests {
    static let replications = 16

    @Test func onePercentRebufferingCostsAboutFivePercentOfStay() throws {
        var base = Fixtures.mixedStream()
        base.streamQuality = StreamQuality()
        var rebuffer = base
        rebuffer.streamQuality!.rebufferRatio = 0.01
        let pairs = try pairedResults(base, rebuffer, replications: Self.replications)
        let relative = interval(pairs.map { $0.1.kpis[.averageStaySeconds]! / $0.0.kpis[.averageStaySeconds]! - 1 })
        // Published: about −5% (Krishnan & Sitaraman 2012); the issue asks for −2% to −12%.
        #expect(relative.high < 0 && relative.mean < -0.02 && relative.mean > -0.12, "relative change in stay: \(relative)")
    }

    @Test func stallIncidentsShortenStaysAndLowerGMV() throws {
        var base = Fixtures.mixedStream()
        base.streamQuality = StreamQuality()
        var stalls = base
        stalls.streamQuality!.stallsPerHour = 12
        stalls.streamQuality!.stallSeconds = 20
        let d = try pairedDifferences(base: base, changed: stalls, [.averageStaySeconds, .gmvYuan], replications: Self.replications)
        #expect(d[.averageStaySeconds]!.high < 0, "stay: \(d[.averageStaySeconds]!)")
        #expect(d[.gmvYuan]!.high < 0, "GMV: \(d[.gmvYuan]!)")
        let r = try Simulation(configuration: stalls).run(seed: 1, replication: 0)
        let stalled = r.minutes.reduce(0) { $0 + $1.stalledSeconds }
        #expect(stalled > 0 && r.minutes.allSatisfy { $0.stalledSeconds >= 0 && $0.stalledSeconds <= 60 })
    }

    @Test func startupDelayBeyondTwoSecondsMakesTheExpectedShareAbandon() throws {
        var c = Fixtures.mixedStream()
        var q = StreamQuality()
        q.startupDelaySeconds = 4
        c.streamQuality = q
        let p = (4 - 2) * 0.058
        let simulation = try Simulation(configuration: c)
        let results = ParallelReplications.map(count: 8, jobs: 2) { r -> (zero: Double, views: Double) in
            var sink = EventCollector()
            let result = simulation.run(seed: 3, replication: r, sink: &sink)
            let zero = sink.events.filter { $0.kind == .leave && $0.staySeconds == 0 }.count
            return (Double(zero), result.kpis[.views]!)
        }
        let zero = results.reduce(0) { $0 + $1.zero }, views = results.reduce(0) { $0 + $1.views }
        // Binomial share of all views: within 4 standard errors of p.
        let share = zero / views
        #expect(abs(share - p) < 4 * (p * (1 - p) / views).squareRoot(), "zero-stay share \(share) vs \(p)")
        // Under 2 s nobody abandons.
        var fast = c
        fast.streamQuality!.startupDelaySeconds = 1.9
        var sink = EventCollector()
        _ = try Simulation(configuration: fast).run(seed: 3, replication: 0, sink: &sink)
        #expect(!sink.events.contains { $0.kind == .leave && $0.staySeconds == 0 })
    }

    @Test func latencyLowersTheQuizsHold() throws {
        var base = Fixtures.mixedStream()
        var q = InteractiveEvent(type: .quiz)
        q.announceMinute = 20; q.drawMinute = 30; q.incentive = 2
        base.events = [q]
        base.streamQuality = StreamQuality()
        var late = base
        late.streamQuality!.latencySeconds = 10
        let pairs = try pairedResults(base, late, replications: Self.replications)
        let d = interval(pairs.map { a, b in
            b.minutes[20..<30].reduce(0) { $0 + $1.concurrentViewers } - a.minutes[20..<30].reduce(0) { $0 + $1.concurrentViewers }
        })
        #expect(d.high < 0, "concurrency during the quiz with high latency: \(d)")
    }

    @Test func higherEngagementEarlyRaisesTheWeightAndFeedViewsLater() throws {
        var base = Fixtures.mixedStream()
        base.roomWeight = RoomWeightSettings()
        var engaging = base
        var g = Guest()
        g.fromMinute = 0; g.toMinute = 15; g.contentBoost = 0.6
        engaging.guests = [g]
        var lively = InteractiveEvent(type: .lottery)
        lively.announceMinute = 0; lively.drawMinute = 15; lively.requiresComment = true
        engaging.events = [lively]
        let pairs = try pairedResults(base, engaging, replications: Self.replications)
        let weight = interval(pairs.map { $0.1.minutes[14].roomWeight - $0.0.minutes[14].roomWeight })
        #expect(weight.low > 0, "room weight at minute 15: \(weight)")
        let feedLater = interval(pairs.map { a, b in
            let row = a.channels.firstIndex { $0.row.channel == .feed }!
            return Double(b.channelMinuteEntries[row][15..<40].reduce(0, +) - a.channelMinuteEntries[row][15..<40].reduce(0, +))
        })
        #expect(feedLater.low > 0, "feed entries in minutes 15–40: \(feedLater)")
    }

    @Test func elasticityZeroMakesTheFeedIndependentOfEngagement() throws {
        var base = Fixtures.mixedStream()
        base.roomWeight = RoomWeightSettings()
        base.channels.feed!.roomWeightElasticity = 0
        var engaging = base
        engaging.host.charisma = 0.95
        for r in 0..<4 {
            var a = EventCollector(), b = EventCollector()
            let x = try Simulation(configuration: base).run(seed: 8, replication: r, sink: &a)
            let y = try Simulation(configuration: engaging).run(seed: 8, replication: r, sink: &b)
            func feedArrivals(_ c: EventCollector) -> [Double] {
                c.events.filter { $0.kind == .arrive && !$0.reentry && $0.channel == .feed }.map(\.time)
            }
            #expect(feedArrivals(a) == feedArrivals(b), "replication \(r): feed arrivals must not depend on engagement")
            #expect(x.minutes.map(\.roomWeight) != y.minutes.map(\.roomWeight), "the weight still moves; the feed ignores it")
        }
    }

    @Test func switchedOffMechanismsLeaveResultsBitIdentical() throws {
        let plain = Fixtures.mixedStream()
        var zeroed = plain
        zeroed.streamQuality = StreamQuality()          // every rate 0, delay under the grace period
        zeroed.roomWeight = RoomWeightSettings()
        zeroed.channels.feed!.roomWeightElasticity = 0
        zeroed.events = []
        zeroed.guests = []
        zeroed.hostSchedule = []
        for r in 0..<3 {
            var a = EventCollector(), b = EventCollector()
            let x = try Simulation(configuration: plain).run(seed: 21, replication: r, sink: &a)
            let y = try Simulation(configuration: zeroed).run(seed: 21, replication: r, sink: &b)
            #expect(a.events == b.events)
            #expect(x.kpis == y.kpis && x.channels == y.channels)
        }
    }
}
