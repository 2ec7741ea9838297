import Foundation
import SimCore

/// Behaviours: each emits facts (``ViewerEvent``s) through ``emit(_:sink:)``,
/// to the KPI recorder and the sink alike; none counts.
extension StreamRun {
    mutating func leave<Sink: EventSink>(slot: UInt32, at t: Double, cut: Bool, allowReentry: Bool = true, sink: inout Sink) {
        var fact = self.fact(.leave, slot: slot, at: t)
        fact.cutAtEnd = cut
        fact.staySeconds = t - room[slot].entryTime
        fact.exposures = countExposures(slot: slot, until: t)
        emit(fact, sink: &sink)
        guard !cut, allowReentry, reentryProbability > 0 else {
            room.remove(slot: slot)
            return
        }
        var viewer = room[slot]
        room.remove(slot: slot)
        // Re-entry: always two draws, so the stream stays aligned.
        let comesBack = viewer.stream.uniform() < reentryProbability
        let delay = viewer.stream.exponential(mean: meanReentryDelay)
        if comesBack && t + delay < end {
            let handle = away.insert(viewer)
            trackPeak()
            scheduler.schedule(at: t + delay, kind: Kind.reentry.rawValue, agent: handle.slot, generation: handle.generation)
        }
    }

    /// Featured windows overlapping this view, not counted in an earlier view.
    mutating func countExposures(slot: UInt32, until t: Double) -> Int32 {
        let entry = room[slot].entryTime
        guard t > entry else { return 0 }
        var count: Int32 = 0
        var index = profile.segmentIndex(at: entry)
        while index < profile.segments.count && profile.segments[index].start < t {
            let w = profile.segments[index].featuredWindow
            if w >= 0 {
                let ordinal = simulation.windowOrdinals[w]
                if ordinal > room[slot].lastExposedWindow {
                    room[slot].lastExposedWindow = ordinal
                    count += 1
                }
            }
            index += 1
        }
        return count
    }

    mutating func interact<Sink: EventSink>(slot: UInt32, segment index: Int, at t: Double, sink: inout Sink) {
        let v = room.address(of: slot)
        let first = !v.pointee.flags.contains(.interacted)
        v.pointee.flags.insert(.interacted)
        var fact = self.fact(.interact, slot: slot, at: t)
        fact.isFirst = first
        emit(fact, sink: &sink)
        if first && model.engagement.acts {
            // Engagement (Docs/model.md): from the first interaction on, the
            // viewer stays longer, clicks and buys more. The factors change
            // here, at the viewer's own event, and the next candidate is drawn
            // against the raised hazards (stale flag), so no rate ever exceeds
            // the majorant it is thinned against.
            v.pointee.factors.leave *= model.engagement.leave
            v.pointee.factors.click *= model.engagement.click
            v.pointee.factors.purchaseLogit += model.engagement.purchaseLogit
            v.pointee.flags.insert(.hazardsStale)
        }
        // Follows happen on interactions, by viewers who do not follow yet
        // (the chance on this segment was computed with its hazards).
        let u = v.pointee.stream.uniform()
        if !v.pointee.flags.contains(.follower) && u < Double(v.pointee.candidateHazards.followProbability) {
            v.pointee.flags.insert(.follower)
            emit(self.fact(.follow, slot: slot, at: t), sink: &sink)
        }
    }

