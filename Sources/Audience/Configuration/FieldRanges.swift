/// The values a number field accepts. Each field's range is stated once, in
/// its type's ``RangedFields/fieldRanges``: the validation checks it and the
/// JSON Schema (`livesim schema`) publishes it.
public struct ValueRange: Sendable, Equatable {
    public var minimum: Double?
    public var maximum: Double?
    public var exclusiveMinimum = false
    public var exclusiveMaximum = false

    public init(minimum: Double? = nil, maximum: Double? = nil, exclusiveMinimum: Bool = false, exclusiveMaximum: Bool = false) {
        self.minimum = minimum; self.maximum = maximum
        self.exclusiveMinimum = exclusiveMinimum; self.exclusiveMaximum = exclusiveMaximum
    }

    /// `low ≤ x ≤ high`.
    public static func from(_ low: Double, upTo high: Double) -> ValueRange { .init(minimum: low, maximum: high) }
    /// `low < x ≤ high`.
    public static func above(_ low: Double, upTo high: Double) -> ValueRange { .init(minimum: low, maximum: high, exclusiveMinimum: true) }
    /// `x ≥ low`.
    public static func atLeast(_ low: Double) -> ValueRange { .init(minimum: low) }
    /// A probability or share, 0 to 1.
    public static let share = from(0, upTo: 1)
    /// Strictly between 0 and 1 (a median on the logit scale, a conversion probability).
    public static let openShare = ValueRange(minimum: 0, maximum: 1, exclusiveMinimum: true, exclusiveMaximum: true)
    /// A shift on the logit or log scale.
    public static let shift = from(-10, upTo: 10)
    /// An effect size (log-rate or log-odds per unit).
    public static let effect = from(-20, upTo: 20)
    /// A minute of a stream (windows are further checked against its length).
    public static let minute = from(0, upTo: StreamConfiguration.maximumDurationMinutes)
    /// Yuan of a fee or cost.
    public static let costYuan = from(0, upTo: 1e12)
    /// Yuan of a price or an amount per unit.
    public static let priceYuan = from(0, upTo: 1e9)

    public func contains(_ x: Double) -> Bool {
        if let low = minimum, !(exclusiveMinimum ? x > low : x >= low) { return false }
        if let high = maximum, !(exclusiveMaximum ? x < high : x <= high) { return false }
        return !x.isNaN
    }

    /// What a value must be, for messages ("a number from 0 to 600").
    public func expected(whole: Bool = false) -> String {
        let kind = whole ? "a whole number" : "a number"
        if self == .share && !whole { return "a probability or share from 0 to 1" }
        switch (minimum, maximum) {
        case let (low?, high?) where exclusiveMinimum && exclusiveMaximum: return "\(kind) strictly between \(fmt(low)) and \(fmt(high))"
        case let (low?, high?) where exclusiveMinimum: return "\(kind) above \(fmt(low)), at most \(fmt(high))"
        case let (low?, high?) where exclusiveMaximum: return "\(kind) from \(fmt(low)), below \(fmt(high))"
        case let (low?, high?): return "\(kind) from \(fmt(low)) to \(fmt(high))"
        case let (low?, nil): return exclusiveMinimum ? "\(kind) above \(fmt(low))" : "\(kind) ≥ \(fmt(low))"
        case let (nil, high?): return exclusiveMaximum ? "\(kind) below \(fmt(high))" : "\(kind) ≤ \(fmt(high))"
        case (nil, nil): return kind
        }
    }
}

/// A configuration type whose number fields have declared ranges.
public protocol RangedFields {
    /// Ranges by field name (the scenario key). Whole-number fields are
    /// checked as numbers; optional fields only when given.
    static var fieldRanges: [String: ValueRange] { get }
}

extension StreamConfiguration: RangedFields {
    public static let fieldRanges: [String: ValueRange] = [
        "durationMinutes": .above(0, upTo: maximumDurationMinutes), "tickSeconds": .above(0, upTo: 3600),
    ]
}

