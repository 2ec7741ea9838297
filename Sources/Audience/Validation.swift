import Foundation
import SimCore

extension StreamConfiguration {
    /// Largest accepted stream, in minutes (a day).
    public static let maximumDurationMinutes = 1_440.0
    /// Largest accepted arrival rate of one channel, per minute.
    public static let maximumArrivalsPerMinute = 1e7

    /// Every semantic problem of this configuration (ranges, references,
    /// windows, a supercritical share cascade); empty when it can run.
    public func validate() -> [ConfigurationIssue] {
        var v = Validator(duration: durationMinutes)
        v.range("durationMinutes", durationMinutes, above: 0, upTo: Self.maximumDurationMinutes)
        v.range("tickSeconds", tickSeconds, above: 0, upTo: 3600)
        for (key, x) in [("professionalism", host.professionalism), ("charisma", host.charisma),
                         ("responsiveness", host.responsiveness), ("sincerity", host.sincerity)] {
            v.unit("host.\(key)", x)
        }
        validateViewers(&v)
        validateChannels(&v)
        validateProducts(&v)
        validateContent(&v)
        validateConversion(&v)
        if v.issues.isEmpty, let share = channels.share, share.inviteesPerShare > 0 {
            let m = expectedInviteesPerSharedViewer()
            if !(m < 1) {
                v.issues.append(ConfigurationIssue(
                    path: "channels.share.inviteesPerShare", value: String(share.inviteesPerShare),
                    expected: "a subcritical share cascade: each share-brought viewer would bring \(String(format: "%.3f", m)) more on average (must be < 1)"))
            }
        }
        return v.issues
    }

    private func validateViewers(_ v: inout Validator) {
        let b = viewers
        v.range("viewers.meanStaySecondsAtReference", b.meanStaySecondsAtReference, above: 0, upTo: 86_400)
        v.range("viewers.interactionsPerMinuteAtReference", b.interactionsPerMinuteAtReference, from: 0, upTo: 600)
        v.range("viewers.clicksPerMinuteAtReference", b.clicksPerMinuteAtReference, from: 0, upTo: 600)
        v.range("viewers.sharesPerMinuteAtReference", b.sharesPerMinuteAtReference, from: 0, upTo: 600)
        v.openUnit("viewers.clickToOrderAtReference", b.clickToOrderAtReference)
        v.unit("viewers.followPerInteractionAtReference", b.followPerInteractionAtReference)
        v.unit("viewers.reentryProbability", b.reentryProbability)
        v.range("viewers.reentryDelayMinutes", b.reentryDelayMinutes, above: 0, upTo: Self.maximumDurationMinutes)
        v.range("viewers.boredomMaxMultiplier", b.boredomMaxMultiplier, from: 1, upTo: 100)
        v.range("viewers.boredomTimeConstantSeconds", b.boredomTimeConstantSeconds, above: 0, upTo: 86_400)
        v.range("viewers.traitSpread", b.traitSpread, from: 0, upTo: 10)
        v.range("viewers.willingnessToPayVariation", b.willingnessToPayVariation, from: 0, upTo: 10)
        let w = b.hostQualityWeights
        for (key, x) in [("professionalism", w.professionalism), ("charisma", w.charisma),
                         ("responsiveness", w.responsiveness), ("sincerity", w.sincerity)] {
            v.range("viewers.hostQualityWeights.\(key)", x, from: 0, upTo: 1_000)
        }
        if w.professionalism + w.charisma + w.responsiveness + w.sincerity <= 0 {
            v.fail("viewers.hostQualityWeights", "all zero", "at least one positive weight")
        }
        if b.segments.isEmpty { v.fail("viewers.segments", "empty", "at least one segment") }
        if b.segments.count > 255 { v.fail("viewers.segments", "\(b.segments.count) segments", "at most 255 segments") }
        for name in b.segmentNames {
            let s = b.segments[name]!
            let path = "viewers.segments.\(name)"
            if name.isEmpty { v.fail(path, "empty name", "a segment name") }
            for (key, x) in [("priceSensitivity", s.priceSensitivity), ("interest", s.interest), ("trust", s.trust),
                             ("patience", s.patience), ("sociability", s.sociability), ("urgencyResponse", s.urgencyResponse)] {
                v.openUnit("\(path).\(key)", x)
            }
            v.range("\(path).willingnessToPay", s.willingnessToPay, above: 0, upTo: 100)
        }
        let e = b.effects
        let mirror = Mirror(reflecting: e)
        for child in mirror.children {
            if let label = child.label, let x = child.value as? Double {
                v.range("viewers.effects.\(label)", x, from: -20, upTo: 20)
            }
        }
    }

