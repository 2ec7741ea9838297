import Foundation
import SimCore

/// One arrival stream: a channel, or one partner of a partner channel, with
/// its arrival process, segment mix and intent. Each source draws its arrival
/// times from its own random stream and keys each viewer's stream by
/// (source, arrival index), so changing one channel leaves every other
/// channel's viewers untouched (common random numbers).
struct ArrivalSource {
    /// A piecewise-constant rate, a decaying burst, or neither (arrivals
    /// spawned by other viewers' shares). Kept as optional fields rather than
    /// an enum, so drawing the next arrival mutates the process in place (an
    /// enum payload would be copied out and back, arrays and all, per arrival).
    struct Process {
        var piecewise: PiecewiseConstantRate?
        var burst: DecayingBurst?

        static func piecewise(_ p: PiecewiseConstantRate) -> Process { Process(piecewise: p) }
        static func burst(_ b: DecayingBurst) -> Process { Process(burst: b) }
        /// Arrivals spawned by other viewers (shares), not by a process.
        static let spawned = Process()

        /// The process with its intensity × `factor` (a day's traffic
        /// multiplier): rates and a burst's size scaled, shapes kept.
        func scaled(by factor: Double) -> Process {
            guard factor != 1 else { return self }
            return Process(
                piecewise: piecewise.map { PiecewiseConstantRate(breakpoints: $0.breakpoints, rates: $0.rates.map { $0 * factor })! },
                burst: burst.map { DecayingBurst(start: $0.start, peakRate: $0.peakRate * factor, decayTime: $0.decayTime)! })
        }

        mutating func next(after t: Double, before end: Double, using stream: inout RandomStream) -> Double? {
            if piecewise != nil { return piecewise!.nextArrival(after: t, before: end, using: &stream) }
            if burst != nil { return burst!.nextArrival(after: t, before: end, using: &stream) }
            return nil
        }
    }

    var row: UInt16
    var channel: ChannelKind
    var process: Process
    var segments: CategoricalDistribution
    var intentShift: Double
    var trustShift: Double
    /// Log-odds added to purchase (KOL/KOC/cross-brand recommendation).
    var trustBoost: Double
    var isFollower: Bool
    /// Share of this source's arrivals who are fan-group members.
    var fanGroupShare: Double
    var arrivalStream: RandomStream
    /// Seed that keys each arrival's own stream.
    var viewerSeed: UInt64
    var arrivals: UInt32 = 0
    /// Per segment, the traits and factors every viewer of this source has
    /// when traits have no spread (nil otherwise): computed once, not per viewer.
    var fixedViewers: [(traits: ViewerTraits, factors: BehaviourModel.Factors)]? = nil
    /// With ``fixedViewers``, the hazards those viewers have on each profile
    /// segment (index: segment × profile segments + profile segment), so a new
    /// viewer's first candidate costs a look-up, not a hazard computation.
    /// Owned by the ``StreamRun`` that made it (read per arrival: no
    /// reference counting).
    var fixedHazards: UnsafeMutableBufferPointer<CandidateHazards>? = nil

