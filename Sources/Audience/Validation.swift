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
        v.fields(self, at: "")
        v.fields(host, at: "host")
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
        v.fields(b, at: "viewers")
        let w = b.hostQualityWeights
        v.fields(w, at: "viewers.hostQualityWeights")
        if w.professionalism + w.charisma + w.responsiveness + w.sincerity <= 0 {
            v.fail("viewers.hostQualityWeights", "all zero", "at least one positive weight")
        }
        if b.segments.isEmpty { v.fail("viewers.segments", "empty", "at least one segment") }
        if b.segments.count > 255 { v.fail("viewers.segments", "\(b.segments.count) segments", "at most 255 segments") }
        for name in b.segmentNames {
            let s = b.segments[name]!
            let path = "viewers.segments.\(name)"
            if name.isEmpty { v.fail(path, "empty name", "a segment name") }
            v.fields(s, at: path)
        }
        v.fields(b.effects, at: "viewers.effects")
    }

    private func validateChannels(_ v: inout Validator) {
        let c = channels
        let names = Set(viewers.segments.keys)
        if let f = c.feed {
            v.fields(f, at: "channels.feed")
            v.check("channels.feed.impressionsPerMinute × coverClickThrough", f.impressionsPerMinute * f.coverClickThrough,
                    .from(0, upTo: Self.maximumArrivalsPerMinute))
            v.mix("channels.feed.segmentMix", f.segmentMix, names)
            for (i, boost) in f.boosts.enumerated() {
                let p = "channels.feed.boosts[\(i)]"
                v.fields(boost, at: p)
                v.window(p, boost.fromMinute, boost.toMinute)
                if boost.toMinute > boost.fromMinute, boost.cpmYuan > 0 {
                    let perMinute = boost.impressions / (boost.toMinute - boost.fromMinute) * f.coverClickThrough
                    v.check("\(p) arrivals per minute", perMinute, .from(0, upTo: Self.maximumArrivalsPerMinute))
                }
            }
        }
        if let f = c.followers {
            v.fields(f, at: "channels.followers")
            if f.fanGroupMembers > f.pool && !v.hasIssue(at: "channels.followers.fanGroupMembers") {
                v.fail("channels.followers.fanGroupMembers", fmt(f.fanGroupMembers), "at most the pool (\(fmt(f.pool))): fan-group members are followers")
            }
            v.mix("channels.followers.segmentMix", f.segmentMix, names)
        }
        for (key, partners) in [("kol", c.kol), ("koc", c.koc), ("crossBrand", c.crossBrand)] {
            var seen = Set<String>()
            for (i, p) in partners.enumerated() {
                let path = "channels.\(key)[\(i)]"
                if p.name.isEmpty { v.fail("\(path).name", "empty", "a partner name") }
                if !seen.insert(p.name).inserted { v.fail("\(path).name", p.name, "a name not used by another \(key) partner") }
                v.fields(p, at: path)
                if !(p.postMinute < durationMinutes) && !v.hasIssue(at: "\(path).postMinute") {
                    v.fail("\(path).postMinute", fmt(p.postMinute), "a minute within the stream, 0 ≤ postMinute < \(fmt(durationMinutes))")
                }
                if p.decayMinutes > 0 {
                    v.check("\(path) peak arrivals per minute", p.expectedArrivals / p.decayMinutes, .from(0, upTo: Self.maximumArrivalsPerMinute))
                }
                v.mix("\(path).segmentMix", p.segmentMix, names)
            }
        }
        if let s = c.shortVideo {
            v.fields(s, at: "channels.shortVideo")
            v.mix("channels.shortVideo.segmentMix", s.segmentMix, names)
        }
        if let s = c.search {
            v.fields(s, at: "channels.search")
            v.mix("channels.search.segmentMix", s.segmentMix, names)
        }
        if let o = c.offlineAds {
            v.fields(o, at: "channels.offlineAds")
            v.window("channels.offlineAds", o.fromMinute, o.toMinute ?? durationMinutes)
            v.mix("channels.offlineAds.segmentMix", o.segmentMix, names)
        }
        if let s = c.share {
            v.fields(s, at: "channels.share")
            v.mix("channels.share.segmentMix", s.segmentMix, names)
        }
    }

    private func validateProducts(_ v: inout Validator) {
        var ids = Set<String>()
        for (i, p) in products.enumerated() {
            let path = "products[\(i)]"
            if p.id.isEmpty { v.fail("\(path).id", "empty", "a product id") }
            if !ids.insert(p.id).inserted { v.fail("\(path).id", p.id, "an id not used by another product") }
            v.fields(p, at: path)
        }
        for (i, w) in runOfShow.enumerated() {
            let path = "runOfShow[\(i)]"
            if !ids.contains(w.product) {
                v.fail("\(path).product", w.product, "the id of a product in `products` (\(products.map(\.id).joined(separator: ", ")))")
            }
            v.fields(w, at: path)
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
            v.fields(h, at: path)
            v.window(path, h.fromMinute, h.toMinute)
        }
        let shifts = hostSchedule.enumerated().sorted { $0.element.fromMinute < $1.element.fromMinute }
        for (a, b) in zip(shifts, shifts.dropFirst()) where b.element.fromMinute < a.element.toMinute {
            v.fail("hostSchedule[\(b.offset)]", "from minute \(fmt(b.element.fromMinute))",
                   "a window that does not overlap hostSchedule[\(a.offset)] (ends at minute \(fmt(a.element.toMinute)))")
        }
        for (i, g) in guests.enumerated() {
            let path = "guests[\(i)]"
            v.fields(g, at: path)
            v.window(path, g.fromMinute, g.toMinute)
        }
        let categories = Set(products.map(\.category))
        for (i, e) in events.enumerated() {
            let path = "events[\(i)]"
            v.fields(e, at: path)
            switch e.type {
            case .demonstration:
                if e.fromMinute == nil || e.toMinute == nil {
                    v.fail(path, "a demonstration without fromMinute and toMinute", "both fromMinute and toMinute")
                } else {
                    v.window(path, e.window.from, e.window.to)
                }
                if let category = e.category, !categories.contains(category) {
                    v.fail("\(path).category", category, "the category of a product (\(categories.sorted().joined(separator: ", ")))")
                }
            case .lottery, .luckyBag, .quiz:
                if e.drawMinute == nil {
                    v.fail("\(path).drawMinute", "missing", "the minute of the draw")
                } else {
                    let w = e.window
                    if !(w.from >= 0 && w.from < w.to && w.to <= durationMinutes) && !v.hasIssue(at: "\(path).announceMinute", "\(path).drawMinute") {
                        v.fail(path, "announceMinute \(fmt(w.from)), drawMinute \(fmt(w.to))",
                               "0 ≤ announceMinute < drawMinute ≤ \(fmt(durationMinutes)) (the announcement defaults to 10 minutes before the draw)")
                    }
                }
            }
        }
        if let q = streamQuality { v.fields(q, at: "streamQuality") }
        if let d = variation { v.fields(d, at: "variation") }
        if let r = roomWeight {
            v.fields(r, at: "roomWeight")
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
            v.fields(phase, at: path)
            v.window(path, phase.fromMinute, phase.toMinute)
            for (j, o) in phase.offers.enumerated() {
                let op = "\(path).offers[\(j)]"
                v.fields(o, at: op)
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
                if !(from >= phase.fromMinute && from < to && to <= phase.toMinute) && !v.hasIssue(at: "\(op).fromMinute", "\(op).toMinute") {
                    v.fail(op, "fromMinute \(fmt(from)), toMinute \(fmt(to))",
                           "a window inside its phase (\(fmt(phase.fromMinute))–\(fmt(phase.toMinute)))")
                }
                switch o.type {
                case .livePrice, .flashSale, .bundle:
                    if o.priceYuan == nil { v.fail("\(op).priceYuan", "missing", "the \(o.type.rawValue) price") }
                case .limitedTimeDiscount:
                    if o.discountRate == nil && o.priceYuan == nil {
                        v.fail(op, "neither priceYuan nor discountRate", "a discounted price or a discount rate")
                    }
                case .fullReduction:
                    if !(o.thresholdYuan > 0) && !v.hasIssue(at: "\(op).thresholdYuan") {
                        v.fail("\(op).thresholdYuan", fmt(o.thresholdYuan), "a threshold above 0")
                    }
                    if !(o.reductionYuan > 0 && o.reductionYuan < o.thresholdYuan) && !v.hasIssue(at: "\(op).reductionYuan") {
                        v.fail("\(op).reductionYuan", fmt(o.reductionYuan), "a reduction above 0 and below the threshold")
                    }
                case .gift:
                    break
                }
            }
        }
        let phases = promotions.enumerated().sorted { $0.element.fromMinute < $1.element.fromMinute }
        for (a, b) in zip(phases, phases.dropFirst()) where b.element.fromMinute < a.element.toMinute {
            v.fail("promotions[\(b.offset)]", "from minute \(fmt(b.element.fromMinute))",
                   "a phase that does not overlap promotions[\(a.offset)] (ends at minute \(fmt(a.element.toMinute)))")
        }
        if let t = trust { v.fields(t, at: "trust") }
        if let c = checkout { v.fields(c, at: "checkout") }
        if let r = returns { v.fields(r, at: "returns") }
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
        // Each grid time's profile segment, and (per trait sample) the expected
        // shares from each segment's start on, summed backwards once: a grid
        // time then costs one partial segment, not a walk to the stream's end.
        let firstSegment = grid.map { profile.segmentIndex(at: $0) }
        var fromStart = Array(repeating: 0.0, count: segments.count + 1)
        for (segment, weight) in mix.enumerated() where weight > 0 {
            for _ in 0..<samples {
                let traits = model.drawTraits(segment: segment, intentShift: 0, trustShift: 0, using: &stream)
                let f = model.factors(traits)
                func rates(_ seg: StreamProfile.Segment) -> (leave: Double, share: Double) {
                    (Double(f.leave) * seg.leaveMultiplier * model.streamLeaveFactor(traits, seg), Double(f.share) * seg.shareMultiplier)
                }
                // Shares before leaving over `length` of a segment entered alive, and the chance to outlast it.
                func piece(_ leave: Double, _ share: Double, _ length: Double) -> (shares: Double, survival: Double) {
                    (share * (leave > 0 ? -expm1(-leave * length) / leave : length), exp(-leave * length))
                }
                for index in segments.indices.reversed() {
                    let seg = segments[index], r = rates(seg)
                    let p = piece(r.leave, r.share, seg.end - seg.start)
                    fromStart[index] = p.shares + p.survival * fromStart[index + 1]
                }
                for (g, start) in grid.enumerated() {
                    let index = firstSegment[g]
                    guard index < segments.count else { continue }
                    let seg = segments[index], r = rates(seg)
                    let p = piece(r.leave, r.share, seg.end - start)
                    expected[g] += weight * (p.shares + p.survival * fromStart[index + 1]) / Double(samples)
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

    /// Whether a problem at one of `paths` is already reported.
    func hasIssue(at paths: String...) -> Bool { issues.contains { paths.contains($0.path) } }

    /// Checks `x` against `range`.
    mutating func check(_ path: String, _ x: Double, _ range: ValueRange, whole: Bool = false) {
        if !range.contains(x) { fail(path, fmt(x), range.expected(whole: whole)) }
    }

    /// Checks every field of `value` its type gives a range (``RangedFields``)
    /// at `path.field`; optional fields only when given.
    mutating func fields<T: RangedFields>(_ value: T, at path: String) {
        for child in Mirror(reflecting: value).children {
            guard let label = child.label, let range = T.fieldRanges[label] else { continue }
            let fieldPath = path.isEmpty ? label : "\(path).\(label)"
            if let i = child.value as? Int { check(fieldPath, Double(i), range, whole: true) }
            else if let x = child.value as? Double { check(fieldPath, x, range) }
        }
    }

    /// A window inside the stream (once its ends have passed their own checks).
    mutating func window(_ path: String, _ from: Double, _ to: Double) {
        if !(from >= 0 && from < to && to <= duration) && !hasIssue(at: "\(path).fromMinute", "\(path).toMinute") {
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
