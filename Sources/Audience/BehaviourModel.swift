import Foundation
import SimCore

/// The viewer-specific half of every hazard: reference levels and trait
/// effects, computed once per viewer at arrival. The stream-wide half lives in
/// ``StreamProfile``; a rate is their product.
struct BehaviourModel: Sendable {
    let behaviour: ViewerBehaviour
    let effects: BehaviourEffects
    /// Per second, for the reference viewer.
    let leaveReference: Double
    let interactReference: Double
    let clickReference: Double
    let shareReference: Double
    let purchaseLogitReference: Double
    let followLogitReference: Double
    let segmentLogits: [SegmentLogits]
    /// What a viewer's first interaction does to its factors.
    let engagement: EngagementFactors

    /// Multipliers on the leave and click factors and a shift of the purchase
    /// log-odds, from `viewers.effects.interaction…` (all neutral: `acts` false).
    struct EngagementFactors: Sendable {
        let leave: Float, click: Float, purchaseLogit: Float
        let acts: Bool
        init(_ e: BehaviourEffects) {
            leave = Float(exp(-e.interactionOnStay))
            click = Float(exp(e.interactionOnClick))
            purchaseLogit = Float(e.interactionOnPurchase)
            acts = e.engagementActs
        }
    }

    struct SegmentLogits: Sendable {
        var interest, priceSensitivity, trust, patience, sociability, urgencyResponse, logWillingnessToPay: Double
    }

    /// The viewer-specific rate factors (per second) and log-odds, in single
    /// precision (they live in the viewer record).
    struct Factors: Sendable, BitwiseCopyable {
        var leave: Float
        var interact: Float
        var click: Float
        var share: Float
        var purchaseLogit: Float
        var followLogit: Float
    }

    init(configuration: StreamConfiguration) {
        behaviour = configuration.viewers
        effects = behaviour.effects
        leaveReference = 1 / behaviour.meanStaySecondsAtReference
        interactReference = behaviour.interactionsPerMinuteAtReference / 60
        clickReference = behaviour.clicksPerMinuteAtReference / 60
        shareReference = behaviour.sharesPerMinuteAtReference / 60
        purchaseLogitReference = logit(behaviour.clickToOrderAtReference)
        followLogitReference = logit(behaviour.followPerInteractionAtReference)
        engagement = EngagementFactors(behaviour.effects)
        let segments = configuration.viewers.segments
        segmentLogits = configuration.viewers.segmentNames.map { segments[$0]! }.map {
            SegmentLogits(interest: logit($0.interest), priceSensitivity: logit($0.priceSensitivity), trust: logit($0.trust),
                          patience: logit($0.patience), sociability: logit($0.sociability),
                          urgencyResponse: logit($0.urgencyResponse), logWillingnessToPay: log($0.willingnessToPay))
        }
    }

    /// A channel's segment mix as weights aligned with the segments (nil when
    /// no segment has weight). Names not among the segments are ignored here;
    /// validation reports them.
    func segmentWeights(_ mix: SegmentMix) -> [Double]? {
        let weights = behaviour.segmentNames.map { max(0, mix[$0] ?? 0) }
        return weights.contains { $0 > 0 } ? weights : nil
    }

    /// Draws a viewer's traits from its own trait stream: one standard normal
    /// per trait (seven, the willingness to pay's drawn even without
    /// variation), in a fixed order, each shifted and scaled, so two scenarios
    /// that differ in a shift or a spread still give the same viewer matching
    /// traits (common random numbers).
    func drawTraits<R: RandomSource>(segment: Int, intentShift: Double, trustShift: Double, using source: inout R) -> ViewerTraits {
        let s = segmentLogits[segment]
        let spread = behaviour.traitSpread
        func trait(_ location: Double) -> Double {
            logistic(source.normal(mean: location, standardDeviation: spread))
        }
        let interest = trait(s.interest + intentShift)
        let priceSensitivity = trait(s.priceSensitivity)
        // Lognormal with mean = the segment's value and the given variation.
        let cv = behaviour.willingnessToPayVariation
        let logVariance = log1p(cv * cv)
        // (One draw even when cv = 0, so the draws after it stay aligned.)
        let wtp = exp(source.normal(mean: s.logWillingnessToPay - logVariance / 2, standardDeviation: logVariance.squareRoot()))
        let trust = trait(s.trust + trustShift)
        let patience = trait(s.patience)
        let sociability = trait(s.sociability)
        let urgency = trait(s.urgencyResponse)
        return ViewerTraits(interest: Float(interest), priceSensitivity: Float(priceSensitivity), willingnessToPay: Float(wtp),
                            trust: Float(trust), patience: Float(patience), sociability: Float(sociability),
                            urgencyResponse: Float(urgency))
    }

