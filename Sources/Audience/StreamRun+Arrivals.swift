import SimCore

/// Arrivals. Every first entry takes one path, ``arrive(_:at:sink:)``: a
/// channel's newcomer, an invitee of a share and a season's known person
/// differ only in their ``Arrival``.
extension StreamRun {
    /// Who arrives, and where from.
    struct Arrival {
        /// The seed of the person's identity stream: segment, fan-group
        /// membership and traits are its first draws, always the same
        /// number, in the same order (across the streams of a season too).
        var identity: UInt64
        /// The arrival source whose segment mix, trait shifts and shared
        /// viewers make the traits (a known person's: the source of their
        /// first arrival), or −1.
        var traitSource: Int
        /// The place in the channel row's own arrival stream (a known
        /// person's: the visit's index).
        var arrivalIndex: UInt32
        var channelRow: UInt16
        var channel: ChannelKind
        /// A season's known person coming back: the index of their visit
        /// (−1: a newcomer).
        var visit = -1
    }

    /// Sets source `s`'s next arrival after `t` on its clock (none at or past the end).
    mutating func scheduleNextArrival(source s: Int, after t: Double) {
        let source = sources.baseAddress! + s
        arrivalClocks.set(s, to: source.pointee.process.next(after: t, before: end, using: &source.pointee.arrivalStream))
    }

    /// A feed candidate is kept with probability multiplier / maximum (room
    /// weight); its index is used either way, so the same candidates are the
    /// same viewers in every scenario (common random numbers).
    mutating func arriveIfAccepted<Sink: EventSink>(source s: Int, at t: Double, sink: inout Sink) {
        if s == feedSource, let weight = roomWeight, weight.thinsFeed {
            let u = sources[s].arrivalStream.uniform()
            if u * weight.maximumMultiplier >= weight.multiplier {
                sources[s].arrivals += 1
                diagnostics.feedCandidatesRejected += 1
                return
            }
        }
        arriveNew(source: s, at: t, sink: &sink)
    }

    /// The next newcomer of source `s`: a person of the source's own (its
    /// next identity), or an invitee, whose `identity` the share drew.
    mutating func arriveNew<Sink: EventSink>(source s: Int, identity: UInt64? = nil, at t: Double, sink: inout Sink) {
        let source = sources.baseAddress! + s
        let index = source.pointee.arrivals
        source.pointee.arrivals += 1
        let arrival = Arrival(identity: identity ?? SplitMix64.combine(source.pointee.viewerSeed, UInt64(index)), traitSource: s,
                              arrivalIndex: index, channelRow: source.pointee.row, channel: source.pointee.channel)
        arrive(arrival, at: t, sink: &sink)
    }

    /// A known person of a season comes back, under the visit's channel row,
    /// with the traits of their first arrival (the shifts of the row they
    /// first came through).
    mutating func arriveKnown<Sink: EventSink>(visit i: Int, at t: Double, sink: inout Sink) {
        let visit = season!.visits[i]
        let acquisitionRow = Int(visit.acquisitionRow)
        let arrival = Arrival(identity: visit.identity,
                              traitSource: acquisitionRow < sourceOfRow.count ? sourceOfRow[acquisitionRow] : -1,
                              arrivalIndex: UInt32(i), channelRow: visit.row,
                              channel: simulation.channelRows[Int(visit.row)].channel, visit: i)
        arrive(arrival, at: t, sink: &sink)
    }