    private func validateChannels(_ v: inout Validator) {
        let c = channels
        let names = Set(viewers.segments.keys)
        if let f = c.feed {
            v.range("channels.feed.impressionsPerMinute", f.impressionsPerMinute, from: 0, upTo: 1e9)
            v.unit("channels.feed.coverClickThrough", f.coverClickThrough)
            v.range("channels.feed.impressionsPerMinute × coverClickThrough", f.impressionsPerMinute * f.coverClickThrough,
                    from: 0, upTo: Self.maximumArrivalsPerMinute)
            v.unit("channels.feed.targetingPrecision", f.targetingPrecision)
            v.range("channels.feed.roomWeightElasticity", f.roomWeightElasticity, from: 0, upTo: 10)
            v.mix("channels.feed.segmentMix", f.segmentMix, names)
            for (i, boost) in f.boosts.enumerated() {
                let p = "channels.feed.boosts[\(i)]"
                v.window(p, boost.fromMinute, boost.toMinute)
                v.range("\(p).budgetYuan", boost.budgetYuan, from: 0, upTo: 1e12)
                v.range("\(p).cpmYuan", boost.cpmYuan, above: 0, upTo: 1e6)
                if boost.toMinute > boost.fromMinute, boost.cpmYuan > 0 {
                    let perMinute = boost.impressions / (boost.toMinute - boost.fromMinute) * f.coverClickThrough
                    v.range("\(p) arrivals per minute", perMinute, from: 0, upTo: Self.maximumArrivalsPerMinute)
                }
            }
        }
        if let f = c.followers {
            v.range("channels.followers.pool", f.pool, from: 0, upTo: 1e10)
            v.unit("channels.followers.openRate", f.openRate)
            v.range("channels.followers.fanGroupMembers", f.fanGroupMembers, from: 0, upTo: f.pool)
            v.unit("channels.followers.fanGroupOpenRate", f.fanGroupOpenRate)
            v.range("channels.followers.meanDelayMinutes", f.meanDelayMinutes, above: 0, upTo: Self.maximumDurationMinutes)
            v.range("channels.followers.intentShift", f.intentShift, from: -10, upTo: 10)
            v.range("channels.followers.trustShift", f.trustShift, from: -10, upTo: 10)
            v.mix("channels.followers.segmentMix", f.segmentMix, names)
        }
        for (key, partners) in [("kol", c.kol), ("koc", c.koc), ("crossBrand", c.crossBrand)] {
            var seen = Set<String>()
            for (i, p) in partners.enumerated() {
                let path = "channels.\(key)[\(i)]"
                if p.name.isEmpty { v.fail("\(path).name", "empty", "a partner name") }
                if !seen.insert(p.name).inserted { v.fail("\(path).name", p.name, "a name not used by another \(key) partner") }
                if !(p.postMinute >= 0 && p.postMinute < durationMinutes) {
                    v.fail("\(path).postMinute", fmt(p.postMinute), "a minute within the stream, 0 ≤ postMinute < \(fmt(durationMinutes))")
                }
                v.range("\(path).audience", p.audience, from: 0, upTo: 1e10)
                v.unit("\(path).engagement", p.engagement)
                v.unit("\(path).clickThrough", p.clickThrough)
                v.range("\(path).decayMinutes", p.decayMinutes, above: 0, upTo: Self.maximumDurationMinutes)
                if p.decayMinutes > 0 {
                    v.range("\(path) peak arrivals per minute", p.expectedArrivals / p.decayMinutes, from: 0, upTo: Self.maximumArrivalsPerMinute)
                }
                v.range("\(path).feeYuan", p.feeYuan, from: 0, upTo: 1e12)
                v.unit("\(path).commissionRate", p.commissionRate)
                v.range("\(path).trustBoost", p.trustBoost, from: -10, upTo: 10)
                v.mix("\(path).segmentMix", p.segmentMix, names)
            }
        }
        if let s = c.shortVideo {
            v.range("channels.shortVideo.reservations", s.reservations, from: 0, upTo: 1e10)
            v.unit("channels.shortVideo.showRate", s.showRate)
            v.range("channels.shortVideo.decayMinutes", s.decayMinutes, above: 0, upTo: Self.maximumDurationMinutes)
            v.range("channels.shortVideo.costYuan", s.costYuan, from: 0, upTo: 1e12)
            v.mix("channels.shortVideo.segmentMix", s.segmentMix, names)
        }
        if let s = c.search {
            v.range("channels.search.perMinute", s.perMinute, from: 0, upTo: Self.maximumArrivalsPerMinute)
            v.range("channels.search.intentShift", s.intentShift, from: -10, upTo: 10)
            v.mix("channels.search.segmentMix", s.segmentMix, names)
        }
        if let o = c.offlineAds {
            v.range("channels.offlineAds.perMinute", o.perMinute, from: 0, upTo: Self.maximumArrivalsPerMinute)
            v.window("channels.offlineAds", o.fromMinute, o.toMinute ?? durationMinutes)
            v.range("channels.offlineAds.costYuan", o.costYuan, from: 0, upTo: 1e12)
            v.range("channels.offlineAds.intentShift", o.intentShift, from: -10, upTo: 10)
            v.mix("channels.offlineAds.segmentMix", o.segmentMix, names)
        }
        if let s = c.share {
            v.range("channels.share.inviteesPerShare", s.inviteesPerShare, from: 0, upTo: 100)
            v.range("channels.share.meanDelayMinutes", s.meanDelayMinutes, above: 0, upTo: Self.maximumDurationMinutes)
            v.mix("channels.share.segmentMix", s.segmentMix, names)
        }
    }