    /// A product click and the purchase decision it may lead to
    /// (``PurchaseDecision``), then stock and the checkout funnel. Always
    /// three draws (decision, basket, checkout), so the viewer's stream stays
    /// aligned whatever the offers.
    mutating func click<Sink: EventSink>(slot: UInt32, segment seg: StreamProfile.Segment, at t: Double, sink: inout Sink) {
        let v = room[slot]
        let p = seg.featuredProduct
        var clicked = fact(.click, slot: slot, at: t)
        clicked.product = Int16(p)
        emit(clicked, sink: &sink)
        let uDecision = room[slot].stream.uniform(), uBasket = room[slot].stream.uniform(), uCheckout = room[slot].stream.uniform()
        let reference = simulation.configuration.products[p].referencePriceYuan
        // Every argument evaluated first, so that the offer book is passed
        // as it is, not copied (four array retains per click).
        let offered = offers.quote(product: p, at: t)
        let baseLogOdds = Double(v.factors.purchaseLogit) + seg.purchaseLogitShift + trustTerm(v.traits)
        let held = v.flags.contains(.perks) ? perks[v.id] : nil
        // Persuasion in the base: a pending draw, and the engagement shift of
        // a viewer who has interacted (what charisma and interactive events
        // buy); urgency and scarcity are added in the decision.
        let engaged = model.engagement.acts && v.flags.contains(.interacted) ? Double(model.engagement.purchaseLogit) : 0
        let decision = PurchaseDecision(model: model, offers: offers, quote: offered, product: p, traits: v.traits,
                                        baseLogOdds: baseLogOdds, referencePriceYuan: reference, perks: held, basketDraw: uBasket,
                                        persuasionBase: seg.persuasionLogitShift + engaged)
        guard uDecision < decision.probability else { return }
        let quote = decision.quote
        // The sale, as a lost sale, an order or a return.
        var sale = self.fact(.lostSale, slot: slot, at: t)
        sale.product = Int16(p)
        sale.offer = Int16(decision.offer)
        sale.units = Int32(quote.units)
        sale.amountYuan = decision.amountYuan
        sale.persuasionLogOdds = Float(max(0, decision.persuasionLogOdds))
        sale.giftOffer = Int16(quote.gift)
        guard offers.inStock(product: p, units: quote.units) else {
            // A positive decision at zero stock: a lost sale, and a viewer more likely to leave.
            emit(sale, sink: &sink)
            room[slot].factors.leave *= Float(exp(model.effects.lostSaleOnStay))
            room[slot].flags.insert(.hazardsStale)
            return
        }
        guard uCheckout < checkoutCompletion else { return }
        offers.sell(product: p, units: quote.units, quote: quote, at: t)
        var order = sale
        order.kind = .order
        order.isFirst = !v.flags.contains(.bought)
        order.perkDiscountYuan = decision.perkDiscountYuan
        order.couponYuan = decision.couponYuan
        room[slot].flags.insert(.bought)
        room[slot].ordersMade &+= 1
        if decision.couponYuan > 0 { perks[v.id]?.couponValueYuan = 0 }
        emit(order, sink: &sink)
        if let settings = returnSettings {
            // Whether and when it comes back is drawn now, from a sub-stream of
            // (buyer, order number); only returns are kept, so memory follows
            // returns, not orders.
            var stream = AgentStream(seed: SplitMix64.combine(v.identitySeed, UInt64(room[slot].ordersMade)))
            let u = stream.uniform()
            let delay = stream.exponential(mean: settings.meanDelayDays * 86_400)
            if u < returnProbability(settings, v.traits, paid: sale.amountYuan, listValue: reference * Double(quote.units),
                                     persuasion: Double(sale.persuasionLogOdds)) {
                var returned = sale
                returned.kind = .return
                returned.time = end + delay
                returns.append(returned)
            }
        }
    }

    /// Endorsements add their effects, scaled by (1.5 − trust).
    @inline(__always)
    func trustTerm(_ t: ViewerTraits) -> Double { trustEffect * (1.5 - Double(t.trust)) }

    /// P(return) of an order: base log-odds, discount depth, impulse, 7-day
    /// returns, and the persuasion that brought it (none with effect 0: the
    /// term is skipped, not added as 0, so effect 0 is today's model bit for bit).
    func returnProbability(_ r: ReturnSettings, _ t: ViewerTraits, paid: Double, listValue: Double, persuasion: Double) -> Double {
        let depth = listValue > 0 ? max(0, 1 - paid / listValue) : 0
        var x = logit(min(max(r.baseRate, 1e-9), 1 - 1e-9)) + r.discountDepthEffect * depth + r.impulseEffect * (Double(t.urgencyResponse) - 0.5) * 2
        if simulation.configuration.trust?.sevenDayReturns == true { x += r.sevenDayReturnsEffect }
        if r.persuasionEffect != 0 { x += r.persuasionEffect * persuasion }
        return logistic(x)
    }

    /// After the stream: the returns, in time order.
    mutating func processReturns<Sink: EventSink>(sink: inout Sink) {
        returns.sort { $0.time < $1.time || ($0.time == $1.time && $0.viewer < $1.viewer) }
        for event in returns { emit(event, sink: &sink) }
    }

    mutating func share<Sink: EventSink>(slot: UInt32, at t: Double, sink: inout Sink) {
        room[slot].flags.insert(.shared)
        let sharesBefore = room[slot].sharesMade
        room[slot].sharesMade &+= 1
        emit(fact(.share, slot: slot, at: t), sink: &sink)
        guard shareSource != nil, inviteesPerShare > 0 else { return }
        let count = room[slot].stream.poisson(mean: inviteesPerShare)
        let shareSeed = SplitMix64.combine(room[slot].identitySeed, UInt64(sharesBefore))
        for k in 0..<count {
            let delay = room[slot].stream.exponential(mean: meanInviteDelay)
            guard t + delay < end else { continue }
            let handle = invitees.insert(PendingInvitee(identitySeed: SplitMix64.combine(shareSeed, UInt64(k))))
            trackPeak()
            scheduler.schedule(at: t + delay, kind: Kind.invitee.rawValue, agent: handle.slot, generation: handle.generation)
        }
    }

    /// The fact `kind` about the viewer in `slot` at `t` (kind-specific fields left at their defaults).
    @inline(__always)
    func fact(_ kind: ViewerEvent.Kind, slot: UInt32, at t: Double) -> ViewerEvent {
        let v = room.address(of: slot)
        return ViewerEvent(time: t, kind: kind, viewer: v.pointee.id, channel: v.pointee.channel,
                           channelRow: v.pointee.channelRow, segment: v.pointee.segment)
    }

    @inline(__always)
    mutating func emit<Sink: EventSink>(_ event: ViewerEvent, sink: inout Sink) {
        recorder.record(event)
        sink.receive(event)
    }

    @inline(__always)
    mutating func trackPeak() {
        let held = room.count + away.count + invitees.count
        if held > diagnostics.peakAgents { diagnostics.peakAgents = held }
    }
}
