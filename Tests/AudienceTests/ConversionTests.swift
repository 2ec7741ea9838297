import Audience
import SimCore
import Testing

/// Part 3 of the model: offers, trust, checkout, inventory, returns, costs.
/// Paired under common random numbers; a 95% CI that must clear zero.
@Suite struct ConversionTests {
    static let replications = 16

    @Test func trustSwitchesOffLowerConversion() throws {
        let base = Fixtures.promotedStream()
        var none = base
        none.trust = TrustSettings()
        let d = try pairedDifferences(base: base, changed: none, [.conversionRate], replications: Self.replications)
        expectDecrease(d, .conversionRate, "trust off")
    }

    @Test func sevenDayReturnsOffMeansFewerReturnsAndLowerConversion() throws {
        let base = Fixtures.promotedStream()
        var strict = base
        strict.trust!.sevenDayReturns = false
        let d = try pairedDifferences(base: base, changed: strict, [.returns, .conversionRate], replications: Self.replications)
        expectDecrease(d, .returns, "7-day returns off")
        expectDecrease(d, .conversionRate, "7-day returns off")
    }

    @Test func moreCheckoutStepsLowerConversion() throws {
        // Unlimited stock and offers: then nothing downstream of a sale feeds back into clicks.
        var base = Fixtures.promotedStream()
        for i in base.products.indices { base.products[i].inventory = nil }
        for p in base.promotions.indices {
            for o in base.promotions[p].offers.indices { base.promotions[p].offers[o].units = nil }
        }
        var longer = base
        longer.checkout!.steps = 8
        let d = try pairedDifferences(base: base, changed: longer, [.conversionRate, .productClicks], replications: Self.replications)
        expectDecrease(d, .conversionRate, "more checkout steps")
        // The checkout acts only in the funnel: clicks do not change.
        #expect(d[.productClicks]!.mean == 0 && d[.productClicks]!.low == 0, "checkout must not change clicks: \(d[.productClicks]!)")
    }

    @Test func aFullReductionThresholdRaisesAverageOrderValue() throws {
        var base = Fixtures.promotedStream()
        base.promotions[1].offers = base.promotions[1].offers.filter { $0.type != .fullReduction }
        base.products[1].priceYuan = 199
        var coupon = base
        var offer = Offer(type: .fullReduction)
        offer.thresholdYuan = 350; offer.reductionYuan = 30
        coupon.promotions[1].offers.append(offer)
        let d = try pairedDifferences(base: base, changed: coupon, [.averageOrderValueYuan], replications: Self.replications)
        expectIncrease(d, .averageOrderValueYuan, "full reduction")
    }

    @Test func zeroInventorySellsNothingAndCountsLostSales() throws {
        var c = Fixtures.promotedStream()
        for i in c.products.indices { c.products[i].inventory = 0 }
        let r = try Simulation(configuration: c).run(seed: 4, replication: 0)
        #expect(r.kpis[.orders] == 0 && r.kpis[.gmvYuan] == 0)
        #expect(r.kpis[.lostSalesUnits]! > 0 && r.kpis[.lostSalesYuan]! > 0)
        #expect(r.products.reduce(0) { $0 + $1.lostSalesUnits } == Int(r.kpis[.lostSalesUnits]!))
    }

    @Test func limitedFlashSaleUnitsSellOutAndTheTimeIsReported() throws {
        var c = Fixtures.promotedStream()
        c.promotions[1].offers[3].units = 20
        let r = try Simulation(configuration: c).run(seed: 4, replication: 0)
        let flash = try #require(r.products.first { $0.offer == "middle.3" })
        #expect(flash.unitsSold == 20, "sold \(flash.unitsSold) of 20")
        let minute = try #require(flash.selloutMinute)
        #expect(minute >= 40 && minute < 45, "sold out at minute \(minute)")
        // The opening offer's 400 units sell out too, inside the opening.
        let opening = try #require(r.products.first { $0.offer == "opening-serum" })
        #expect(opening.unitsSold <= 400)
    }

    @Test func aFlashSaleOnTheHourRaisesConcurrencyBeforeIt() throws {
        var base = Fixtures.promotedStream()
        base.promotions[1].offers.removeLast()
        var flash = base
        var offer = Offer(type: .flashSale)
        offer.product = "set"; offer.priceYuan = 149; offer.units = 300; offer.fromMinute = 50; offer.toMinute = 55
        offer.announceMinutes = 5
        flash.promotions[1].offers.append(offer)
        let pairs = try pairedResults(base, flash, replications: Self.replications)
        let before = interval(pairs.map { a, b in
            b.minutes[45..<50].reduce(0) { $0 + $1.concurrentViewers } - a.minutes[45..<50].reduce(0) { $0 + $1.concurrentViewers }
        })
        #expect(before.low > 0, "concurrency during the countdown: \(before)")
    }

