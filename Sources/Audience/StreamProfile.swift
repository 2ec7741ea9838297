import Foundation

/// The stream-wide, piecewise-constant half of every hazard, known at the
/// stream's start: the featured product, the host on air and their effects,
/// guests, pending draws, demonstrations and stall incidents. Changes here
/// cost O(1) per viewer event, never a pass over viewers: each viewer's next
/// event is drawn against this timeline (Docs/engine.md).
struct StreamProfile: Sendable {
    /// One stretch of constant stream state, `[start, end)`.
    struct Segment: Sendable {
        var start: Double
        var end: Double
        /// Multiplies every viewer's leave hazard (host quality, stalls).
        var leaveMultiplier: Double
        /// Content value: interest × content value keeps viewers (1 = plain).
        var contentValue: Double
        /// Announced rewards still to be drawn (pendingIncentive).
        var incentive: Double
        var interactMultiplier: Double
        /// 0 when no product is featured.
        var clickMultiplier: Double
        var shareMultiplier: Double
        var followLogitShift: Double
        var purchaseLogitShift: Double
        /// The persuasion part of `purchaseLogitShift`: the host's charisma
        /// and a pending draw's `drawOnPurchase` (returned more often, Docs/model.md).
        var persuasionLogitShift: Double
        /// Index into the configuration's products, or −1.
        var featuredProduct: Int
        /// Index into the run of show, or −1.
        var featuredWindow: Int
        var stalled: Bool
        /// An offer runs on the featured product (its salience is in `clickMultiplier`
        /// and is thinned away at run time once the offer has no units left).
        var promoted: Bool
    }

    let segments: [Segment]
    /// Merged stall incidents, in seconds.
    let stalls: [(start: Double, end: Double)]

