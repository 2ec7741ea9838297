import Audience
import SimCore
import Testing

/// Part 2 of the model: host schedule, guests, interactive events. Paired
/// under common random numbers; a 95% CI that must clear zero.
@Suite struct ContentTests {
    static let replications = 16

    /// Mean concurrency over minutes `from..<to` of a result.
    func concurrency(_ r: StreamResult, _ from: Int, _ to: Int) -> Double {
        r.minutes[from..<to].reduce(0) { $0 + $1.concurrentViewers } / Double(to - from)
    }

    @Test func aWeakerHostShortensStaysAndLowersGMV() throws {
        let base = Fixtures.mixedStream()
        var weak = base
        weak.host = Host(professionalism: 0.35, charisma: 0.35, responsiveness: 0.35, sincerity: 0.4)
        let d = try pairedDifferences(base: base, changed: weak, [.averageStaySeconds, .gmvYuan], replications: Self.replications)
        expectDecrease(d, .averageStaySeconds, "weaker host")
        expectDecrease(d, .gmvYuan, "weaker host")
    }

    @Test func aHostSwitchActsOnlyInItsWindow() throws {
        let base = Fixtures.mixedStream()
        var switched = base
        var stand = HostShift()
        stand.fromMinute = 30; stand.toMinute = 45
        stand.professionalism = 0.2; stand.charisma = 0.2; stand.responsiveness = 0.2; stand.sincerity = 0.2
        switched.hostSchedule = [stand]
        let pairs = try pairedResults(base, switched, replications: Self.replications)
        let during = interval(pairs.map { Double($0.1.minutes[30..<45].reduce(0) { $0 + $1.interactions } - $0.0.minutes[30..<45].reduce(0) { $0 + $1.interactions }) })
        #expect(during.high < 0, "interactions during the weak host's window: \(during)")
        let before = pairs.map { $0.1.minutes[0..<30].map(\.interactions) == $0.0.minutes[0..<30].map(\.interactions) }
        #expect(before.allSatisfy { $0 }, "nothing changes before the switch")
    }

    @Test func aGuestWindowKeepsViewersLongerDuringIt() throws {
        let base = Fixtures.mixedStream()
        var guest = base
        var g = Guest()
        g.name = "founder"; g.fromMinute = 30; g.toMinute = 45; g.contentBoost = 0.3
        guest.guests = [g]
        let pairs = try pairedResults(base, guest, replications: Self.replications)
        // Leaves per viewer-minute during the window fall: exits / ∫N over minutes 30–45.
        let rate = { (r: StreamResult) -> Double in
            Double(r.minutes[30..<45].reduce(0) { $0 + $1.exits }) / r.minutes[30..<45].reduce(0) { $0 + $1.concurrentViewers }
        }
        let d = interval(pairs.map { rate($0.1) - rate($0.0) })
        #expect(d.high < 0, "leave rate during the guest window: \(d)")
        let c = interval(pairs.map { concurrency($0.1, 30, 45) - concurrency($0.0, 30, 45) })
        #expect(c.low > 0, "concurrency during the guest window: \(c)")
    }

    func luckyBag(follow: Bool) -> InteractiveEvent {
        var e = InteractiveEvent(type: .luckyBag)
        e.announceMinute = 30; e.drawMinute = 45; e.winners = 50; e.prizeValueYuan = 20; e.requiresFollow = follow
        return e
    }

    @Test func aLuckyBagHoldsViewersUntilTheDrawAndTheyLeaveAfter() throws {
        let base = Fixtures.mixedStream()
        var bag = base
        bag.events = [luckyBag(follow: false)]
        let pairs = try pairedResults(base, bag, replications: Self.replications)
        // At least 3% more concurrency between announcement and draw.
        let ratio = interval(pairs.map { concurrency($0.1, 30, 45) / concurrency($0.0, 30, 45) - 1 })
        #expect(ratio.low > 0.03, "relative concurrency gain between announce and draw: \(ratio)")
        // After the draw concurrency falls: the 5 minutes after are below the last 5 before.
        let fall = interval(pairs.map { concurrency($0.1, 46, 51) - concurrency($0.1, 40, 45) })
        #expect(fall.high < 0, "concurrency after the draw minus before it: \(fall)")
        // Its prizes are a cost: 50 winners × 20 yuan on top of the channels' costs.
        for (_, withBag) in pairs {
            let channelCosts = withBag.channels.reduce(0) { $0 + $1.costYuan }
            #expect(abs(withBag.kpis[.costYuan]! - channelCosts - 50 * 20) < 1e-6)
        }
    }

    @Test func requiringAFollowBringsMoreFollows() throws {
        var open = Fixtures.mixedStream()
        open.events = [luckyBag(follow: false)]
        var follow = open
        follow.events = [luckyBag(follow: true)]
        let d = try pairedDifferences(base: open, changed: follow, [.newFollows], replications: Self.replications)
        expectIncrease(d, .newFollows, "requiresFollow")
    }

    @Test func aCommentRequirementAndAQuizRaiseInteraction() throws {
        let base = Fixtures.mixedStream()
        var quiz = base
        var q = InteractiveEvent(type: .quiz)
        q.announceMinute = 20; q.drawMinute = 25; q.winners = 3; q.prizeValueYuan = 100
        quiz.events = [q]
        let d = try pairedDifferences(base: base, changed: quiz, [.interactions], replications: Self.replications)
        expectIncrease(d, .interactions, "quiz")
        let r = try Simulation(configuration: quiz).run(seed: 1, replication: 0)
        let channelCosts = r.channels.reduce(0) { $0 + $1.costYuan }
        #expect(abs(r.kpis[.costYuan]! - channelCosts - 300) < 1e-6, "a quiz costs its prizes")
    }

    @Test func aDemonstrationRaisesClicksOnTheFeaturedProduct() throws {
        let base = Fixtures.mixedStream()
        var demo = base
        var e = InteractiveEvent(type: .demonstration)
        e.fromMinute = 10; e.toMinute = 40; e.interestBoost = 0.3
        demo.events = [e]
        let d = try pairedDifferences(base: base, changed: demo, [.productClicks, .orders], replications: Self.replications)
        expectIncrease(d, .productClicks, "demonstration")
        expectIncrease(d, .orders, "demonstration")
    }
}
