/// How viewers behave, parametrised around the reference viewer (Docs/model.md):
/// every trait 0.5, host attributes 0.5, list price, nothing running. Each
/// reference level below is what that viewer does; each effect in
/// ``BehaviourEffects`` is a log-multiplier on a rate or a log-odds shift,
/// equal to zero for the reference viewer. So the defaults calibrate directly
/// and no two parameters say the same thing.
public struct ViewerBehaviour: Sendable, Equatable, Codable {
    /// Mean time in room of the reference viewer, without boredom. About two
    /// minutes is typical of a room (Douyin industry figures, Docs/model.md).
    public var meanStaySecondsAtReference = 120.0
    /// Comments and likes per minute of the reference viewer.
    public var interactionsPerMinuteAtReference = 1.0
    /// Product clicks per minute while a product is featured: about one
    /// viewer in five clicks during a two-minute stay.
    public var clicksPerMinuteAtReference = 0.1
    /// Probability that a click becomes an order at list price. 0.1 puts the
    /// default room inside the 2–12% viewer conversion of Docs/model.md.
    public var clickToOrderAtReference = 0.1
    /// Shares per minute of the reference viewer.
    public var sharesPerMinuteAtReference = 0.01
    /// Probability that an interaction by a non-follower comes with a follow:
    /// 0.003 puts the shipped baseline's follow rate 转粉率 at about 1.7% of
    /// viewers, inside the 1–2% assumed for a single room (Docs/model.md).
    public var followPerInteractionAtReference = 0.003
    /// Probability that a leaver comes back later in the stream.
    public var reentryProbability = 0.1
    /// Mean delay before a re-entry (exponential).
    public var reentryDelayMinutes = 5.0
    /// Whether the leave hazard grows with time in room (saturating).
    public var boredom = true
    /// The leave hazard's limit multiplier as time in room grows: B(τ) =
    /// 1 + (max − 1)(1 − e^(−τ/τ_b)), bounded so thinning has a majorant.
    public var boredomMaxMultiplier = 1.5
    /// Boredom's time constant τ_b.
    public var boredomTimeConstantSeconds = 600.0
    /// Spread of traits around their segment means: each trait is
    /// logistic(logit(mean) + shift + spread · z), z standard normal (a
    /// logit-normal, whose median is the segment's value). 0 makes every
    /// viewer of a segment alike.
    public var traitSpread = 0.8
    /// Coefficient of variation of the willingness-to-pay multiplier
    /// (lognormal around the segment's mean; 0: exactly the mean).
    public var willingnessToPayVariation = 0.3
    public var hostQualityWeights = HostQualityWeights()
    /// Segments by name; channels mix them by `segmentMix`. Segment indices
    /// (in events and results) follow the names in sorted order.
    public var segments: [String: Segment] = Segment.defaults

    /// Segment names in index order (sorted).
    public var segmentNames: [String] { segments.keys.sorted() }
    public var effects = BehaviourEffects()

    public init() {}
}

/// A viewer segment: the medians of its traits (each in 0–1; 0.5 is the reference).
public struct Segment: Sendable, Equatable, Codable {
    /// Weight of price in the purchase decision.
    public var priceSensitivity: Double
    /// Interest match with the room's products.
    public var interest: Double
    public var trust: Double
    /// Patience: a patient viewer leaves more slowly.
    public var patience: Double
    /// Drives interaction and sharing.
    public var sociability: Double
    /// Response to urgency and scarcity (countdowns, limited units).
    public var urgencyResponse: Double
    /// Mean willingness-to-pay multiplier on a product's reference price.
    public var willingnessToPay: Double

    public init(priceSensitivity: Double = 0.5, interest: Double = 0.5, trust: Double = 0.5,
                patience: Double = 0.5, sociability: Double = 0.5, urgencyResponse: Double = 0.5, willingnessToPay: Double = 1) {
        self.priceSensitivity = priceSensitivity
        self.interest = interest
        self.trust = trust
        self.patience = patience
        self.sociability = sociability
        self.urgencyResponse = urgencyResponse
        self.willingnessToPay = willingnessToPay
    }