    /// Makes the viewer of `a` and lets it in. A newcomer's segment and
    /// fan-group membership are drawn, its traits from their own sub-stream
    /// of its identity, and it behaves from the rest of its identity stream;
    /// a known person's are known (their draws skipped), and they behave from
    /// a fresh stream keyed by identity and season stream,
    /// with their follower flag and their perks. Inlined, so that a
    /// newcomer's path keeps none of a known person's branches.
    @inline(__always)
    mutating func arrive<Sink: EventSink>(_ a: Arrival, at t: Double, sink: inout Sink) {
        let source = a.traitSource >= 0 ? UnsafePointer(sources.baseAddress! + a.traitSource) : nil
        let visit = a.visit >= 0 ? season!.visits[a.visit] : nil
        var identityStream = AgentStream(seed: a.identity)
        let segment: Int, fanGroup: Bool, follower: Bool
        if let visit {
            identityStream.skip(2)  // the segment and fan-group draws of the first arrival
            (segment, fanGroup, follower) = (Int(visit.segment), visit.fanGroupMember, visit.follower)
        } else {
            segment = source!.pointee.segments.sample(using: &identityStream)
            fanGroup = identityStream.uniform() < source!.pointee.fanGroupShare
            follower = source!.pointee.isFollower
        }
        let traits: ViewerTraits
        var factors: BehaviourModel.Factors
        if let fixed = source?.pointee.fixedViewers?[segment] {
            // Without spread no draw can move a trait.
            (traits, factors) = fixed
        } else {
            // From a stream of their own, so the draws after them (behaviour)
            // are the same whatever the spread and however many draws a trait took.
            var traitStream = AgentStream(seed: SplitMix64.combine(a.identity, StreamKey.traits))
            traits = model.drawTraits(segment: segment, intentShift: source?.pointee.intentShift ?? 0,
                                      trustShift: source?.pointee.trustShift ?? 0, using: &traitStream)
            factors = model.factors(traits, trustBoost: source?.pointee.trustBoost ?? 0)
        }
        let behaviourSeed = visit == nil
            ? a.identity : SplitMix64.combine(a.identity, StreamKey.seasonVisit &+ UInt64(season!.streamIndex))
        rebuffer(&factors, seed: behaviourSeed)
        var flags: Viewer.Flags = []
        if follower { flags.insert(.follower) }
        if fanGroup { flags.insert(.fanGroupMember) }
        let id = nextViewerID
        nextViewerID += 1
        if let held = visit?.perks {
            factors.purchaseLogit += Float(held.purchaseLogitBoost)
            if held.changesPurchases {
                flags.insert(.perks)
                perks[id] = held
            }
        }
        var viewer = Viewer(stream: visit == nil ? identityStream : AgentStream(seed: behaviourSeed), traits: traits,
                            factors: factors, identitySeed: behaviourSeed, entryTime: t, id: id, arrivalIndex: a.arrivalIndex,
                            channelRow: a.channelRow, channel: a.channel, segment: UInt8(segment), flags: flags)
        // A source's shared hazards are its newcomers' (perks move a known person's factors).
        prepareFirstCandidate(&viewer, at: t, shared: visit == nil ? source?.pointee.fixedHazards : nil, segment: segment)
        enter(viewer, reentry: false, identity: a.identity, sink: &sink)
    }

    /// The viewer's own network: a rebuffer ratio from a sub-stream of `seed`,
    /// so switching rebuffering on moves no other draw.
    @inline(__always)
    func rebuffer(_ factors: inout BehaviourModel.Factors, seed: UInt64) {
        guard rebufferRatio > 0 else { return }
        var network = AgentStream(seed: SplitMix64.combine(seed, StreamKey.rebuffer))
        factors.leave *= Float(1 + rebufferSlope * network.exponential(mean: rebufferRatio))
    }

    /// The hazards of the profile segment a new viewer arrives in, ready for
    /// its first candidate (the same values the segment walk would compute):
    /// looked up in `shared` (a source's ``ArrivalSource/fixedHazards``, at
    /// the viewer's `segment`) when the viewer has them, else computed.
    @inline(__always)
    mutating func prepareFirstCandidate(_ viewer: inout Viewer, at t: Double, shared: UnsafeMutableBufferPointer<CandidateHazards>?,
                                        segment: Int) {
        let now = profileSegment(at: t)
        viewer.candidateSegment = Int32(now)
        if let shared {
            viewer.candidateHazards = shared[segment * profile.segments.count + now]
        } else {
            viewer.candidateHazards = model.hazards(viewer.traits, viewer.factors, profile.segments[now])
        }
    }

    /// The profile segment holding `t`, found by moving the cursor forward
    /// (`t` never decreases between calls).
    @inline(__always)
    mutating func profileSegment(at t: Double) -> Int {
        let last = profile.segments.count - 1
        while profileCursor < last && profile.segments[profileCursor].end <= t { profileCursor += 1 }
        return profileCursor
    }

    /// Lets a viewer in (a first entry or a re-entry): its arrival fact, a
    /// start-up abandonment, else its first candidate.
    /// - Parameter identity: who the person is (nil: the viewer's stream
    ///   seed; a known person's differs from it).
    mutating func enter<Sink: EventSink>(_ viewer: Viewer, reentry: Bool, identity: UInt64? = nil, sink: inout Sink) {
        // Stored first, then read and updated in place: the record is copied once.
        let handle = room.insert(viewer)
        let v = room.address(of: handle.slot)
        v.pointee.visits &+= 1
        trackPeak()
        var arrival = ViewerEvent(time: v.pointee.entryTime, kind: .arrive, viewer: v.pointee.id, channel: v.pointee.channel,
                                  channelRow: v.pointee.channelRow, segment: v.pointee.segment, reentry: reentry,
                                  arrivalIndex: v.pointee.arrivalIndex, traits: v.pointee.traits)
        arrival.identity = identity ?? v.pointee.identitySeed
        arrival.fanGroupMember = v.pointee.flags.contains(.fanGroupMember)
        emit(arrival, sink: &sink)
        let entryTime = v.pointee.entryTime
        if abandonment > 0 {
            // Start-up delay: abandons before the picture starts (a view with
            // zero stay), drawn from a sub-stream of (identity, visit).
            var startup = AgentStream(seed: SplitMix64.combine(v.pointee.identitySeed, StreamKey.startup &+ UInt64(v.pointee.visits)))
            if startup.uniform() < abandonment {
                leave(slot: handle.slot, at: entryTime, cut: false, allowReentry: false, sink: &sink)
                return
            }
        }
        scheduleCandidate(slot: handle.slot, after: entryTime)
    }
}
