import Foundation

/// The stream-wide, piecewise-constant half of every hazard, known at the
/// stream's start: which product is featured, the host's effects, content
/// value. Changes here cost O(1) per viewer event, never a pass over viewers:
/// each viewer's next event is drawn against this timeline (DESIGN.md).
struct StreamProfile: Sendable {
    /// One stretch of constant stream state, `[start, end)`.
    struct Segment: Sendable {
        var start: Double
        var end: Double
        /// Multiplies every viewer's leave hazard (host quality).
        var leaveMultiplier: Double
        /// Content value: interest × content value keeps viewers.
        var contentValue: Double
        var interactMultiplier: Double
        /// 0 when no product is featured.
        var clickMultiplier: Double
        var shareMultiplier: Double
        var followLogitShift: Double
        var purchaseLogitShift: Double
        /// Index into the configuration's products, or −1.
        var featuredProduct: Int
        /// Index into the run of show, or −1.
        var featuredWindow: Int
    }

    let segments: [Segment]

    init(configuration c: StreamConfiguration, model: BehaviourModel) {
        let end = c.durationSeconds
        var cuts: Set<Double> = [0, end]
        for w in c.runOfShow {
            cuts.insert(min(max(w.fromMinute * 60, 0), end))
            cuts.insert(min(max(w.toMinute * 60, 0), end))
        }
        let times = cuts.sorted()
        let e = model.effects
        let host = c.host
        let quality = host.quality(weights: c.viewers.hostQualityWeights)
        let productIndex = Dictionary(c.products.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var segments: [Segment] = []
        for (start, stop) in zip(times, times.dropFirst()) where stop > start {
            let mid = (start + stop) / 2
            let window = c.runOfShow.firstIndex { mid >= $0.fromMinute * 60 && mid < $0.toMinute * 60 }
            let product = window.flatMap { productIndex[c.runOfShow[$0].product] } ?? -1
            segments.append(Segment(
                start: start, end: stop,
                leaveMultiplier: exp(-e.hostQualityOnStay * (quality - 0.5)),
                contentValue: 1,
                interactMultiplier: exp(e.charismaOnInteraction * (host.charisma - 0.5)
                    + e.responsivenessOnInteraction * (host.responsiveness - 0.5)),
                clickMultiplier: product >= 0 ? exp(e.professionalismOnClick * (host.professionalism - 0.5)) : 0,
                shareMultiplier: exp(e.hostQualityOnShare * (quality - 0.5)),
                followLogitShift: e.hostQualityOnFollow * (quality - 0.5),
                purchaseLogitShift: e.sincerityOnPurchase * (host.sincerity - 0.5),
                featuredProduct: product,
                featuredWindow: product >= 0 ? window! : -1))
        }
        self.segments = segments
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
}
