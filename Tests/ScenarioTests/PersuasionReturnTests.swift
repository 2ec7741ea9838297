import Audience
import Foundation
import JSON
import Scenario
import SimCore
import Testing

/// Issue 22, parts 3 and 4 (Docs/model.md, Returns and Follows): persuasion
/// that sells is returned more often, and the baseline's follow rate is a
/// single room's. Paired under common random numbers; each bound is the 95%
/// CI of the paired replications (no tolerance is picked).
@Suite struct PersuasionReturnTests {
    static func ci(_ xs: [Double]) -> (mean: Double, low: Double, high: Double) {
        let s = ReplicationSummary(xs)!
        return (s.mean, s.confidenceInterval95!.lowerBound, s.confidenceInterval95!.upperBound)
    }

    static func returnRate(_ r: StreamResult) -> Double { r.kpis[.returns]! / r.kpis[.orders]! }

    /// Persuasion sells, and a larger share of what it sells comes back:
    /// stronger urgency, draws, engagement or a more charismatic host raise
    /// orders and returns / orders.
    @Test(arguments: [("viewers.effects.urgencyOnPurchase", 2.0), ("viewers.effects.drawOnPurchase", 1.5),
                      ("viewers.effects.interactionOnPurchase", 1.0), ("host.charisma", 0.9),
                      ("viewers.effects.charismaOnPurchase", 2.0)])
    func persuasionRaisesOrdersAndTheReturnRate(_ field: String, _ value: Double) throws {
        let file = shipped("baseline.yaml")
        let base = try ScenarioLoader.load(file: file).configuration
        let changed = try ScenarioLoader.load(file: file, overrides: [(field, .number(value))]).configuration
        let a = try Simulation(configuration: base), b = try Simulation(configuration: changed)
        let pairs = ParallelReplications.map(count: 12, jobs: 2) { r in (a.run(seed: 5, replication: r), b.run(seed: 5, replication: r)) }
        let orders = Self.ci(pairs.map { x, y in y.kpis[.orders]! - x.kpis[.orders]! })
        #expect(orders.low > 0, "\(field) → \(value), orders: \(orders)")
        let rate = Self.ci(pairs.map { x, y in Self.returnRate(y) - Self.returnRate(x) })
        #expect(rate.low > 0, "\(field) → \(value), returns / orders: \(rate)")
        print("MEASURE \(field) → \(value): orders \(orders), returns/orders \(rate)")
    }

    /// The host's pitch is what is returned: a more charismatic host raises
    /// the return rate by more with `charismaOnPurchase` than without it
    /// (without it charisma sells only through longer stays and engagement,
    /// which nearly every buyer shows already). Paired difference of the
    /// two paired differences, its 95% CI above zero.
    @Test func charismasPitchIsWhatIsReturned() throws {
        let file = shipped("baseline.yaml")
        func rise(pitch: Double) throws -> [Double] {
            let off: [(String, JSONValue)] = [("viewers.effects.charismaOnPurchase", .number(pitch))]
            let a = try Simulation(configuration: try ScenarioLoader.load(file: file, overrides: off).configuration)
            let b = try Simulation(configuration: try ScenarioLoader.load(file: file, overrides: off + [("host.charisma", .number(0.9))]).configuration)
            return ParallelReplications.map(count: 12, jobs: 2) { r in
                Self.returnRate(b.run(seed: 5, replication: r)) - Self.returnRate(a.run(seed: 5, replication: r))
            }
        }
        let with = try rise(pitch: 0.8), without = try rise(pitch: 0)
        let d = Self.ci(zip(with, without).map { $0 - $1 })
        #expect(d.low > 0, "return-rate rise with the pitch minus without: \(d)")
        print("MEASURE charisma 0.6 → 0.9 returns/orders: with pitch \(Self.ci(with)), without \(Self.ci(without))")
    }

