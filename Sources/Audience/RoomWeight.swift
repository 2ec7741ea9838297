import Foundation

/// The room weight (直播间权重) of one run and the feed multiplier it gives
/// (Docs/model.md, ``RoomWeightSettings``).
struct RoomWeight {
    let settings: RoomWeightSettings
    let tickSeconds: Double
    let elasticity: Double
    /// What the reference viewer gives: the neutral room scores 1.
    let referenceInteractionsPerViewerMinute: Double
    let referenceOrdersPerViewerMinute: Double
    let referenceStaySeconds: Double
    let referenceEntryStayRatio: Double
    private(set) var weight = 1.0
    private var last = Engagement()

    /// Nil when the configuration has no `roomWeight` section.
    init?(configuration c: StreamConfiguration) {
        guard let settings = c.roomWeight else { return nil }
        self.settings = settings
        tickSeconds = c.tickSeconds
        elasticity = c.channels.feed?.roomWeightElasticity ?? 0
        let v = c.viewers
        referenceInteractionsPerViewerMinute = v.interactionsPerMinuteAtReference
        referenceOrdersPerViewerMinute = v.clicksPerMinuteAtReference * v.clickToOrderAtReference
        referenceStaySeconds = v.meanStaySecondsAtReference
        referenceEntryStayRatio = exp(-30 / v.meanStaySecondsAtReference)
    }

    /// Whether feed arrivals are thinned (elasticity 0 leaves them untouched,
    /// bit for bit).
    var thinsFeed: Bool { elasticity != 0 }

    /// The clamp's upper end: feed candidates are generated at this multiple.
    var maximumMultiplier: Double { thinsFeed ? settings.maximumMultiplier : 1 }

    /// clamp(weight^elasticity).
    var multiplier: Double {
        min(settings.maximumMultiplier, max(settings.minimumMultiplier, pow(weight, elasticity)))
    }

    /// Folds the engagement since the last tick into the weight: the score is
    /// the weighted geometric mean of each signal relative to its reference.
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
        add(Double(now.interactions - last.interactions) / viewerMinutes, referenceInteractionsPerViewerMinute, s.interactionWeight)
        add(Double(now.orders - last.orders) / viewerMinutes, referenceOrdersPerViewerMinute, s.orderWeight)
        add(leaves > 0 ? (now.staySeconds - last.staySeconds) / leaves : nil, referenceStaySeconds, s.stayWeight)
        add(leaves > 0 ? Double(now.leavesAfter30Seconds - last.leavesAfter30Seconds) / leaves : nil, referenceEntryStayRatio, s.entryStayWeight)
        guard total > 0 else { return }
        weight = (1 - s.smoothing) * weight + s.smoothing * exp(logScore / total)
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