    private func validateProducts(_ v: inout Validator) {
        var ids = Set<String>()
        for (i, p) in products.enumerated() {
            let path = "products[\(i)]"
            if p.id.isEmpty { v.fail("\(path).id", "empty", "a product id") }
            if !ids.insert(p.id).inserted { v.fail("\(path).id", p.id, "an id not used by another product") }
            v.range("\(path).referencePriceYuan", p.referencePriceYuan, above: 0, upTo: 1e9)
            v.range("\(path).unitCostYuan", p.unitCostYuan, from: 0, upTo: 1e9)
            if let price = p.priceYuan { v.range("\(path).priceYuan", price, above: 0, upTo: 1e9) }
            if let inventory = p.inventory, inventory < 0 { v.fail("\(path).inventory", String(inventory), "a count ≥ 0") }
            if let days = p.consumptionCycleDays { v.range("\(path).consumptionCycleDays", days, above: 0, upTo: 3_650) }
        }
        for (i, w) in runOfShow.enumerated() {
            let path = "runOfShow[\(i)]"
            if !ids.contains(w.product) {
                v.fail("\(path).product", w.product, "the id of a product in `products` (\(products.map(\.id).joined(separator: ", ")))")
            }
            v.window(path, w.fromMinute, w.toMinute)
        }
        let sorted = runOfShow.enumerated().sorted { $0.element.fromMinute < $1.element.fromMinute }
        for (a, b) in zip(sorted, sorted.dropFirst()) where b.element.fromMinute < a.element.toMinute {
            v.fail("runOfShow[\(b.offset)]", "from minute \(fmt(b.element.fromMinute))",
                   "a window that does not overlap runOfShow[\(a.offset)] (ends at minute \(fmt(a.element.toMinute)))")
        }
    }