    /// Whether traits have no spread: every viewer of a segment (and source)
    /// then has the same traits, whatever its uniforms.
    var traitsAreFixed: Bool { behaviour.traitSpread == 0 && behaviour.willingnessToPayVariation == 0 }

    /// The traits ``drawTraits(segment:intentShift:trustShift:using:)`` gives
    /// every viewer when ``traitsAreFixed``: the same computation, bit for bit.
    func fixedTraits(segment: Int, intentShift: Double, trustShift: Double) -> ViewerTraits {
        precondition(traitsAreFixed, "traits have a spread")
        var any = RandomStream(seed: 0)
        return drawTraits(segment: segment, intentShift: intentShift, trustShift: trustShift, using: &any)
    }

    /// The viewer-specific factors of each hazard; all equal the reference
    /// levels for traits at 0.5.
    func factors(_ t: ViewerTraits, trustBoost: Double = 0) -> Factors {
        let e = effects
        let interest = Double(t.interest), trust = Double(t.trust), sociability = Double(t.sociability)
        return Factors(
            leave: Float(leaveReference * exp(-e.patienceOnStay * (Double(t.patience) - 0.5))),
            interact: Float(interactReference * exp(e.sociabilityOnInteraction * (sociability - 0.5))),
            click: Float(clickReference * exp(e.interestOnClick * (interest - 0.5))),
            share: Float(shareReference * exp(e.sociabilityOnShare * (sociability - 0.5))),
            purchaseLogit: Float(purchaseLogitReference + e.interestOnPurchase * (interest - 0.5)
                + e.trustOnPurchase * (trust - 0.5) + trustBoost),
            followLogit: Float(followLogitReference + e.trustOnFollow * (trust - 0.5)))
    }

    /// The stream-wide leave factors that depend on the viewer: content value
    /// and pending incentive (1 with content value 1 and nothing pending). The
    /// response to an incentive is priceSensitivity + urgencyResponse (1 at reference).
    @inline(__always)
    func streamLeaveFactor(_ t: ViewerTraits, _ seg: StreamProfile.Segment) -> Double {
        let incentive = seg.incentive == 0 ? 0
            : effects.pendingIncentiveOnStay * seg.incentive * (Double(t.priceSensitivity) + Double(t.urgencyResponse))
        return Double(expf(Float(-effects.interestOnStay * (Double(t.interest) * seg.contentValue - 0.5) - incentive)))
    }

    /// A viewer's hazards on one profile segment (see ``CandidateHazards``).
    func hazards(_ t: ViewerTraits, _ f: Factors, _ seg: StreamProfile.Segment) -> CandidateHazards {
        CandidateHazards(
            leave: Float(Double(f.leave) * seg.leaveMultiplier * streamLeaveFactor(t, seg) * boredomBound),
            interact: Float(Double(f.interact) * seg.interactMultiplier),
            click: Float(Double(f.click) * seg.clickMultiplier),
            share: Float(Double(f.share) * seg.shareMultiplier),
            followProbability: f.followLogit == -.infinity ? 0 : Float(logistic(Double(f.followLogit) + seg.followLogitShift)))
    }

    /// B(τ) = 1 + (max − 1)(1 − e^(−τ/τ_b)), or 1 without boredom.
    @inline(__always)
    func boredom(timeInRoom: Double) -> Double {
        guard behaviour.boredom else { return 1 }
        return 1 + (behaviour.boredomMaxMultiplier - 1) * -expm1(-timeInRoom / behaviour.boredomTimeConstantSeconds)
    }

    /// Bound of ``boredom(timeInRoom:)``: the majorant's factor.
    var boredomBound: Double { behaviour.boredom ? behaviour.boredomMaxMultiplier : 1 }

    /// The purchase log-odds' price term: γ · (priceSensitivity / 0.5) ·
    /// (wtp · reference − price) / reference.
    @inline(__always)
    func priceTerm(_ t: ViewerTraits, priceYuan: Double, referencePriceYuan: Double) -> Double {
        effects.priceOnPurchase * (Double(t.priceSensitivity) / 0.5) * (Double(t.willingnessToPay) * referencePriceYuan - priceYuan)
            / referencePriceYuan
    }

    /// What a cut of `cutYuan` per unit off the reference price adds to the
    /// price term (a gift's value, a full reduction, a season's perks).
    @inline(__always)
    func priceCutTerm(_ t: ViewerTraits, cutYuan: Double, referencePriceYuan: Double) -> Double {
        priceTerm(t, priceYuan: referencePriceYuan - cutYuan, referencePriceYuan: referencePriceYuan)
            - priceTerm(t, priceYuan: referencePriceYuan, referencePriceYuan: referencePriceYuan)
    }
}

@inline(__always) func logit(_ p: Double) -> Double { log(p / (1 - p)) }
@inline(__always) func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