    /// Builds the sources of a configuration for one replication, in channel-row
    /// order, one source per row (share's row is spawned by shares).
    /// - Parameter feedMaximum: the room-weight multiplier's upper clamp: feed
    ///   candidates are generated at that rate and thinned (1 without room weight).
    /// - Parameter traffic: the day's traffic multiplier (``DayDraws``) on every
    ///   source's intensity (1: the configured day).
    static func make(configuration c: StreamConfiguration, model: BehaviourModel, seed: UInt64, replication: Int,
                     feedMaximum: Double = 1, traffic: Double = 1) -> [ArrivalSource] {
        let end = c.durationSeconds
        let rows = c.channelRows
        var sources: [ArrivalSource] = []
        func add(_ channel: ChannelKind, partner: String = "", process: Process, mix: SegmentMix,
                 intent: Double = 0, trust: Double = 0, boost: Double = 0, follower: Bool = false, fanGroupShare: Double = 0) {
            guard let row = rows.firstIndex(of: ChannelRow(channel: channel, partner: partner)),
                  let weights = model.segmentWeights(mix), let table = CategoricalDistribution(weights: weights) else { return }
            let key = "\(channel.key)/\(partner)"
            let fixed = model.traitsAreFixed ? (0..<weights.count).map { segment in
                let traits = model.fixedTraits(segment: segment, intentShift: intent, trustShift: trust)
                return (traits: traits, factors: model.factors(traits, trustBoost: boost))
            } : nil
            sources.append(ArrivalSource(
                row: UInt16(row), channel: channel, process: process.scaled(by: traffic), segments: table,
                intentShift: intent, trustShift: trust, trustBoost: boost, isFollower: follower, fanGroupShare: fanGroupShare,
                arrivalStream: RandomStream(masterSeed: seed, replication: UInt64(replication), stream: stableHash("arrivals/" + key)),
                viewerSeed: RandomStream.seed(masterSeed: seed, replication: UInt64(replication), stream: stableHash("viewers/" + key)),
                fixedViewers: fixed))
        }
        let ch = c.channels
        if let feed = ch.feed {
            var cuts: Set<Double> = [0, end]
            for b in feed.boosts { cuts.insert(b.fromMinute * 60); cuts.insert(b.toMinute * 60) }
            let times = cuts.filter { $0 >= 0 && $0 <= end }.sorted()
            let rates = zip(times, times.dropFirst()).map { start, stop -> Double in
                let mid = (start + stop) / 2
                var impressionsPerSecond = feed.impressionsPerMinute / 60
                for b in feed.boosts where mid >= b.fromMinute * 60 && mid < b.toMinute * 60 {
                    impressionsPerSecond += b.impressions / ((b.toMinute - b.fromMinute) * 60)
                }
                return impressionsPerSecond * feed.coverClickThrough * feedMaximum
            }
            add(.feed, process: .piecewise(PiecewiseConstantRate(breakpoints: times, rates: rates)!), mix: feed.segmentMix,
                intent: 2 * (feed.targetingPrecision - 0.5))
        }
        if let f = ch.followers {
            // Regular followers and fan-group members share the delay
            // distribution, so their superposition is one burst; membership
            // is drawn per arrival with probability fans / total.
            let regular = max(0, f.pool - f.fanGroupMembers) * f.openRate
            let fans = f.fanGroupMembers * f.fanGroupOpenRate
            add(.followers, process: .burst(DecayingBurst(start: 0, expectedTotal: regular + fans, decayTime: f.meanDelayMinutes * 60)!),
                mix: f.segmentMix, intent: f.intentShift, trust: f.trustShift, follower: true,
                fanGroupShare: regular + fans > 0 ? fans / (regular + fans) : 0)
        }
        for (channel, partners) in [(ChannelKind.kol, ch.kol), (.koc, ch.koc)] {
            for p in partners {
                add(channel, partner: p.name,
                    process: .burst(DecayingBurst(start: p.postMinute * 60, expectedTotal: p.expectedArrivals, decayTime: p.decayMinutes * 60)!),
                    mix: p.segmentMix, boost: p.trustBoost)
            }
        }
        if let s = ch.shortVideo {
            add(.shortVideo, process: .burst(DecayingBurst(start: 0, expectedTotal: s.reservations * s.showRate, decayTime: s.decayMinutes * 60)!),
                mix: s.segmentMix)
        }
        if let s = ch.search {
            add(.search, process: .piecewise(.constant(s.perMinute / 60, from: 0, to: end)), mix: s.segmentMix, intent: s.intentShift)
        }
        if let o = ch.offlineAds {
            let from = o.fromMinute * 60, to = (o.toMinute ?? c.durationMinutes) * 60
            if to > from {
                add(.offlineAds, process: .piecewise(.constant(o.perMinute / 60, from: from, to: to)), mix: o.segmentMix, intent: o.intentShift)
            }
        }
        for p in ch.crossBrand {
            add(.crossBrand, partner: p.name,
                process: .burst(DecayingBurst(start: p.postMinute * 60, expectedTotal: p.expectedArrivals, decayTime: p.decayMinutes * 60)!),
                mix: p.segmentMix, boost: p.trustBoost)
        }
        if let s = ch.share {
            add(.share, process: .spawned, mix: s.segmentMix)
        }
        return sources
    }
}