    /// The persuasion term only adds return log-odds: every event before the
    /// returns is the same with effect 0 and 1, and (the same uniform, a
    /// higher probability) the orders returned at 0 are among those returned at 1.
    @Test func persuasionActsOnlyOnReturnsAndOnlyUp() throws {
        let file = shipped("baseline.yaml")
        let off = try ScenarioLoader.load(file: file, overrides: [("returns.persuasionEffect", .number(0))]).configuration
        let on = try ScenarioLoader.load(file: file).configuration
        #expect(on.returns?.persuasionEffect == 1)
        var x = EventCollector(), y = EventCollector()
        _ = try Simulation(configuration: off).run(seed: 9, replication: 0, sink: &x)
        _ = try Simulation(configuration: on).run(seed: 9, replication: 0, sink: &y)
        let before = { (e: [ViewerEvent]) in e.filter { $0.kind != .return } }
        #expect(before(x.events) == before(y.events))
        let orders = y.events.filter { $0.kind == .order }
        #expect(orders.contains { $0.persuasionLogOdds > 0 })
        #expect(orders.allSatisfy { $0.persuasionLogOdds >= 0 })
        struct Key: Hashable { var viewer: UInt32, time: Double }
        let returnedOff = Set(x.events.filter { $0.kind == .return }.map { Key(viewer: $0.viewer, time: $0.time) })
        let returnedOn = Set(y.events.filter { $0.kind == .return }.map { Key(viewer: $0.viewer, time: $0.time) })
        #expect(returnedOff.isSubset(of: returnedOn))
        #expect(returnedOn.count > returnedOff.count)
    }

    /// `returns.persuasionEffect: 0` with the old follow default, no
    /// charisma pitch, the baseline's old `returns.baseRate` 0.2, stay and
    /// click-to-order, and the old reference room, is the model
    /// before issue 22 (parts 3–4) bit for bit: these KPIs of the shipped
    /// baseline were measured with that model (commit 5effbc8), and matched
    /// until the samplers changed (commit 0f9374b, the last on inversion);
    /// since then they are that model's figures on the ziggurat samplers,
    /// re-measured on the commit that changed them. Update them only when the
    /// model or a sampler changes on purpose.
    @Test func effectZeroIsTheModelBefore() throws {
        let c = try ScenarioLoader.load(file: shipped("baseline.yaml"), overrides: [
            ("returns.persuasionEffect", .number(0)), ("returns.baseRate", .number(0.2)),
            ("viewers.followPerInteractionAtReference", .number(0.01)), ("viewers.effects.charismaOnPurchase", .number(0)),
            // The baseline and reference room before they were brought into the published ranges.
            ("viewers.meanStaySecondsAtReference", .number(120)), ("viewers.clickToOrderAtReference", .number(0.006)),
            ("roomWeight.referenceInteractionsPerViewerMinute", .number(0.65)),
            ("roomWeight.referenceOrdersPerViewerMinute", .number(0.007)), ("roomWeight.referenceStaySeconds", .number(200)),
            ("roomWeight.referenceEntryStayShare", .number(0.83)),
        ]).configuration
        let simulation = try Simulation(configuration: c)
        for (replication, expected) in Self.before {
            let k = simulation.run(seed: 101, replication: replication).kpis
            for (kpi, value) in expected {
                #expect(k[kpi] == value, "replication \(replication), \(kpi.key): \(k[kpi] ?? .nan) ≠ \(value)")
            }
        }
    }

    static let before: [(Int, [(KPI, Double)])] = [
        (0, [(.views, 76306), (.interactions, 185498), (.productClicks, 32882), (.orders, 3205), (.buyers, 2746),
             (.newFollows, 3211), (.returns, 1495)]),
        (1, [(.views, 96350), (.interactions, 219479), (.productClicks, 38025), (.orders, 4027), (.buyers, 3469),
             (.newFollows, 3940), (.returns, 1838)]),
    ]

    /// The shipped baseline's follow rate is a single room's (1–2% of
    /// viewers, Docs/model.md), and a draw that requires a follow still
    /// raises it.
    @Test func theBaselineFollowRateIsRealistic() throws {
        let file = shipped("baseline.yaml")
        let c = try ScenarioLoader.load(file: file).configuration
        let open = try ScenarioLoader.load(file: file, overrides: [("events[2].requiresFollow", .bool(false))]).configuration
        let a = try Simulation(configuration: open), b = try Simulation(configuration: c)
        let pairs = ParallelReplications.map(count: 12, jobs: 2) { r in (a.run(seed: 5, replication: r), b.run(seed: 5, replication: r)) }
        let rate = Self.ci(pairs.map { $0.1.kpis[.followRate]! })
        #expect(rate.low > 0.01 && rate.high < 0.02, "follow rate: \(rate)")
        let gated = Self.ci(pairs.map { x, y in y.kpis[.followRate]! - x.kpis[.followRate]! })
        #expect(gated.low > 0, "requiresFollow → follow rate: \(gated)")
    }
}