    /// - Parameter stalls: stall incidents `[start, end)` in seconds (merged here).
    /// - Parameter day: the stream's day draws: its stay multiplier scales
    ///   every segment's leave multiplier, its conversion shift is added to
    ///   every segment's purchase shift (×1 and +0 without variation: exact).
    init(configuration c: StreamConfiguration, model: BehaviourModel, stalls rawStalls: [(start: Double, end: Double)] = [],
         day: DayDraws = .none) {
        let end = c.durationSeconds
        var merged: [(start: Double, end: Double)] = []
        for s in rawStalls.sorted(by: { $0.start < $1.start }) where s.end > s.start {
            let clipped = (start: max(0, s.start), end: min(end, s.end))
            guard clipped.end > clipped.start else { continue }
            if let last = merged.last, clipped.start <= last.end {
                merged[merged.count - 1].end = max(last.end, clipped.end)
            } else {
                merged.append(clipped)
            }
        }
        stalls = merged
        var cuts: Set<Double> = [0, end]
        func cut(_ minutes: Double) { cuts.insert(min(max(minutes * 60, 0), end)) }
        for w in c.runOfShow { cut(w.fromMinute); cut(w.toMinute) }
        for h in c.hostSchedule { cut(h.fromMinute); cut(h.toMinute) }
        for g in c.guests { cut(g.fromMinute); cut(g.toMinute) }
        for e in c.events { cut(e.window.from); cut(e.window.to) }
        for s in merged { cuts.insert(s.start); cuts.insert(s.end) }
        for phase in c.promotions {
            cut(phase.fromMinute); cut(phase.toMinute)
            for o in phase.offers {
                let from = o.fromMinute ?? phase.fromMinute
                cut(from); cut(o.toMinute ?? phase.toMinute)
                if o.isTimeLimited { cut(from - o.announceMinutes) }
            }
        }
        let times = cuts.sorted()

        let e = model.effects
        let weights = c.viewers.hostQualityWeights
        let quality = c.streamQuality
        let latencyFactor = quality.map { exp(-$0.latencySeconds / $0.latencyScaleSeconds) } ?? 1
        let productIndex = Dictionary(c.products.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        func inside(_ t: Double, _ from: Double, _ to: Double) -> Bool { t >= from * 60 && t < to * 60 }

        var segments: [Segment] = []
        var stallCursor = 0
        for (start, stop) in zip(times, times.dropFirst()) where stop > start {
            let mid = (start + stop) / 2
            let host = c.hostSchedule.first { inside(mid, $0.fromMinute, $0.toMinute) }?.host ?? c.host
            let hostQuality = host.quality(weights: weights)
            let window = c.runOfShow.firstIndex { inside(mid, $0.fromMinute, $0.toMinute) }
            let product = window.flatMap { productIndex[c.runOfShow[$0].product] } ?? -1
            while stallCursor < merged.count && merged[stallCursor].end <= mid { stallCursor += 1 }
            let stalled = stallCursor < merged.count && merged[stallCursor].start <= mid
            let guests = c.guests.filter { inside(mid, $0.fromMinute, $0.toMinute) }
            let running = c.events.filter { inside(mid, $0.window.from, $0.window.to) }
            let draws = running.filter { $0.type != .demonstration }
            let demonstrationBoost = running.filter {
                $0.type == .demonstration && product >= 0 && ($0.category == nil || $0.category == c.products[product].category)
            }.reduce(0) { $0 + $1.interestBoost }

            var leave = exp(-e.hostQualityOnStay * (hostQuality - 0.5))
            if stalled { leave *= exp(quality?.stallLeaveEffect ?? 0) }
            var interact = e.charismaOnInteraction * (host.charisma - 0.5) + e.responsivenessOnInteraction * (host.responsiveness - 0.5)
            if !draws.isEmpty { interact += e.drawOnInteraction }
            if draws.contains(where: { $0.requiresComment || $0.type == .quiz }) { interact += e.commentRequirementOnInteraction }
            var follow = e.hostQualityOnFollow * (hostQuality - 0.5)
            if draws.contains(where: \.requiresFollow) { follow += e.followRequirementOnFollow }
            // The host's pitch persuades (charisma); sincerity, guests and a
            // demonstration inform. Only persuasion is returned more often.
            var persuasion = e.charismaOnPurchase * (host.charisma - 0.5)
            if !draws.isEmpty { persuasion += e.drawOnPurchase }
            let purchase = e.sincerityOnPurchase * (host.sincerity - 0.5) + guests.reduce(0) { $0 + $1.trustBoost }
                + e.interestOnPurchase * demonstrationBoost + persuasion
            var incentive = draws.reduce(0) { $0 + $1.effectiveIncentive * ($1.type == .quiz ? latencyFactor : 1) }
            var promoted = false
            for phase in c.promotions {
                for o in phase.offers {
                    let from = (o.fromMinute ?? phase.fromMinute) * 60, to = (o.toMinute ?? phase.toMinute) * 60
                    if o.isTimeLimited && mid >= from - o.announceMinutes * 60 && mid < from {
                        incentive += o.countdownIncentive * (o.type == .flashSale ? latencyFactor : 1)
                    }
                    if product >= 0 && mid >= from && mid < to && (o.product == nil || o.product == c.products[product].id) {
                        promoted = true
                    }
                }
            }

            segments.append(Segment(
                start: start, end: stop,
                leaveMultiplier: leave * day.stayMultiplier,
                contentValue: 1 + guests.reduce(0) { $0 + $1.contentBoost } + demonstrationBoost,
                incentive: incentive,
                interactMultiplier: exp(interact),
                clickMultiplier: product >= 0
                    ? exp(e.professionalismOnClick * (host.professionalism - 0.5) + e.interestOnClick * demonstrationBoost
                          + (promoted ? e.promotionOnClick : 0)) : 0,
                shareMultiplier: exp(e.hostQualityOnShare * (hostQuality - 0.5)),
                followLogitShift: follow,
                purchaseLogitShift: purchase + day.conversionShift,
                persuasionLogitShift: persuasion,
                featuredProduct: product,
                featuredWindow: product >= 0 ? window! : -1,
                stalled: stalled,
                promoted: promoted))
        }
        self.segments = segments
    }

    /// The segment holding `time`, searching forward from `hint` (a segment
    /// at or before it): one or two steps for a viewer's next candidate.
    @inline(__always)
    func segmentIndex(at time: Double, from hint: Int) -> Int {
        if segments[hint].end > time { return hint }
        if hint + 1 < segments.count && segments[hint + 1].end > time { return hint + 1 }
        return segmentIndex(at: time)
    }

    /// The index of the segment holding `time` (the last one for time ≥ end).
    @inline(__always)
    func segmentIndex(at time: Double) -> Int {
        var low = 0, high = segments.count - 1
        while low < high {
            let mid = (low + high + 1) >> 1
            if segments[mid].start <= time { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// Stalled seconds in `[from, to)`.
    func stalledSeconds(from: Double, to: Double) -> Double {
        stalls.reduce(0) { $0 + max(0, min(to, $1.end) - max(from, $1.start)) }
    }
}