    private func validateContent(_ v: inout Validator) {
        for (i, h) in hostSchedule.enumerated() {
            let path = "hostSchedule[\(i)]"
            v.window(path, h.fromMinute, h.toMinute)
            for (key, x) in [("professionalism", h.professionalism), ("charisma", h.charisma),
                             ("responsiveness", h.responsiveness), ("sincerity", h.sincerity)] {
                v.unit("\(path).\(key)", x)
            }
        }
        let shifts = hostSchedule.enumerated().sorted { $0.element.fromMinute < $1.element.fromMinute }
        for (a, b) in zip(shifts, shifts.dropFirst()) where b.element.fromMinute < a.element.toMinute {
            v.fail("hostSchedule[\(b.offset)]", "from minute \(fmt(b.element.fromMinute))",
                   "a window that does not overlap hostSchedule[\(a.offset)] (ends at minute \(fmt(a.element.toMinute)))")
        }
        for (i, g) in guests.enumerated() {
            let path = "guests[\(i)]"
            v.window(path, g.fromMinute, g.toMinute)
            v.range("\(path).contentBoost", g.contentBoost, from: 0, upTo: 5)
            v.range("\(path).trustBoost", g.trustBoost, from: -10, upTo: 10)
            v.range("\(path).feeYuan", g.feeYuan, from: 0, upTo: 1e12)
        }
        let categories = Set(products.map(\.category))
        for (i, e) in events.enumerated() {
            let path = "events[\(i)]"
            switch e.type {
            case .demonstration:
                if e.fromMinute == nil || e.toMinute == nil {
                    v.fail(path, "a demonstration without fromMinute and toMinute", "both fromMinute and toMinute")
                } else {
                    v.window(path, e.window.from, e.window.to)
                }
                v.range("\(path).interestBoost", e.interestBoost, from: 0, upTo: 1)
                if let category = e.category, !categories.contains(category) {
                    v.fail("\(path).category", category, "the category of a product (\(categories.sorted().joined(separator: ", ")))")
                }
            case .lottery, .luckyBag, .quiz:
                if e.drawMinute == nil {
                    v.fail("\(path).drawMinute", "missing", "the minute of the draw")
                } else {
                    let w = e.window
                    if !(w.from >= 0 && w.from < w.to && w.to <= durationMinutes) {
                        v.fail(path, "announceMinute \(fmt(w.from)), drawMinute \(fmt(w.to))",
                               "0 ≤ announceMinute < drawMinute ≤ \(fmt(durationMinutes)) (the announcement defaults to 10 minutes before the draw)")
                    }
                }
                if !(0...10_000_000).contains(e.winners) { v.fail("\(path).winners", String(e.winners), "0 to 10000000 winners") }
                v.range("\(path).prizeValueYuan", e.prizeValueYuan, from: 0, upTo: 1e9)
            }
            if let incentive = e.incentive { v.range("\(path).incentive", incentive, from: 0, upTo: 10) }
            v.range("\(path).costYuan", e.costYuan, from: 0, upTo: 1e12)
        }
        if let q = streamQuality {
            v.range("streamQuality.stallsPerHour", q.stallsPerHour, from: 0, upTo: 3600)
            v.range("streamQuality.stallSeconds", q.stallSeconds, above: 0, upTo: 3600)
            v.unit("streamQuality.rebufferRatio", q.rebufferRatio)
            v.range("streamQuality.startupDelaySeconds", q.startupDelaySeconds, from: 0, upTo: 600)
            v.range("streamQuality.latencySeconds", q.latencySeconds, from: 0, upTo: 600)
            v.range("streamQuality.rebufferLeaveSlope", q.rebufferLeaveSlope, from: 0, upTo: 1000)
            v.unit("streamQuality.abandonmentPerSecond", q.abandonmentPerSecond)
            v.range("streamQuality.startupGraceSeconds", q.startupGraceSeconds, from: 0, upTo: 600)
            v.range("streamQuality.stallLeaveEffect", q.stallLeaveEffect, from: -10, upTo: 10)
            v.range("streamQuality.latencyScaleSeconds", q.latencyScaleSeconds, above: 0, upTo: 3600)
        }
        if let r = roomWeight {
            v.range("roomWeight.smoothing", r.smoothing, above: 0, upTo: 1)
            v.range("roomWeight.minimumMultiplier", r.minimumMultiplier, above: 0, upTo: 1)
            v.range("roomWeight.maximumMultiplier", r.maximumMultiplier, from: 1, upTo: 100)
            for (key, x) in [("interactionWeight", r.interactionWeight), ("orderWeight", r.orderWeight),
                             ("stayWeight", r.stayWeight), ("entryStayWeight", r.entryStayWeight)] {
                v.range("roomWeight.\(key)", x, from: 0, upTo: 100)
            }
            if r.interactionWeight + r.orderWeight + r.stayWeight + r.entryStayWeight <= 0 {
                v.fail("roomWeight", "all weights zero", "at least one positive signal weight")
            }
            if let feed = channels.feed, feed.impressionsPerMinute * feed.coverClickThrough * r.maximumMultiplier > Self.maximumArrivalsPerMinute {
                v.fail("roomWeight.maximumMultiplier", fmt(r.maximumMultiplier),
                       "a clamp that keeps feed arrivals at most \(fmt(Self.maximumArrivalsPerMinute)) a minute")
            }
        }
    }

