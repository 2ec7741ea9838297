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

    struct SegmentLogits: Sendable {
        var interest, priceSensitivity, trust, patience, sociability, urgencyResponse, logWillingnessToPay: Double
    }

    /// The viewer-specific rate factors (per second) and log-odds.
    struct Factors: Sendable, BitwiseCopyable {
        var leave: Double
        var interact: Double
        var click: Double
        var share: Double
        var purchaseLogit: Double
        var followLogit: Double
        /// Response to a pending incentive: priceSensitivity + urgencyResponse (1 at reference).
        var incentiveResponse: Double
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

    /// Draws a viewer's traits from its own stream: exactly one uniform per
    /// trait, by inversion, in a fixed order, so two scenarios that differ in
    /// a shift still give the same viewer matching traits (common random numbers).
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
        return ViewerTraits(interest: interest, priceSensitivity: priceSensitivity, willingnessToPay: wtp, trust: trust,
                            patience: patience, sociability: sociability, urgencyResponse: urgency)
    }

    /// Uniforms ``drawTraits(segment:intentShift:trustShift:using:)`` consumes.
    static let traitDraws = 7

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
        return Factors(
            leave: leaveReference * exp(-e.patienceOnStay * (t.patience - 0.5)),
            interact: interactReference * exp(e.sociabilityOnInteraction * (t.sociability - 0.5)),
            click: clickReference * exp(e.interestOnClick * (t.interest - 0.5)),
            share: shareReference * exp(e.sociabilityOnShare * (t.sociability - 0.5)),
            purchaseLogit: purchaseLogitReference + e.interestOnPurchase * (t.interest - 0.5)
                + e.trustOnPurchase * (t.trust - 0.5) + trustBoost,
            followLogit: followLogitReference + e.trustOnFollow * (t.trust - 0.5),
            incentiveResponse: t.priceSensitivity + t.urgencyResponse)
    }

    /// The stream-wide leave factors that depend on the viewer: content value
    /// and pending incentive (1 with content value 1 and nothing pending).
    @inline(__always)
    func streamLeaveFactor(_ t: ViewerTraits, _ f: Factors, _ seg: StreamProfile.Segment) -> Double {
        let incentive = seg.incentive == 0 ? 0 : effects.pendingIncentiveOnStay * seg.incentive * f.incentiveResponse
        return exp(-effects.interestOnStay * (t.interest * seg.contentValue - 0.5) - incentive)
    }

    /// A viewer's hazards on one profile segment (see ``CandidateHazards``).
    func hazards(_ t: ViewerTraits, _ f: Factors, _ seg: StreamProfile.Segment) -> CandidateHazards {
        var h = CandidateHazards()
        h.leave = f.leave * seg.leaveMultiplier * streamLeaveFactor(t, f, seg) * boredomBound
        h.interact = f.interact * seg.interactMultiplier
        h.click = f.click * seg.clickMultiplier
        h.share = f.share * seg.shareMultiplier
        h.total = h.leave + h.interact + h.click + h.share
        h.followProbability = logistic(f.followLogit + seg.followLogitShift)
        return h
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
        effects.priceOnPurchase * (t.priceSensitivity / 0.5) * (t.willingnessToPay * referencePriceYuan - priceYuan) / referencePriceYuan
    }
}

@inline(__always) func logit(_ p: Double) -> Double { log(p / (1 - p)) }
@inline(__always) func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