extension Host: RangedFields {
    public static let fieldRanges: [String: ValueRange] = [
        "professionalism": .share, "charisma": .share, "responsiveness": .share, "sincerity": .share,
    ]
}

extension ViewerBehaviour: RangedFields {
    public static let fieldRanges: [String: ValueRange] = [
        "meanStaySecondsAtReference": .above(0, upTo: 86_400),
        "interactionsPerMinuteAtReference": .from(0, upTo: 600),
        "clicksPerMinuteAtReference": .from(0, upTo: 600),
        "sharesPerMinuteAtReference": .from(0, upTo: 600),
        "clickToOrderAtReference": .openShare,
        "followPerInteractionAtReference": .share,
        "reentryProbability": .share,
        "reentryDelayMinutes": .above(0, upTo: StreamConfiguration.maximumDurationMinutes),
        "boredomMaxMultiplier": .from(1, upTo: 100),
        "boredomTimeConstantSeconds": .above(0, upTo: 86_400),
        "traitSpread": .from(0, upTo: 10),
        "willingnessToPayVariation": .from(0, upTo: 10),
    ]
}

extension HostQualityWeights: RangedFields {
    public static let fieldRanges: [String: ValueRange] = [
        "professionalism": .from(0, upTo: 1_000), "charisma": .from(0, upTo: 1_000),
        "responsiveness": .from(0, upTo: 1_000), "sincerity": .from(0, upTo: 1_000),
    ]
}

extension Segment: RangedFields {
    public static let fieldRanges: [String: ValueRange] = [
        "priceSensitivity": .openShare, "interest": .openShare, "trust": .openShare, "patience": .openShare,
        "sociability": .openShare, "urgencyResponse": .openShare, "willingnessToPay": .above(0, upTo: 100),
    ]
}

extension BehaviourEffects: RangedFields {
    /// Every effect ±20, except the take-up probability.
    public static let fieldRanges: [String: ValueRange] = Dictionary(
        uniqueKeysWithValues: Mirror(reflecting: BehaviourEffects()).children.compactMap { child in
            child.label.map { ($0, $0 == "fullReductionTakeUp" ? ValueRange.share : .effect) }
        })
}

extension FeedChannel: RangedFields {
    public static let fieldRanges: [String: ValueRange] = [
        "impressionsPerMinute": .from(0, upTo: 1e9), "coverClickThrough": .share, "targetingPrecision": .share,
        "roomWeightElasticity": .from(0, upTo: 10),
    ]
}

extension FeedBoost: RangedFields {
    public static let fieldRanges: [String: ValueRange] = [
        "fromMinute": .minute, "toMinute": .minute, "budgetYuan": .costYuan, "cpmYuan": .above(0, upTo: 1e6),
    ]
}

extension FollowersChannel: RangedFields {
    public static let fieldRanges: [String: ValueRange] = [
        "pool": .from(0, upTo: 1e10), "openRate": .share, "fanGroupMembers": .from(0, upTo: 1e10), "fanGroupOpenRate": .share,
        "meanDelayMinutes": .above(0, upTo: StreamConfiguration.maximumDurationMinutes), "intentShift": .shift, "trustShift": .shift,
    ]
}

extension PartnerChannel: RangedFields {
    public static let fieldRanges: [String: ValueRange] = [
        "postMinute": .minute, "audience": .from(0, upTo: 1e10), "engagement": .share, "clickThrough": .share,
        "decayMinutes": .above(0, upTo: StreamConfiguration.maximumDurationMinutes), "feeYuan": .costYuan,
        "commissionRate": .share, "trustBoost": .shift,
    ]
}

extension ShortVideoChannel: RangedFields {
    public static let fieldRanges: [String: ValueRange] = [
        "reservations": .from(0, upTo: 1e10), "showRate": .share,
        "decayMinutes": .above(0, upTo: StreamConfiguration.maximumDurationMinutes), "costYuan": .costYuan,
    ]
}

extension SearchChannel: RangedFields {
    public static let fieldRanges: [String: ValueRange] = [
        "perMinute": .from(0, upTo: StreamConfiguration.maximumArrivalsPerMinute), "intentShift": .shift,
    ]
}

