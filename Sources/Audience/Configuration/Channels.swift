/// The acquisition channels of Docs/model.md. An absent (nil or empty) channel
/// brings nobody and costs nothing.
public struct Channels: Sendable, Equatable, Codable {
    public var feed: FeedChannel?
    public var followers: FollowersChannel?
    public var kol: [PartnerChannel] = []
    public var koc: [PartnerChannel] = []
    public var shortVideo: ShortVideoChannel?
    public var search: SearchChannel?
    public var offlineAds: OfflineAdsChannel?
    public var crossBrand: [PartnerChannel] = []
    public var share: ShareChannel?

    public init() {}
}

/// Segment shares of a channel's arrivals, by segment name (normalised).
public typealias SegmentMix = [String: Double]

/// 站内推荐: impressions × cover click-through × room-weight multiplier; paid
/// boosts (投流) buy extra impressions at a CPM in their windows.
public struct FeedChannel: Sendable, Equatable, Codable {
    public var impressionsPerMinute = 30_000.0
    /// Share of impressions that click the cover into the room.
    public var coverClickThrough = 0.02
    /// 0–1; 0.5 is neutral. Shifts the interest of feed viewers by
    /// 2 · (precision − 0.5) on the logit scale.
    public var targetingPrecision = 0.5
    /// Exponent of the room-weight multiplier (used once room weight exists).
    public var roomWeightElasticity = 0.8
    public var segmentMix: SegmentMix = ["bargainHunter": 0.3, "loyalFan": 0.1, "impulseBuyer": 0.3, "browser": 0.3]
    public var boosts: [FeedBoost] = []
    public init() {}
}

/// A paid boost: `budgetYuan / cpmYuan × 1000` extra impressions, spread evenly
/// over its window. Its cost is its budget.
public struct FeedBoost: Sendable, Equatable, Codable {
    public var fromMinute: Double
    public var toMinute: Double
    public var budgetYuan: Double
    public var cpmYuan: Double
    public init(fromMinute: Double, toMinute: Double, budgetYuan: Double, cpmYuan: Double) {
        self.fromMinute = fromMinute; self.toMinute = toMinute; self.budgetYuan = budgetYuan; self.cpmYuan = cpmYuan
    }
    /// Impressions the budget buys.
    public var impressions: Double { cpmYuan > 0 ? budgetYuan / cpmYuan * 1000 : 0 }
}

/// 粉丝/私域: a push at the stream's start to the follower pool; openers
/// arrive after an exponential delay. Fan-group members open more often.
public struct FollowersChannel: Sendable, Equatable, Codable {
    /// Followers, fan-group members included.
    public var pool = 80_000.0
    public var openRate = 0.06
    public var fanGroupMembers = 5_000.0
    public var fanGroupOpenRate = 0.3
    /// Mean delay between the push and an opener's arrival.
    public var meanDelayMinutes = 6.0
    /// Followers come with high intent and trust (logit shifts).
    public var intentShift = 0.5
    public var trustShift = 0.8
    public var segmentMix: SegmentMix = ["loyalFan": 0.6, "bargainHunter": 0.15, "impulseBuyer": 0.15, "browser": 0.1]
    public init() {}
}

/// A KOL, KOC or cross-brand partner: a post at `postMinute` brings
/// `audience × engagement × clickThrough` arrivals in a burst decaying with
/// time constant `decayMinutes`. Costs a fee plus commission on the GMV of the
/// viewers it brought.
public struct PartnerChannel: Sendable, Equatable, Codable {
    public var name: String
    public var postMinute = 0.0
    public var audience = 0.0
    public var engagement = 0.04
    public var clickThrough = 0.08
    public var decayMinutes = 12.0
    public var feeYuan = 0.0
    public var commissionRate = 0.0
    /// Log-odds added to the purchase decision of the viewers it brings
    /// (a recommendation from a trusted source converts better).
    public var trustBoost = 0.3
    public var segmentMix: SegmentMix = ["impulseBuyer": 0.35, "loyalFan": 0.25, "bargainHunter": 0.2, "browser": 0.2]

    public init(name: String) { self.name = name }

    /// Expected arrivals from the post.
    public var expectedArrivals: Double { audience * engagement * clickThrough }
}

/// 短视频预热: reservations made before the stream; those who show up arrive
/// from the start, decaying exponentially.
public struct ShortVideoChannel: Sendable, Equatable, Codable {
    public var reservations = 6_000.0
    public var showRate = 0.45
    public var decayMinutes = 10.0
    /// Production cost of the warm-up videos.
    public var costYuan = 0.0
    public var segmentMix: SegmentMix = ["impulseBuyer": 0.3, "loyalFan": 0.2, "bargainHunter": 0.25, "browser": 0.25]
    public init() {}
}

/// Search: a steady, low rate of high-intent arrivals.
public struct SearchChannel: Sendable, Equatable, Codable {
    public var perMinute = 4.0
    public var intentShift = 0.8
    public var segmentMix: SegmentMix = ["loyalFan": 0.3, "bargainHunter": 0.4, "impulseBuyer": 0.2, "browser": 0.1]
    public init() {}
}

/// 线下广告: QR codes and billboards bring a steady low rate of low-intent
/// viewers over a campaign window, for a fixed cost.
public struct OfflineAdsChannel: Sendable, Equatable, Codable {
    public var perMinute = 1.5
    public var fromMinute = 0.0
    /// Nil: until the stream's end.
    public var toMinute: Double?
    public var costYuan = 0.0
    public var intentShift = -0.5
    public var segmentMix: SegmentMix = ["browser": 0.5, "bargainHunter": 0.2, "impulseBuyer": 0.2, "loyalFan": 0.1]
    public init() {}
}

/// 裂变: each share brings Poisson(`inviteesPerShare`) invitees, each after an
/// exponential delay.
public struct ShareChannel: Sendable, Equatable, Codable {
    public var inviteesPerShare = 0.6
    public var meanDelayMinutes = 4.0
    public var segmentMix: SegmentMix = ["bargainHunter": 0.35, "impulseBuyer": 0.25, "browser": 0.3, "loyalFan": 0.1]
    public init() {}
}
