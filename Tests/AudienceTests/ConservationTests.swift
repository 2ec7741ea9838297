import Audience
import SimCore
import Testing

/// Every table adds up to the stream totals, for several seeds.
@Suite struct ConservationTests {
    @Test(arguments: [UInt64(1), 2, 3])
    func tablesAddUpToTheStream(seed: UInt64) throws {
        var config = Fixtures.mixedStream()
        config.viewers.reentryProbability = 0.3
        let simulation = try Simulation(configuration: config)
        var sink = EventCollector()
        let r = simulation.run(seed: seed, replication: 0, sink: &sink)
        let k = r.kpis
        let views = Int(k[.views]!)
        // Entries = exits + present at the end.
        #expect(r.minutes.reduce(0) { $0 + $1.entries } == views)
        #expect(r.minutes.reduce(0) { $0 + $1.exits } + r.diagnostics.presentAtEnd == views)
        #expect(r.channelMinuteEntries.flatMap { $0 }.reduce(0, +) == views)
        // Channel rows add up.
        #expect(r.channels.reduce(0) { $0 + $1.views } == views)
        #expect(Double(r.channels.reduce(0) { $0 + $1.uniqueViewers }) == k[.uniqueViewers]!)
        #expect(Double(r.channels.reduce(0) { $0 + $1.orders }) == k[.orders]!)
        #expect(Double(r.channels.reduce(0) { $0 + $1.buyers }) == k[.buyers]!)
        #expect(Double(r.channels.reduce(0) { $0 + $1.productClicks }) == k[.productClicks]!)
        #expect(Double(r.channels.reduce(0) { $0 + $1.productExposures }) == k[.productExposures]!)
        let gmv = k[.gmvYuan]!
        #expect(abs(r.channels.reduce(0) { $0 + $1.gmvYuan } - gmv) <= 1e-9 * gmv)
        #expect(abs(r.minutes.reduce(0) { $0 + $1.gmvYuan } - gmv) <= 1e-9 * gmv)
        #expect(abs(r.productMinutes.flatMap { $0 }.reduce(0) { $0 + $1.gmvYuan } - gmv) <= 1e-9 * gmv)
        #expect(abs(r.products.reduce(0) { $0 + $1.gmvYuan } - gmv) <= 1e-9 * gmv)
        #expect(abs(r.phases.reduce(0) { $0 + $1.gmvYuan } - gmv) <= 1e-9 * gmv)
        #expect(r.phases.reduce(0) { $0 + $1.views } == views)
        #expect(abs(r.channels.reduce(0) { $0 + $1.costYuan } - k[.costYuan]!) <= 1e-9)
        // Per-minute concurrency averages to the stream's.
        let meanOfMinutes = r.minutes.reduce(0) { $0 + $1.concurrentViewers } / Double(r.minutes.count)
        #expect(abs(meanOfMinutes - k[.averageConcurrent]!) <= 1e-9 * meanOfMinutes)
        #expect(Int(r.stays.total) == views)
        // Funnel order.
        #expect(k[.buyers]! <= k[.uniqueViewers]! && k[.uniqueViewers]! < k[.views]!, "re-entries make views exceed viewers")
        // The event stream agrees: time order, arrivals = leaves, amounts = GMV.
        let events = sink.events
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.time <= $1.time })
        #expect(events.filter { $0.kind == .arrive }.count == views)
        #expect(events.filter { $0.kind == .leave }.count == views)
        #expect(abs(events.filter { $0.kind == .order }.reduce(0) { $0 + $1.amountYuan } - gmv) <= 1e-9 * gmv)
        #expect(Double(events.filter { $0.kind == .follow }.count) == k[.newFollows]!)
        #expect(r.diagnostics.boundViolations == 0)
    }

    /// The recorder bins by a running clock (the open minute and phase are
    /// closed at their boundary): each minute's and phase's counts equal the
    /// events binned by their own times, and time-weighted concurrency adds
    /// up, with a partial last minute and a phase boundary inside a minute.
    @Test func minuteAndPhaseTablesMatchTheEventsBinnedByTime() throws {
        var config = Fixtures.promotedStream()
        config.durationMinutes = 58.5
        config.runOfShow[1].toMinute = 55
        config.promotions[1].toMinute = 50.25
        config.viewers.reentryProbability = 0.3
        var sink = EventCollector()
        let r = try Simulation(configuration: config).run(seed: 4, replication: 0, sink: &sink)
        let minuteCount = r.minutes.count
        #expect(minuteCount == 59)
        func minute(_ t: Double) -> Int { min(Int(t / 60), minuteCount - 1) }
        var entries = Array(repeating: 0, count: minuteCount), exits = entries, interactions = entries, clicks = entries
        var channelEntries = Array(repeating: Array(repeating: 0, count: minuteCount), count: r.channels.count)
        var phaseViews = Array(repeating: 0, count: r.phases.count)
        for e in sink.events where e.kind != .return {
            let m = minute(e.time)
            switch e.kind {
            case .arrive:
                entries[m] += 1
                channelEntries[Int(e.channelRow)][m] += 1
                let p = r.phases.lastIndex { $0.fromMinute * 60 <= e.time } ?? 0
                phaseViews[p] += 1
            case .leave where !e.cutAtEnd: exits[m] += 1
            case .interact: interactions[m] += 1
            case .click: clicks[m] += 1
            default: break
            }
        }
        #expect(r.minutes.map(\.entries) == entries)
        #expect(r.minutes.map(\.exits) == exits)
        #expect(r.minutes.map(\.interactions) == interactions)
        #expect(r.minutes.map(\.productClicks) == clicks)
        #expect(r.channelMinuteEntries == channelEntries)
        #expect(r.phases.map(\.views) == phaseViews)
        #expect(r.phases.map(\.toMinute) == [15, 50.25, 58.5])
        // ∫ N dt three ways: the stream's average, the minutes', the phases'.
        let total = r.kpis[.averageConcurrent]! * config.durationSeconds
        let byMinutes = r.minutes.indices.reduce(0.0) { $0 + r.minutes[$1].concurrentViewers * (min(Double($1 + 1) * 60, config.durationSeconds) - Double($1) * 60) }
        let byPhases = r.phases.reduce(0.0) { $0 + $1.averageConcurrent * ($1.toMinute - $1.fromMinute) * 60 }
        #expect(abs(byMinutes - total) <= 1e-9 * total && abs(byPhases - total) <= 1e-9 * total)
    }

    @Test func productExposuresCountEachViewerOncePerFeaturedWindow() throws {
        var config = Fixtures.mixedStream()
        config.products.append(Product(id: "mask", referencePriceYuan: 59))
        config.runOfShow = [FeaturedWindow(product: "serum", fromMinute: 5, toMinute: 20),
                            FeaturedWindow(product: "mask", fromMinute: 25, toMinute: 40),
                            FeaturedWindow(product: "serum", fromMinute: 40, toMinute: 50)]
        config.viewers.reentryProbability = 0.4
        var sink = EventCollector()
        let r = try Simulation(configuration: config).run(seed: 9, replication: 0, sink: &sink)
        // Brute force from the events: (viewer, window) pairs with presence overlapping the window.
        var entered: [UInt32: Double] = [:]
        var pairs = Set<[UInt32]>()
        for e in sink.events {
            if e.kind == .arrive { entered[e.viewer] = e.time }
            if e.kind == .leave, let from = entered[e.viewer] {
                for (w, window) in config.runOfShow.enumerated()
                where from < window.toMinute * 60 && e.time > window.fromMinute * 60 && e.time > from {
                    pairs.insert([e.viewer, UInt32(w)])
                }
            }
        }
        #expect(r.kpis[.productExposures]! == Double(pairs.count))
    }

    @Test func theSameSeedGivesTheSameRunAndAnotherSeedDoesNot() throws {
        let simulation = try Simulation(configuration: Fixtures.mixedStream())
        var a = EventCollector(), b = EventCollector(), c = EventCollector()
        let ra = simulation.run(seed: 4, replication: 2, sink: &a)
        let rb = simulation.run(seed: 4, replication: 2, sink: &b)
        _ = simulation.run(seed: 5, replication: 2, sink: &c)
        #expect(a.events == b.events)
        #expect(ra.kpis == rb.kpis && ra.minutes == rb.minutes && ra.channels == rb.channels)
        #expect(a.events != c.events)
    }

    @Test func reentriesKeepTheViewerAndCountAsViewsNotViewers() throws {
        var config = Fixtures.mixedStream()
        config.viewers.reentryProbability = 0.5
        var sink = EventCollector()
        let r = try Simulation(configuration: config).run(seed: 12, replication: 0, sink: &sink)
        let arrivals = sink.events.filter { $0.kind == .arrive }
        let returning = arrivals.filter(\.reentry)
        #expect(!returning.isEmpty)
        let firstArrivals = Set(arrivals.filter { !$0.reentry }.map(\.viewer))
        #expect(returning.allSatisfy { firstArrivals.contains($0.viewer) }, "a returning viewer keeps their id")
        #expect(r.kpis[.views]! == Double(arrivals.count))
        #expect(r.kpis[.uniqueViewers]! == Double(firstArrivals.count))
    }

    @Test func eventsAreTriviallyCopyable() {
        #expect(_isPOD(ViewerEvent.self))
    }
}