    /// The four default segments of Docs/model.md.
    public static let defaults: [String: Segment] = [
        "bargainHunter": Segment(priceSensitivity: 0.9, interest: 0.5, trust: 0.4, patience: 0.5, sociability: 0.4,
                urgencyResponse: 0.6, willingnessToPay: 0.85),
        "loyalFan": Segment(priceSensitivity: 0.4, interest: 0.7, trust: 0.8, patience: 0.7, sociability: 0.6,
                urgencyResponse: 0.5, willingnessToPay: 1.1),
        "impulseBuyer": Segment(priceSensitivity: 0.5, interest: 0.6, trust: 0.5, patience: 0.3, sociability: 0.5,
                urgencyResponse: 0.9, willingnessToPay: 1.05),
        "browser": Segment(priceSensitivity: 0.5, interest: 0.3, trust: 0.4, patience: 0.4, sociability: 0.3,
                urgencyResponse: 0.4, willingnessToPay: 0.9),
    ]
}

/// Effect sizes: each is the change in a log-rate (or log-odds) per unit
/// change of its driver away from the reference (0.5 for traits and host
/// attributes). Positive means "more of the driver, more of the behaviour",
/// except for the leave effects, where more of the driver means staying longer.
public struct BehaviourEffects: Sendable, Equatable, Codable {
    // Leave hazard: h = h_ref · exp(−a(hostQuality − .5) − b(interest·contentValue − .5) − p(patience − .5)) · boredom.
    /// a: a host of quality 0.8 instead of 0.5 cuts the leave hazard by e^(−0.45) ≈ 36%.
    public var hostQualityOnStay = 1.5
    /// b: interest × content value keeps viewers.
    public var interestOnStay = 1.0
    /// Patience keeps viewers.
    public var patienceOnStay = 1.0
    // Interaction rate.
    public var charismaOnInteraction = 1.2
    public var responsivenessOnInteraction = 0.8
    public var sociabilityOnInteraction = 1.0
    // Follow (log-odds, on an interaction).
    public var hostQualityOnFollow = 2.0
    public var trustOnFollow = 1.0
    // Product clicks.
    public var interestOnClick = 1.5
    public var professionalismOnClick = 1.0
    // Purchase decision (log-odds).
    /// α: interest match.
    public var interestOnPurchase = 2.0
    /// γ: per unit of (wtp·ref − price)/ref, scaled by priceSensitivity / 0.5.
    public var priceOnPurchase = 3.0
    public var trustOnPurchase = 1.5
    /// The host's sincerity lends trust.
    public var sincerityOnPurchase = 1.0
    /// The host's charisma persuades: a pitch that sells, and whose sales
    /// count as persuasion (returned more often, Docs/model.md).
    public var charismaOnPurchase = 0.8
    // Sharing.
    public var sociabilityOnShare = 2.0
    public var hostQualityOnShare = 1.0
    // Interactive events.
    /// c: leave hazard × exp(−c · pendingIncentive · response), response =
    /// priceSensitivity + urgencyResponse (1 for the reference viewer).
    public var pendingIncentiveOnStay = 1.0
    /// Interaction rate × exp(this) while a draw is pending.
    public var drawOnInteraction = 0.25
    /// Further × exp(this) when the draw requires a comment.
    public var commentRequirementOnInteraction = 0.5
    /// Follow log-odds + this while a draw requiring a follow is pending.
    public var followRequirementOnFollow = 2.5
    /// Purchase log-odds + this while a draw is pending.
    public var drawOnPurchase = 0.2
    // Offers.
    /// Purchase log-odds + this · urgencyResponse / 0.5 for a time-limited offer.
    public var urgencyOnPurchase = 0.4
    /// Purchase log-odds + this · urgencyResponse / 0.5 · share of limited units already sold.
    public var scarcityOnPurchase = 0.6
    /// Click rate × exp(this) while an offer runs on the featured product (salience).
    public var promotionOnClick = 0.3
    /// Purchase log-odds − this · ln(units) for a multi-unit bundle (a larger commitment).
    public var bundleCommitmentOnPurchase = 0.5
    /// Probability that a buyer short of a full-reduction threshold adds units to reach it.
    public var fullReductionTakeUp = 0.5
    /// Leave hazard × exp(this) for a viewer who wanted to buy and found no stock.
    public var lostSaleOnStay = 0.7
    // Engagement (Docs/model.md): from a viewer's first interaction on, for
    // the rest of the stream (and a re-entry). Sources in Docs/model.md.
    /// Leave hazard × exp(−this): a viewer who comments stays longer.
    public var interactionOnStay = 0.3
    /// Click rate × exp(this).
    public var interactionOnClick = 0.2
    /// Purchase log-odds + this.
    public var interactionOnPurchase = 0.2

    /// Whether interacting changes anything about the viewer.
    public var engagementActs: Bool { interactionOnStay != 0 || interactionOnClick != 0 || interactionOnPurchase != 0 }

    public init() {}
}