    private func validateConversion(_ v: inout Validator) {
        let productIDs = Set(products.map(\.id))
        var offerIDs = Set<String>(), phaseNames = Set<String>()
        for (i, phase) in promotions.enumerated() {
            let path = "promotions[\(i)]"
            if phase.name.isEmpty { v.fail("\(path).name", "empty", "a phase name") }
            if !phaseNames.insert(phase.name).inserted || phase.name == "unscheduled" {
                v.fail("\(path).name", phase.name, "a phase name used once (and not `unscheduled`)")
            }
            v.window(path, phase.fromMinute, phase.toMinute)
            for (j, o) in phase.offers.enumerated() {
                let op = "\(path).offers[\(j)]"
                let id = phase.offerID(j)
                if id.isEmpty || !offerIDs.insert(id).inserted { v.fail("\(op).id", id, "an offer id used once") }
                if let product = o.product {
                    if !productIDs.contains(product) {
                        v.fail("\(op).product", product, "the id of a product in `products` (\(products.map(\.id).joined(separator: ", ")))")
                    }
                } else if o.type != .fullReduction {
                    v.fail("\(op).product", "missing", "the product this \(o.type.rawValue) offer is for")
                }
                let from = o.fromMinute ?? phase.fromMinute, to = o.toMinute ?? phase.toMinute
                if !(from >= phase.fromMinute && from < to && to <= phase.toMinute) {
                    v.fail(op, "fromMinute \(fmt(from)), toMinute \(fmt(to))",
                           "a window inside its phase (\(fmt(phase.fromMinute))–\(fmt(phase.toMinute)))")
                }
                if let price = o.priceYuan { v.range("\(op).priceYuan", price, above: 0, upTo: 1e9) }
                switch o.type {
                case .livePrice, .flashSale, .bundle:
                    if o.priceYuan == nil { v.fail("\(op).priceYuan", "missing", "the \(o.type.rawValue) price") }
                case .limitedTimeDiscount:
                    if let rate = o.discountRate {
                        if !(rate > 0 && rate < 1) { v.fail("\(op).discountRate", fmt(rate), "a share strictly between 0 and 1") }
                    } else if o.priceYuan == nil {
                        v.fail(op, "neither priceYuan nor discountRate", "a discounted price or a discount rate")
                    }
                case .fullReduction:
                    v.range("\(op).thresholdYuan", o.thresholdYuan, above: 0, upTo: 1e9)
                    if !(o.reductionYuan > 0 && o.reductionYuan < o.thresholdYuan) {
                        v.fail("\(op).reductionYuan", fmt(o.reductionYuan), "a reduction above 0 and below the threshold")
                    }
                case .gift:
                    v.range("\(op).giftValueYuan", o.giftValueYuan, from: 0, upTo: 1e9)
                    v.range("\(op).giftCostYuan", o.giftCostYuan, from: 0, upTo: 1e9)
                }
                if let units = o.units, !(0...1_000_000_000).contains(units) { v.fail("\(op).units", String(units), "0 to 10^9 units") }
                if !(1...100).contains(o.bundleUnits) { v.fail("\(op).bundleUnits", String(o.bundleUnits), "1 to 100 units per bundle") }
                v.range("\(op).announceMinutes", o.announceMinutes, from: 0, upTo: 120)
                if let incentive = o.incentive { v.range("\(op).incentive", incentive, from: 0, upTo: 10) }
            }
        }
        let phases = promotions.enumerated().sorted { $0.element.fromMinute < $1.element.fromMinute }
        for (a, b) in zip(phases, phases.dropFirst()) where b.element.fromMinute < a.element.toMinute {
            v.fail("promotions[\(b.offset)]", "from minute \(fmt(b.element.fromMinute))",
                   "a phase that does not overlap promotions[\(a.offset)] (ends at minute \(fmt(a.element.toMinute)))")
        }
        if let t = trust {
            for (key, x) in [("brandAuthorizationEffect", t.brandAuthorizationEffect), ("authenticityGuaranteeEffect", t.authenticityGuaranteeEffect),
                             ("sevenDayReturnsEffect", t.sevenDayReturnsEffect), ("liveReviewsEffect", t.liveReviewsEffect)] {
                v.range("trust.\(key)", x, from: -10, upTo: 10)
            }
        }
        if let c = checkout {
            if !(0...20).contains(c.steps) { v.fail("checkout.steps", String(c.steps), "0 to 20 steps") }
            v.unit("checkout.dropOffPerStep", c.dropOffPerStep)
            v.unit("checkout.paymentSuccess", c.paymentSuccess)
        }
        if let r = returns {
            v.unit("returns.baseRate", r.baseRate)
            v.range("returns.discountDepthEffect", r.discountDepthEffect, from: -20, upTo: 20)
            v.range("returns.impulseEffect", r.impulseEffect, from: -20, upTo: 20)
            v.range("returns.sevenDayReturnsEffect", r.sevenDayReturnsEffect, from: -20, upTo: 20)
            v.range("returns.meanDelayDays", r.meanDelayDays, above: 0, upTo: 365)
        }
    }

