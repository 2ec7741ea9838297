import Foundation

/// A promotion phase (Docs/model.md): a window of the stream with its offers.
/// The source article's schedule is three phases — an opening hot item at an
/// ultra-low price, a middle of bundles and limited gifts, a closing of
/// clearance and thank-you prices.
public struct PromotionPhase: Sendable, Equatable, Codable {
    public var name: String
    public var fromMinute = 0.0
    public var toMinute = 0.0
    public var offers: [Offer] = []
    public init(name: String) { self.name = name }

    /// The id of offer `index`: its own, or `<phase name>.<index>`.
    public func offerID(_ index: Int) -> String { offers[index].id ?? "\(name).\(index)" }
}

extension StreamConfiguration {
    /// Every offer's id, phase by phase in file order: what an offer index
    /// (``ViewerEvent/offer``) points into.
    public var offerIDs: [String] { promotions.flatMap { phase in phase.offers.indices.map(phase.offerID) } }
}

/// An offer in a phase. Price offers (live price, limited-time discount,
/// flash sale, bundle) set what a unit costs; a gift and a full-reduction
/// coupon come on top. Urgency (a time limit) and scarcity (limited units)
/// raise the purchase log-odds of urgency-driven viewers; a flash sale's or a
/// limited-time discount's countdown is a pending incentive for waiting viewers.
public struct Offer: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// 直播专享价: a live-only price (also the opening, on-the-hour and closing prices).
        case livePrice
        /// 限时折扣: a discount for a limited time.
        case limitedTimeDiscount
        /// 满减: spend `thresholdYuan`, get `reductionYuan` off; raises basket size at the threshold.
        case fullReduction
        /// 买赠: buy and get a gift while gifts last.
        case gift
        /// 秒杀: a flash sale of limited units at a time, announced with a countdown.
        case flashSale
        /// 组合套装: `bundleUnits` units for `priceYuan`.
        case bundle
    }

    /// Defaults to `<phase name>.<index>`.
    public var id: String?
    public var type: Kind
    /// The product; a full reduction without one applies to every product.
    public var product: String?
    /// Live price, flash-sale price, or the bundle's total price.
    public var priceYuan: Double?
    /// Limited-time discount: the share off the product's selling price (if no `priceYuan`).
    public var discountRate: Double?
    /// Units available at this offer (bundles count as one; gifts count gifts); nil: unlimited.
    public var units: Int?
    /// A sub-window of the phase (flash sales, limited-time discounts); nil: the phase's.
    public var fromMinute: Double?
    public var toMinute: Double?
    /// Flash sale, limited-time discount: the countdown before the start (a pending incentive).
    public var announceMinutes = 5.0
    /// Strength of the countdown incentive; nil: 0.8 for a flash sale, 0.4 for a limited-time discount.
    public var incentive: Double?
    /// Full reduction: 满 `thresholdYuan` 减 `reductionYuan`.
    public var thresholdYuan = 0.0
    public var reductionYuan = 0.0
    /// Gift: what the buyer feels it is worth, and what it costs the room.
    public var giftValueYuan = 0.0
    public var giftCostYuan = 0.0
    /// Bundle: units in one bundle.
    public var bundleUnits = 2

    public init(type: Kind) { self.type = type }

    /// Whether it sets the unit price (as opposed to coming on top).
    public var isPriceOffer: Bool { type != .gift && type != .fullReduction }
    /// Whether it is time-limited (urgency).
    public var isTimeLimited: Bool { type == .flashSale || type == .limitedTimeDiscount }
    /// What a unit costs under this offer, for a product whose selling price
    /// is `sellingPriceYuan` (a gift or a full reduction leaves it).
    public func unitPriceYuan(sellingPriceYuan selling: Double) -> Double {
        switch type {
        case .livePrice, .flashSale: priceYuan ?? selling
        case .limitedTimeDiscount: priceYuan ?? selling * (1 - (discountRate ?? 0))
        case .bundle: (priceYuan ?? selling * Double(bundleUnits)) / Double(max(1, bundleUnits))
        case .gift, .fullReduction: selling
        }
    }
    /// The countdown incentive's strength.
    public var countdownIncentive: Double {
        incentive ?? (type == .flashSale ? 0.8 : type == .limitedTimeDiscount ? 0.4 : 0)
    }
}

/// Trust endorsements (信任背书, Docs/model.md): each switch adds its effect to
/// the purchase log-odds, scaled by (1.5 − trust) so viewers who already
/// trust the room gain less (the reference viewer gains exactly the effect).
/// Seven-day no-reason returns also raise returns.
public struct TrustSettings: Sendable, Equatable, Codable {
    public var brandAuthorization = false
    public var authenticityGuarantee = false
    public var sevenDayReturns = false
    public var liveReviews = false
    public var brandAuthorizationEffect = 0.2
    public var authenticityGuaranteeEffect = 0.2
    public var sevenDayReturnsEffect = 0.3
    public var liveReviewsEffect = 0.15
    public init() {}
}

/// The checkout path: after a positive decision, each step loses
/// `dropOffPerStep` of buyers and payment succeeds with `paymentSuccess`.
/// It acts only in the funnel, never in the decision.
public struct CheckoutSettings: Sendable, Equatable, Codable {
    public var steps = 3
    public var dropOffPerStep = 0.06
    public var paymentSuccess = 0.97
    public init() {}

    /// Probability that a decided buyer completes payment.
    public var completion: Double { pow(1 - dropOffPerStep, Double(steps)) * paymentSuccess }
}

/// Returns after the stream (Docs/model.md): the probability that an order comes
/// back rises with discount depth and the buyer's impulsiveness, and with
/// seven-day no-reason returns. Live-commerce returns run 30–50% against
/// 10–15% for ordinary e-commerce (Docs/model.md); the default base is for a
/// reference order at list price.
public struct ReturnSettings: Sendable, Equatable, Codable {
    /// Return probability of a reference order (list price, reference buyer, no 7-day policy).
    public var baseRate = 0.2
    /// Log-odds per unit of discount depth (1 − paid / list value).
    public var discountDepthEffect = 1.5
    /// Log-odds per unit of (urgencyResponse − 0.5) × 2.
    public var impulseEffect = 0.6
    /// Log-odds added when seven-day no-reason returns are on.
    public var sevenDayReturnsEffect = 0.6
    /// Return log-odds per unit of the order's persuasion log-odds (urgency,
    /// scarcity, a pending draw, engagement): impulse buys that persuasion
    /// brought come back more often (Docs/model.md; 0: not at all).
    public var persuasionEffect = 1.0
    /// Mean days from the stream's end to a return.
    public var meanDelayDays = 3.0
    public init() {}
}