    @Test func anUltraLowOpeningPriceSellsMoreOfTheHotItem() throws {
        let base = Fixtures.promotedStream()
        var none = base
        none.promotions[0].offers = []
        let pairs = try pairedResults(none, base, replications: Self.replications)
        let hot = interval(pairs.map { a, b in
            Double(b.products.filter { $0.product == "serum" }.reduce(0) { $0 + $1.unitsSold }
                   - a.products.filter { $0.product == "serum" }.reduce(0) { $0 + $1.unitsSold })
        })
        #expect(hot.low > 0, "hot-item units: \(hot)")
    }

    @Test func theBooksBalance() throws {
        let c = Fixtures.promotedStream()
        let simulation = try Simulation(configuration: c)
        for r in 0..<3 {
            var sink = EventCollector()
            let x = simulation.run(seed: 6, replication: r, sink: &sink)
            let k = x.kpis
            let gmv = k[.gmvYuan]!
            let close = { (a: Double, b: Double) in abs(a - b) <= 1e-6 * max(1, abs(a), abs(b)) }
            let orders = sink.events.filter { $0.kind == .order }
            #expect(close(orders.reduce(0) { $0 + $1.amountYuan }, gmv))
            #expect(close(x.products.reduce(0) { $0 + $1.gmvYuan }, gmv))
            #expect(close(x.channels.reduce(0) { $0 + $1.gmvYuan }, gmv))
            #expect(close(x.phases.reduce(0) { $0 + $1.gmvYuan }, gmv))
            #expect(close(x.productMinutes.flatMap { $0 }.reduce(0) { $0 + $1.gmvYuan }, gmv))
            // Units sold never exceed inventory or offer units.
            for (p, product) in c.products.enumerated() {
                let sold = orders.filter { Int($0.product) == p }.reduce(0) { $0 + Int($1.units) }
                #expect(sold <= product.inventory!)
            }
            let offers = zip(c.offerIDs, c.promotions.flatMap(\.offers)).map { (id: $0, offer: $1) }
            for row in x.products where row.offer != "" {
                guard let o = offers.first(where: { $0.id == row.offer })?.offer, let units = o.units else { continue }
                // A bundle sale takes one offer unit for bundleUnits products; a gift one per order of up to 5 units.
                let bound = o.type == .bundle ? units * o.bundleUnits : o.type == .gift ? units * 5 : units
                #expect(row.unitsSold <= bound, "\(row.offer): \(row.unitsSold) > \(bound)")
            }
            // Net GMV and profit.
            let returns = sink.events.filter { $0.kind == .return }
            #expect(Double(returns.count) == k[.returns]! && returns.allSatisfy { $0.time >= c.durationSeconds })
            #expect(close(k[.netGmvYuan]!, gmv - returns.reduce(0) { $0 + $1.amountYuan }))
            var soldUnits = Array(repeating: 0, count: c.products.count)
            for o in orders { soldUnits[Int(o.product)] += Int(o.units) }
            for e in returns { soldUnits[Int(e.product)] -= Int(e.units) }
            let costOfGoods = zip(soldUnits, c.products).reduce(0.0) { $0 + Double($1.0) * $1.1.unitCostYuan }
            #expect(close(k[.profitYuan]!, k[.netGmvYuan]! - costOfGoods - k[.costYuan]!))
            // Costs: channels, events, guests and gifts.
            #expect(k[.costYuan]! >= x.channels.reduce(0) { $0 + $1.costYuan })
            // Trace order: returns come last, in time order.
            #expect(zip(sink.events, sink.events.dropFirst()).allSatisfy { $0.time <= $1.time })
        }
    }

    @Test func switchedOffConversionSectionsLeaveResultsBitIdentical() throws {
        let plain = Fixtures.mixedStream()
        var zeroed = plain
        zeroed.promotions = []
        zeroed.trust = TrustSettings()          // every switch off
        var checkout = CheckoutSettings()
        checkout.steps = 0; checkout.paymentSuccess = 1
        zeroed.checkout = checkout
        for r in 0..<2 {
            var a = EventCollector(), b = EventCollector()
            _ = try Simulation(configuration: plain).run(seed: 9, replication: r, sink: &a)
            _ = try Simulation(configuration: zeroed).run(seed: 9, replication: r, sink: &b)
            #expect(a.events == b.events)
        }
    }
}