extension OfflineAdsChannel: RangedFields {
    public static let fieldRanges: [String: ValueRange] = [
        "perMinute": .from(0, upTo: StreamConfiguration.maximumArrivalsPerMinute), "fromMinute": .minute, "toMinute": .minute,
        "costYuan": .costYuan, "intentShift": .shift,
    ]
}

extension ShareChannel: RangedFields {
    public static let fieldRanges: [String: ValueRange] = [
        "inviteesPerShare": .from(0, upTo: 100), "meanDelayMinutes": .above(0, upTo: StreamConfiguration.maximumDurationMinutes),
    ]
}

extension Product: RangedFields {
    public static let fieldRanges: [String: ValueRange] = [
        "referencePriceYuan": .above(0, upTo: 1e9), "priceYuan": .above(0, upTo: 1e9), "unitCostYuan": .priceYuan,
        "inventory": .atLeast(0), "consumptionCycleDays": .above(0, upTo: 3_650),
    ]
}

extension FeaturedWindow: RangedFields {
    public static let fieldRanges: [String: ValueRange] = ["fromMinute": .minute, "toMinute": .minute]
}

extension HostShift: RangedFields {
    public static let fieldRanges: [String: ValueRange] = [
        "fromMinute": .minute, "toMinute": .minute,
        "professionalism": .share, "charisma": .share, "responsiveness": .share, "sincerity": .share,
    ]
}

extension Guest: RangedFields {
    public static let fieldRanges: [String: ValueRange] = [
        "fromMinute": .minute, "toMinute": .minute, "contentBoost": .from(0, upTo: 5), "trustBoost": .shift, "feeYuan": .costYuan,
    ]
}

extension InteractiveEvent: RangedFields {
    public static let fieldRanges: [String: ValueRange] = [
        "announceMinute": .minute, "drawMinute": .minute, "fromMinute": .minute, "toMinute": .minute,
        "winners": .from(0, upTo: 10_000_000), "prizeValueYuan": .priceYuan, "incentive": .from(0, upTo: 10),
        "interestBoost": .share, "costYuan": .costYuan,
    ]
}

extension StreamQuality: RangedFields {
    public static let fieldRanges: [String: ValueRange] = [
        "stallsPerHour": .from(0, upTo: 3600), "stallSeconds": .above(0, upTo: 3600), "rebufferRatio": .share,
        "startupDelaySeconds": .from(0, upTo: 600), "latencySeconds": .from(0, upTo: 600), "rebufferLeaveSlope": .from(0, upTo: 1000),
        "abandonmentPerSecond": .share, "startupGraceSeconds": .from(0, upTo: 600), "stallLeaveEffect": .shift,
        "latencyScaleSeconds": .above(0, upTo: 3600),
    ]
}

extension StreamVariation: RangedFields {
    /// Each sd, on the log (or log-odds) scale: at 1 one stream in twenty is
    /// already ×5 busier or quieter than the typical day (e^1.645); beyond,
    /// a scenario describes different rooms, not days of one.
    public static let fieldRanges: [String: ValueRange] = [
        "trafficSd": .from(0, upTo: 1), "conversionSd": .from(0, upTo: 1), "staySd": .from(0, upTo: 1),
    ]
}

extension RoomWeightSettings: RangedFields {
    public static let fieldRanges: [String: ValueRange] = [
        "smoothing": .above(0, upTo: 1), "minimumMultiplier": .above(0, upTo: 1), "maximumMultiplier": .from(1, upTo: 100),
        "interactionWeight": .from(0, upTo: 100), "orderWeight": .from(0, upTo: 100), "stayWeight": .from(0, upTo: 100),
        "entryStayWeight": .from(0, upTo: 100),
        "referenceInteractionsPerViewerMinute": .above(0, upTo: 600), "referenceOrdersPerViewerMinute": .above(0, upTo: 60),
        "referenceStaySeconds": .above(0, upTo: 86_400), "referenceEntryStayShare": .openShare,
    ]
}