    /// E[invitees brought by one share-brought viewer], bounded from above:
    /// no boredom, every re-entry counted as a full extra visit, and the worst
    /// arrival time. For each arrival time on a grid (every profile change and
    /// 48 evenly spaced times) the expected shares before leaving are
    /// integrated exactly over the piecewise-constant profile, averaged over a
    /// fixed sample of the share channel's traits (so it is deterministic).
    public func expectedInviteesPerSharedViewer() -> Double {
        guard let share = channels.share, share.inviteesPerShare > 0 else { return 0 }
        let model = BehaviourModel(configuration: self)
        guard let mix = model.segmentWeights(share.segmentMix) else { return 0 }
        let profile = StreamProfile(configuration: self, model: model)
        let segments = profile.segments
        var starts = Set(segments.map(\.start))
        for k in 0..<48 { starts.insert(durationSeconds * Double(k) / 48) }
        let grid = starts.sorted()
        var stream = RandomStream(seed: 0x5EED_C4A5_CADE)
        let samples = 500
        var expected = Array(repeating: 0.0, count: grid.count)
        for (segment, weight) in mix.enumerated() where weight > 0 {
            for _ in 0..<samples {
                let traits = model.drawTraits(segment: segment, intentShift: 0, trustShift: 0, using: &stream)
                let f = model.factors(traits)
                for (g, start) in grid.enumerated() {
                    var survival = 1.0, shares = 0.0
                    var index = profile.segmentIndex(at: start)
                    var t = start
                    while index < segments.count && survival > 1e-9 {
                        let seg = segments[index]
                        let leave = Double(f.leave) * seg.leaveMultiplier * model.streamLeaveFactor(traits, seg)
                        let rate = Double(f.share) * seg.shareMultiplier
                        let length = seg.end - t
                        let stay = leave > 0 ? -expm1(-leave * length) / leave : length
                        shares += survival * rate * stay
                        survival *= exp(-leave * length)
                        t = seg.end
                        index += 1
                    }
                    expected[g] += weight * shares / Double(samples)
                }
            }
        }
        let visits = 1 / (1 - min(viewers.reentryProbability, 0.999_999))
        return share.inviteesPerShare * (expected.max() ?? 0) * visits
    }
}

/// Collects issues with consistent wording.
struct Validator {
    let duration: Double
    var issues: [ConfigurationIssue] = []

    mutating func fail(_ path: String, _ value: String, _ expected: String) {
        issues.append(ConfigurationIssue(path: path, value: value, expected: expected))
    }

    mutating func range(_ path: String, _ x: Double, from low: Double, upTo high: Double) {
        if !(x >= low && x <= high) { fail(path, fmt(x), "a number from \(fmt(low)) to \(fmt(high))") }
    }

    mutating func range(_ path: String, _ x: Double, above low: Double, upTo high: Double) {
        if !(x > low && x <= high) { fail(path, fmt(x), "a number above \(fmt(low)), at most \(fmt(high))") }
    }

    mutating func unit(_ path: String, _ x: Double) {
        if !(x >= 0 && x <= 1) { fail(path, fmt(x), "a probability or share from 0 to 1") }
    }

    mutating func openUnit(_ path: String, _ x: Double) {
        if !(x > 0 && x < 1) { fail(path, fmt(x), "a number strictly between 0 and 1") }
    }

    mutating func window(_ path: String, _ from: Double, _ to: Double) {
        if !(from >= 0 && from < to && to <= duration) {
            fail(path, "fromMinute \(fmt(from)), toMinute \(fmt(to))", "a window inside the stream: 0 ≤ fromMinute < toMinute ≤ \(fmt(duration))")
        }
    }

    mutating func mix(_ path: String, _ mix: SegmentMix, _ names: Set<String>) {
        for key in mix.keys.sorted() {
            let weight = mix[key]!
            if !names.contains(key) {
                fail("\(path).\(key)", key, "a segment name (\(names.sorted().joined(separator: ", ")))")
            }
            if !(weight >= 0 && weight.isFinite) { fail("\(path).\(key)", fmt(weight), "a weight ≥ 0") }
        }
        if mix.values.reduce(0, +) <= 0 { fail(path, "no positive weight", "at least one segment with a positive weight") }
    }
}

/// A number as the user wrote it: no trailing ".0" for integers.
func fmt(_ x: Double) -> String {
    if x.isFinite && x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
    return String(x)
}
