import Foundation

/// The room weight (直播间权重) of one run and the feed multiplier it gives
/// (Docs/model.md, ``RoomWeightSettings``).
struct RoomWeight {
    let settings: RoomWeightSettings
    let tickSeconds: Double
    let elasticity: Double
    private(set) var weight = 1.0
    private var last = Engagement()

    /// Nil when the configuration has no `roomWeight` section.
    init?(configuration c: StreamConfiguration) {
        guard let settings = c.roomWeight else { return nil }
        self.settings = settings
        tickSeconds = c.tickSeconds
        elasticity = c.channels.feed?.roomWeightElasticity ?? 0
        applyWeight()
    }

    /// Whether feed arrivals are thinned (elasticity 0 leaves them untouched,
    /// bit for bit).
    var thinsFeed: Bool { elasticity != 0 }

    /// The clamp's upper end: feed candidates are generated at this multiple.
    var maximumMultiplier: Double { thinsFeed ? settings.maximumMultiplier : 1 }

    /// The multiplier the feed applies until the next tick:
    /// clamp(weight^elasticity), 1 when the feed is not thinned (set by
    /// ``update(_:)``, not recomputed per arrival).
    private(set) var multiplier = 1.0
    /// Whether ``multiplier`` sits at the clamp's upper (+1) or lower (−1)
    /// end, 0 inside it (a feed that is not thinned is never at a clamp).
    private(set) var clampSide = 0

    mutating func applyWeight() {
        guard thinsFeed else { return }
        let raw = pow(weight, elasticity)
        multiplier = min(settings.maximumMultiplier, max(settings.minimumMultiplier, raw))
        clampSide = raw >= settings.maximumMultiplier ? 1 : raw <= settings.minimumMultiplier ? -1 : 0
    }

    /// Folds the engagement since the last tick into the weight: the score is
    /// the weighted geometric mean of each signal relative to the reference
    /// room's (``RoomWeightSettings``), so a room at reference engagement
    /// scores 1 and its multiplier is 1.
    mutating func update(_ now: Engagement) {
        defer { last = now }
        let viewerMinutes = (now.viewerSeconds - last.viewerSeconds) / 60
        guard viewerMinutes > 0 else { return }
        let leaves = Double(now.leaves - last.leaves)
        var logScore = 0.0, total = 0.0
        func add(_ value: Double?, _ reference: Double, _ w: Double) {
            guard let value, reference > 0, w > 0 else { return }
            logScore += w * log(max(value, 0.05 * reference) / reference)
            total += w
        }
        let s = settings
        add(Double(now.interactions - last.interactions) / viewerMinutes, s.referenceInteractionsPerViewerMinute, s.interactionWeight)
        add(Double(now.orders - last.orders) / viewerMinutes, s.referenceOrdersPerViewerMinute, s.orderWeight)
        add(leaves > 0 ? (now.staySeconds - last.staySeconds) / leaves : nil, s.referenceStaySeconds, s.stayWeight)
        add(leaves > 0 ? Double(now.leavesAfter30Seconds - last.leavesAfter30Seconds) / leaves : nil, s.referenceEntryStayShare,
            s.entryStayWeight)
        guard total > 0 else { return }
        weight = (1 - s.smoothing) * weight + s.smoothing * exp(logScore / total)
        applyWeight()
    }
}

/// Cumulative engagement counters, read at each tick: the KPI recorder's
/// counts of the run's facts (viewer-seconds from arrivals and leaves,
/// interactions, orders, leaves and their stays), nothing else. A lost sale
/// is not an order.
struct Engagement {
    var viewerSeconds = 0.0
    var interactions = 0
    var orders = 0
    var leaves = 0
    var leavesAfter30Seconds = 0
    var staySeconds = 0.0
}