extension PromotionPhase: RangedFields {
    public static let fieldRanges: [String: ValueRange] = ["fromMinute": .minute, "toMinute": .minute]
}

extension Offer: RangedFields {
    public static let fieldRanges: [String: ValueRange] = [
        "priceYuan": .above(0, upTo: 1e9), "discountRate": .openShare, "units": .from(0, upTo: 1e9),
        "fromMinute": .minute, "toMinute": .minute, "announceMinutes": .from(0, upTo: 120), "incentive": .from(0, upTo: 10),
        "thresholdYuan": .priceYuan, "reductionYuan": .priceYuan, "giftValueYuan": .priceYuan, "giftCostYuan": .priceYuan,
        "bundleUnits": .from(1, upTo: 100),
    ]
}

extension TrustSettings: RangedFields {
    public static let fieldRanges: [String: ValueRange] = [
        "brandAuthorizationEffect": .shift, "authenticityGuaranteeEffect": .shift, "sevenDayReturnsEffect": .shift, "liveReviewsEffect": .shift,
    ]
}

extension CheckoutSettings: RangedFields {
    public static let fieldRanges: [String: ValueRange] = ["steps": .from(0, upTo: 20), "dropOffPerStep": .share, "paymentSuccess": .share]
}

extension ReturnSettings: RangedFields {
    public static let fieldRanges: [String: ValueRange] = [
        "baseRate": .share, "discountDepthEffect": .effect, "impulseEffect": .effect, "sevenDayReturnsEffect": .effect,
        "persuasionEffect": .effect,
        "meanDelayDays": .above(0, upTo: 365),
    ]
}

extension SeasonSettings: RangedFields {
    public static let fieldRanges: [String: ValueRange] = ["streams": .from(1, upTo: Double(maximumStreams)), "everyDays": .above(0, upTo: 365)]
}

extension PopulationSettings: RangedFields {
    public static let fieldRanges: [String: ValueRange] = [
        "organicReturnProbability": .share, "churnPerStream": .share,
        "meanReturnDelayMinutes": .above(0, upTo: StreamConfiguration.maximumDurationMinutes),
    ]
    /// Each value of `churnBySegment`.
    public static let segmentChurnRange = ValueRange.share
}

extension FanGroupSettings: RangedFields {
    public static let fieldRanges: [String: ValueRange] = ["joinProbabilityOnFollow": .share, "joinProbabilityOnOrder": .share]
}

extension MembershipSettings: RangedFields {
    public static let fieldRanges: [String: ValueRange] = [
        "pointsPerYuan": .from(0, upTo: 1_000), "churnMultiplier": .from(0, upTo: 10), "paidJoinProbability": .share,
        "paidFeeYuan": .from(0, upTo: 1e6), "paidDiscountRate": .from(0, upTo: 0.9), "paidPurchaseLogitBoost": .shift,
        "paidReturnMultiplier": .from(0, upTo: 100),
    ]
}

extension MemberLevel: RangedFields {
    public static let fieldRanges: [String: ValueRange] = [
        "minimumPoints": .from(0, upTo: 1e12), "discountRate": .from(0, upTo: 0.9), "purchaseLogitBoost": .shift,
        "returnMultiplier": .from(0, upTo: 100),
    ]
}

extension CouponSettings: RangedFields {
    public static let fieldRanges: [String: ValueRange] = [
        "valueYuan": .above(0, upTo: 1e6), "thresholdYuan": .from(0, upTo: 1e7), "validDays": .above(0, upTo: 3_650),
        "openProbability": .share, "messageCostYuan": .from(0, upTo: 1e4),
    ]
}

extension ReminderSettings: RangedFields {
    public static let fieldRanges: [String: ValueRange] = [
        "openProbability": .share, "purchaseLogitBoost": .shift, "messageCostYuan": .from(0, upTo: 1e4),
    ]
}

extension BirthdayGiftSettings: RangedFields {
    public static let fieldRanges: [String: ValueRange] = [
        "giftCostYuan": .from(0, upTo: 1e6), "openProbability": .share, "purchaseLogitBoost": .shift,
    ]
}
