import Foundation
import SimCore

/// Simulates one live stream: viewers arrive from the configured channels,
/// stay, interact, follow, share, click and buy, and the KPI recorder turns
/// what they do into a ``StreamResult``. The library entry point:
///
///     let simulation = try Simulation(configuration: config)
///     let result = simulation.run(seed: 7, replication: 0)
///
/// Runs are deterministic: the same configuration, seed and replication give
/// the same result, bit for bit. Each viewer's next event is the next
/// candidate of its merged competing hazards (leave, interact, share, click),
/// drawn against a majorant built from the stream-wide ``StreamProfile``;
/// which hazard fires is decided when the candidate pops (thinning).
public struct Simulation: Sendable {
    public let configuration: StreamConfiguration
    let model: BehaviourModel
    /// Ordinal (in time order) of each run-of-show window.
    let windowOrdinals: [Int32]
    let channelRows: [ChannelRow]

    /// Checks the configuration (``StreamConfiguration/validate()``) and
    /// prepares everything that does not depend on the seed.
    public init(configuration: StreamConfiguration) throws {
        let issues = configuration.validate()
        guard issues.isEmpty else { throw InvalidConfiguration(issues: issues) }
        self.configuration = configuration
        model = BehaviourModel(configuration: configuration)
        let order = configuration.runOfShow.indices.sorted { configuration.runOfShow[$0].fromMinute < configuration.runOfShow[$1].fromMinute }
        var ordinals = Array(repeating: Int32(0), count: configuration.runOfShow.count)
        for (rank, index) in order.enumerated() { ordinals[index] = Int32(rank) }
        windowOrdinals = ordinals
        channelRows = configuration.channelRows
    }

    /// Runs replication `replication` under master seed `seed`.
    public func run(seed: UInt64, replication: Int) -> StreamResult {
        var sink = NoSink()
        return run(seed: seed, replication: replication, sink: &sink)
    }

    /// Runs a replication and hands every event to `sink`, in time order.
    /// - Parameter progress: called now and then (every 2¹⁸ events) with the
    ///   share of stream time simulated so far, for progress displays.
    /// - Parameter season: the known people a season brings back into this
    ///   stream (nil: a stream on its own).
    public func run<Sink: EventSink>(seed: UInt64, replication: Int, sink: inout Sink,
                                     progress: ((Double) -> Void)? = nil, season: SeasonStreamInput? = nil) -> StreamResult {
        var run = StreamRun(simulation: self, seed: seed, replication: replication, season: season)
        run.progress = progress
        return run.execute(sink: &sink)
    }
}

/// The mutable state of one replication.
private struct StreamRun: ~Copyable {
    enum Kind: UInt16 { case arrival, viewer, reentry, invitee, tick, known }
    /// How many events ahead a viewer's record is prefetched (a few event
    /// times cover a memory fetch).
    static let prefetchDistance = 8
    /// Viewers present from which records are prefetched: fewer fit in the
    /// first-level cache (128 bytes each), where prefetching only costs
    /// instructions. Even records in the second-level cache are worth it:
    /// prefetching from 512 rather than 32,768 present makes the reference
    /// model (about 12,000 present) 3–4% faster.
    static let prefetchFromPresent = 1 << 9

    let simulation: Simulation
    let model: BehaviourModel
    let profile: StreamProfile
    let end: Double
    /// The arrival sources, owned here (freed in `deinit`): drawing an
    /// arrival mutates its source in place, without an array's uniqueness checks.
    let sources: UnsafeMutableBufferPointer<ArrivalSource>
    let shareSource: Int?
    var scheduler: EventScheduler<BucketQueue>
    var room = AgentPool<Viewer>()
    var away = AgentPool<Viewer>()
    var invitees = AgentPool<PendingInvitee>()
    var recorder: KPIRecorder
    var diagnostics = RunDiagnostics()
    var progress: ((Double) -> Void)?
    var nextViewerID: UInt32 = 0
    /// The profile segment holding the clock (arrivals come in time order).
    var profileCursor = 0
    let inviteesPerShare: Double
    let meanInviteDelay: Double
    let reentryProbability: Double
    let meanReentryDelay: Double
    let abandonment: Double
    let rebufferRatio: Double
    let rebufferSlope: Double
    var roomWeight: RoomWeight?
    let feedSource: Int?
    var offers: OfferBook
    var giftCosts = 0.0
    let trustEffect: Double
    let checkoutCompletion: Double
    let returnSettings: ReturnSettings?
    /// Orders that will come back after the stream (decided at the order).
    var returns: [ViewerEvent] = []
    /// The season's returning people and their perks (empty without a season).
    let season: SeasonStreamInput?
    /// Perks of the viewers who brought any, by viewer id (a coupon is spent
    /// by the first order it applies to).
    var perks: [UInt32: VisitPerks] = [:]
    /// Per channel row, the source of that row (−1: none).
    let sourceOfRow: [Int]

    init(simulation: Simulation, seed: UInt64, replication: Int, season: SeasonStreamInput? = nil) {
        self.season = season
        self.simulation = simulation
        model = simulation.model
        let c = simulation.configuration
        end = c.durationSeconds
        let profile = StreamProfile(configuration: c, model: simulation.model,
                                    stalls: StreamRun.stallIncidents(c, seed: seed, replication: replication))
        self.profile = profile
        roomWeight = RoomWeight(configuration: c)
        let model = simulation.model
        var made = ArrivalSource.make(configuration: c, model: model, seed: seed, replication: replication,
                                      feedMaximum: roomWeight?.maximumMultiplier ?? 1)
        rebufferRatio = c.streamQuality?.rebufferRatio ?? 0
        if rebufferRatio == 0 {
            // Viewers without trait spread (nor a network of their own) share
            // their hazards on each profile segment: computed here, once.
            for i in made.indices {
                guard let fixed = made[i].fixedViewers else { continue }
                made[i].fixedHazards = fixed.flatMap { viewer in
                    profile.segments.map { model.hazards(viewer.traits, viewer.factors, $0) }
                }
            }
        }
        sources = .allocate(capacity: made.count)
        _ = sources.initialize(from: made)
        var ofRow = Array(repeating: -1, count: c.channelRows.count)
        for (i, s) in made.enumerated() { ofRow[Int(s.row)] = i }
        sourceOfRow = ofRow
        feedSource = sources.firstIndex { $0.channel == .feed }
        shareSource = sources.firstIndex { $0.channel == .share }
        scheduler = EventScheduler(queue: BucketQueue(), endTime: end)
        recorder = KPIRecorder(configuration: c)
        inviteesPerShare = c.channels.share?.inviteesPerShare ?? 0
        meanInviteDelay = (c.channels.share?.meanDelayMinutes ?? 1) * 60
        reentryProbability = c.viewers.reentryProbability
        meanReentryDelay = c.viewers.reentryDelayMinutes * 60
        offers = OfferBook(configuration: c)
        let trust = c.trust ?? TrustSettings()
        trustEffect = (trust.brandAuthorization ? trust.brandAuthorizationEffect : 0)
            + (trust.authenticityGuarantee ? trust.authenticityGuaranteeEffect : 0)
            + (trust.sevenDayReturns ? trust.sevenDayReturnsEffect : 0)
            + (trust.liveReviews ? trust.liveReviewsEffect : 0)
        checkoutCompletion = c.checkout?.completion ?? 1
        returnSettings = c.returns
        abandonment = c.streamQuality?.abandonmentProbability ?? 0
        rebufferSlope = c.streamQuality?.rebufferLeaveSlope ?? 0
    }

    deinit {
        sources.deinitialize().deallocate()
    }

    /// Stall incidents of this replication: Poisson starts, exponential
    /// durations, from their own stream (the same for every scenario with the
    /// same stream quality).
    static func stallIncidents(_ c: StreamConfiguration, seed: UInt64, replication: Int) -> [(start: Double, end: Double)] {
        guard let q = c.streamQuality, q.stallsPerHour > 0 else { return [] }
        var stream = RandomStream(masterSeed: seed, replication: UInt64(replication), stream: stableHash("streamQuality/stalls"))
        var starts = PiecewiseConstantRate.constant(q.stallsPerHour / 3600, from: 0, to: c.durationSeconds)
        var out: [(start: Double, end: Double)] = []
        var t = 0.0
        while let start = starts.nextArrival(after: t, before: c.durationSeconds, using: &stream) {
            out.append((start, start + stream.exponential(mean: q.stallSeconds)))
            t = start
        }
        return out
    }

    @_specialize(where Sink == NoSink)
    mutating func execute<Sink: EventSink>(sink: inout Sink) -> StreamResult {
        for i in sources.indices { scheduleNextArrival(source: i, after: 0) }
        if let tick = roomWeight?.tickSeconds, tick < end { scheduler.schedule(at: tick, kind: Kind.tick.rawValue) }
        if let visits = season?.visits {
            for (i, visit) in visits.enumerated() where visit.time < end {
                scheduler.schedule(at: visit.time, kind: Kind.known.rawValue, payload: Int32(i))
            }
        }
        while let event = scheduler.next() {
            if scheduler.eventsProcessed & 0x3FFFF == 0, let progress { progress(event.time / end) }
            // With many present a viewer's record is rarely in the nearest
            // cache: start fetching the one a few events ahead while this one runs.
            if room.count >= Self.prefetchFromPresent, let ahead = scheduler.peek(ahead: Self.prefetchDistance),
               ahead.kind == Kind.viewer.rawValue {
                room.prefetch(slot: ahead.agent)
            }
            let kind = Kind(rawValue: event.kind)!
            let current = switch kind {
            case .viewer: room.isCurrent(slot: event.agent, generation: event.generation)
            case .reentry: away.isCurrent(slot: event.agent, generation: event.generation)
            case .invitee: invitees.isCurrent(slot: event.agent, generation: event.generation)
            case .arrival, .tick, .known: true
            }
            guard current else { scheduler.markStale(); continue }
            switch kind {
            case .arrival:
                let s = Int(event.payload)
                arriveIfAccepted(source: s, at: event.time, sink: &sink)
                scheduleNextArrival(source: s, after: event.time)
            case .tick:
                roomWeight!.update(recorder.engagement(at: event.time))
                recorder.recordRoomWeight(roomWeight!.weight, at: event.time)
                let next = event.time + roomWeight!.tickSeconds
                if next < end { scheduler.schedule(at: next, kind: Kind.tick.rawValue) }
            case .viewer:
                viewerEvent(slot: event.agent, at: event.time, sink: &sink)
            case .reentry:
                var viewer = away[event.agent]
                away.remove(slot: event.agent)
                viewer.entryTime = event.time
                enter(viewer, reentry: true, sink: &sink)
            case .invitee:
                let seed = invitees[event.agent].identitySeed
                invitees.remove(slot: event.agent)
                if let s = shareSource { arriveInvitee(source: s, identitySeed: seed, at: event.time, sink: &sink) }
            case .known:
                arriveKnown(visit: Int(event.payload), at: event.time, sink: &sink)
            }
        }
        // The stream ends: everyone still in the room leaves now, stays cut.
        diagnostics.presentAtEnd = room.count
        var slots: [UInt32] = []
        slots.reserveCapacity(room.count)
        room.forEachSlot { slots.append($0) }
        for slot in slots { leave(slot: slot, at: end, cut: true, sink: &sink) }
        processReturns(sink: &sink)
        diagnostics.eventsProcessed = scheduler.eventsProcessed
        diagnostics.staleEventsSkipped = scheduler.staleEventsSkipped
        return recorder.finish(diagnostics: diagnostics, profile: profile, offers: offers, giftCosts: giftCosts)
    }

    // MARK: Arrivals

    mutating func scheduleNextArrival(source s: Int, after t: Double) {
        let source = sources.baseAddress! + s
        let next = source.pointee.process.next(after: t, before: end, using: &source.pointee.arrivalStream)
        if let next { scheduler.schedule(at: next, kind: Kind.arrival.rawValue, payload: Int32(s)) }
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
        arrive(source: s, at: t, sink: &sink)
    }

    mutating func arrive<Sink: EventSink>(source s: Int, at t: Double, sink: inout Sink) {
        let index = sources[s].arrivals
        sources[s].arrivals += 1
        let seed = SplitMix64.combine(sources[s].viewerSeed, UInt64(index))
        let viewer = makeViewer(source: s, identitySeed: seed, arrivalIndex: index, at: t)
        enter(viewer, reentry: false, sink: &sink)
    }

    mutating func arriveInvitee<Sink: EventSink>(source s: Int, identitySeed: UInt64, at t: Double, sink: inout Sink) {
        let index = sources[s].arrivals
        sources[s].arrivals += 1
        let viewer = makeViewer(source: s, identitySeed: identitySeed, arrivalIndex: index, at: t)
        enter(viewer, reentry: false, sink: &sink)
    }

    /// A new viewer: segment, fan-group membership and traits are the first
    /// draws of its own stream, always the same number, in the same order.
    @inline(__always)
    mutating func makeViewer(source s: Int, identitySeed: UInt64, arrivalIndex: UInt32, at t: Double) -> Viewer {
        let source = UnsafePointer(sources.baseAddress! + s)
        var stream = AgentStream(seed: identitySeed)
        let segment = source.pointee.segments.sample(using: &stream)
        let fanGroup = stream.uniform() < source.pointee.fanGroupShare
        let traits: ViewerTraits
        var factors: BehaviourModel.Factors
        if let fixed = source.pointee.fixedViewers?[segment] {
            // Without spread the draws cannot move a trait: skip them, aligned.
            stream.skip(BehaviourModel.traitDraws)
            (traits, factors) = fixed
        } else {
            traits = model.drawTraits(segment: segment, intentShift: source.pointee.intentShift,
                                      trustShift: source.pointee.trustShift, using: &stream)
            factors = model.factors(traits, trustBoost: source.pointee.trustBoost)
        }
        var flags: Viewer.Flags = []
        if source.pointee.isFollower { flags.insert(.follower) }
        if fanGroup { flags.insert(.fanGroupMember) }
        let id = nextViewerID
        nextViewerID += 1
        rebuffer(&factors, seed: identitySeed)
        var viewer = Viewer(stream: stream, traits: traits, factors: factors,
                            identitySeed: identitySeed, entryTime: t, id: id, arrivalIndex: arrivalIndex, channelRow: source.pointee.row,
                            channel: source.pointee.channel, segment: UInt8(segment), flags: flags)
        prepareFirstCandidate(&viewer, at: t, memo: source.pointee.fixedHazards.map { ($0, segment) })
        return viewer
    }

    /// The viewer's own network: a rebuffer ratio from a sub-stream of `seed`,
    /// so switching rebuffering on moves no other draw.
    @inline(__always)
    func rebuffer(_ factors: inout BehaviourModel.Factors, seed: UInt64) {
        guard rebufferRatio > 0 else { return }
        var network = AgentStream(seed: SplitMix64.combine(seed, stableHash("rebuffer")))
        factors.leave *= Float(1 + rebufferSlope * network.exponential(mean: rebufferRatio))
    }

    /// The hazards of the profile segment a new viewer arrives in, ready for
    /// its first candidate (the same values the segment walk would compute):
    /// looked up in `memo` (a source's shared hazards, and the viewer's
    /// segment in it) when the viewer has them, else computed.
    @inline(__always)
    mutating func prepareFirstCandidate(_ viewer: inout Viewer, at t: Double, memo: (hazards: [CandidateHazards], segment: Int)?) {
        let now = profileSegment(at: t)
        viewer.candidateSegment = Int32(now)
        if let memo {
            viewer.candidateHazards = memo.hazards[memo.segment * profile.segments.count + now]
        } else {
            viewer.candidateHazards = model.hazards(viewer.traits, viewer.factors, profile.segments[now])
        }
    }

    /// A known person of a season comes back: the traits of their first
    /// arrival (drawn again from their identity, with the shifts of the row
    /// they first came through), a fresh stream for this visit's behaviour
    /// (keyed by identity and stream), their follower and fan-group flags and
    /// their perks.
    mutating func arriveKnown<Sink: EventSink>(visit i: Int, at t: Double, sink: inout Sink) {
        let visit = season!.visits[i]
        let acquisition = Int(visit.acquisitionRow) < sourceOfRow.count ? sourceOfRow[Int(visit.acquisitionRow)] : -1
        let segment = Int(visit.segment)
        var identityStream = AgentStream(seed: visit.identity)
        identityStream.skip(2)  // the segment and fan-group draws of the first arrival
        var traits = ViewerTraits.none
        var factors: BehaviourModel.Factors
        if acquisition >= 0, let fixed = sources[acquisition].fixedViewers?[segment] {
            (traits, factors) = fixed
        } else {
            let s = acquisition >= 0 ? sources[acquisition] : nil
            traits = model.drawTraits(segment: segment, intentShift: s?.intentShift ?? 0, trustShift: s?.trustShift ?? 0,
                                      using: &identityStream)
            factors = model.factors(traits, trustBoost: s?.trustBoost ?? 0)
        }
        let visitSeed = SplitMix64.combine(visit.identity, stableHash("season/visit") &+ UInt64(season!.streamIndex))
        rebuffer(&factors, seed: visitSeed)
        factors.purchaseLogit += Float(visit.perks.purchaseLogitBoost)
        var flags: Viewer.Flags = []
        if visit.follower { flags.insert(.follower) }
        if visit.fanGroupMember { flags.insert(.fanGroupMember) }
        let id = nextViewerID
        nextViewerID += 1
        if visit.perks.changesPurchases {
            flags.insert(.perks)
            perks[id] = visit.perks
        }
        let row = Int(visit.row)
        var viewer = Viewer(stream: AgentStream(seed: visitSeed), traits: traits, factors: factors, identitySeed: visitSeed,
                            entryTime: t, id: id, arrivalIndex: UInt32(i), channelRow: visit.row,
                            channel: simulation.channelRows[row].channel, segment: visit.segment, flags: flags)
        prepareFirstCandidate(&viewer, at: t, memo: nil)
        enter(viewer, reentry: false, identity: visit.identity, sink: &sink)
    }

    /// The profile segment holding `t`, found by moving the cursor forward
    /// (`t` never decreases between calls).
    @inline(__always)
    mutating func profileSegment(at t: Double) -> Int {
        let last = profile.segments.count - 1
        while profileCursor < last && profile.segments[profileCursor].end <= t { profileCursor += 1 }
        return profileCursor
    }

    /// - Parameter identity: the person's identity when it is not the
    ///   viewer's stream seed (a season's known people).
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
            var startup = AgentStream(seed: SplitMix64.combine(v.pointee.identitySeed, stableHash("startup") &+ UInt64(v.pointee.visits)))
            if startup.uniform() < abandonment {
                leave(slot: handle.slot, at: entryTime, cut: false, allowReentry: false, sink: &sink)
                return
            }
        }
        scheduleCandidate(slot: handle.slot, after: entryTime)
    }

    // MARK: Competing hazards

    /// Draws the next candidate by inverting the viewer's piecewise-constant
    /// majorant from `t`, and schedules it; none if it falls past the end.
    /// The common case — hazards still valid and the candidate inside the
    /// same profile segment — takes a short path; the rest walks the segments.
    mutating func scheduleCandidate(slot: UInt32, after t: Double) {
        let v = room.address(of: slot)
        let e = v.pointee.stream.exponential(mean: 1)
        let cached = Int(v.pointee.candidateSegment)
        if cached >= 0 && !v.pointee.flags.contains(.hazardsStale) {
            let segment = profile.segments.withUnsafeBufferPointer { $0[cached] }
            let total = v.pointee.candidateHazards.total
            if t >= segment.start && e < total * (segment.end - t) {
                // Kept inside its segment (rounding) and strictly after t.
                var candidate = t + e / total
                if candidate >= segment.end { candidate = segment.end.nextDown }
                if candidate <= t { candidate = t.nextUp }
                if candidate < end {
                    scheduler.schedule(at: candidate, kind: Kind.viewer.rawValue, agent: slot, generation: v.pointee.poolGeneration)
                }
                return
            }
        }
        scheduleCandidateAcrossSegments(slot: slot, after: t, exponential: e)
    }

    /// The general case of ``scheduleCandidate(slot:after:)``: the unit
    /// exponential `e` is spent segment by segment, hazards recomputed where
    /// they are not the cached ones.
    @inline(never)
    mutating func scheduleCandidateAcrossSegments(slot: UInt32, after t: Double, exponential: Double) {
        let v = room.address(of: slot)
        var time = t
        var e = exponential
        let cached = Int(v.pointee.candidateSegment)
        let reusable = cached >= 0 && !v.pointee.flags.contains(.hazardsStale)
        var index = cached >= 0 ? profile.segmentIndex(at: time, from: cached) : profile.segmentIndex(at: time)
        let segmentCount = profile.segments.count
        while index < segmentCount {
            let segmentEnd = profile.segments[index].end
            let h = reusable && index == cached
                ? v.pointee.candidateHazards
                : model.hazards(v.pointee.traits, v.pointee.factors, profile.segments[index])
            let mass = h.total * (segmentEnd - time)
            if e < mass {
                // Kept inside its segment (rounding) and strictly after t.
                var candidate = time + e / h.total
                if candidate >= segmentEnd { candidate = segmentEnd.nextDown }
                if candidate <= t { candidate = t.nextUp }
                if candidate < end {
                    if !(reusable && index == cached) {
                        v.pointee.candidateSegment = Int32(index)
                        v.pointee.candidateHazards = h
                        v.pointee.flags.remove(.hazardsStale)
                    }
                    scheduler.schedule(at: candidate, kind: Kind.viewer.rawValue, agent: slot, generation: v.pointee.poolGeneration)
                }
                return
            }
            e -= mass
            time = segmentEnd
            index += 1
        }
    }

    /// A viewer's candidate pops: one uniform decides which hazard fires, or
    /// that the candidate is thinned away (the gap between boredom now and its bound).
    mutating func viewerEvent<Sink: EventSink>(slot: UInt32, at t: Double, sink: inout Sink) {
        let v = room.address(of: slot)
        diagnostics.candidates += 1
        let index = Int(v.pointee.candidateSegment)
        let h = v.pointee.candidateHazards
        let leaveBound = Double(h.leave), interactRate = Double(h.interact), clickRate = Double(h.click)
        var leaveRate = leaveBound
        if model.behaviour.boredom {
            leaveRate = leaveBound / model.boredomBound * model.boredom(timeInRoom: t - v.pointee.entryTime)
            if leaveRate > leaveBound * (1 + 1e-12) { diagnostics.boundViolations += 1 }
        }
        let u = v.pointee.stream.uniform() * h.total
        if u < leaveRate {
            leave(slot: slot, at: t, cut: false, sink: &sink)
            return
        }
        if u < leaveBound {
            diagnostics.thinningRejections += 1
        } else if u < leaveBound + interactRate {
            interact(slot: slot, segment: index, at: t, sink: &sink)
        } else if u < leaveBound + interactRate + clickRate {
            // Promotion salience ends with the offer's units: thin it away.
            let seg = profile.segments[index]
            if seg.promoted && !offers.anyAvailable(product: seg.featuredProduct, at: t)
                && u >= leaveBound + interactRate + clickRate * exp(-model.effects.promotionOnClick) {
                diagnostics.thinningRejections += 1
            } else {
                click(slot: slot, segment: seg, at: t, sink: &sink)
            }
        } else {
            share(slot: slot, at: t, sink: &sink)
        }
        scheduleCandidate(slot: slot, after: t)
    }

    // MARK: Behaviours (each emits facts; none counts)

    mutating func leave<Sink: EventSink>(slot: UInt32, at t: Double, cut: Bool, allowReentry: Bool = true, sink: inout Sink) {
        var fact = self.fact(.leave, slot: slot, at: t)
        fact.cutAtEnd = cut
        fact.staySeconds = t - room[slot].entryTime
        fact.exposures = countExposures(slot: slot, until: t)
        emit(fact, sink: &sink)
        guard !cut, allowReentry, reentryProbability > 0 else {
            room.remove(slot: slot)
            return
        }
        var viewer = room[slot]
        room.remove(slot: slot)
        // Re-entry: always two draws, so the stream stays aligned.
        let comesBack = viewer.stream.uniform() < reentryProbability
        let delay = viewer.stream.exponential(mean: meanReentryDelay)
        if comesBack && t + delay < end {
            let handle = away.insert(viewer)
            trackPeak()
            scheduler.schedule(at: t + delay, kind: Kind.reentry.rawValue, agent: handle.slot, generation: handle.generation)
        }
    }

    /// Featured windows overlapping this view, not counted in an earlier view.
    mutating func countExposures(slot: UInt32, until t: Double) -> Int32 {
        let entry = room[slot].entryTime
        guard t > entry else { return 0 }
        var count: Int32 = 0
        var index = profile.segmentIndex(at: entry)
        while index < profile.segments.count && profile.segments[index].start < t {
            let w = profile.segments[index].featuredWindow
            if w >= 0 {
                let ordinal = simulation.windowOrdinals[w]
                if ordinal > room[slot].lastExposedWindow {
                    room[slot].lastExposedWindow = ordinal
                    count += 1
                }
            }
            index += 1
        }
        return count
    }

    mutating func interact<Sink: EventSink>(slot: UInt32, segment index: Int, at t: Double, sink: inout Sink) {
        let v = room.address(of: slot)
        let first = !v.pointee.flags.contains(.interacted)
        v.pointee.flags.insert(.interacted)
        var fact = self.fact(.interact, slot: slot, at: t)
        fact.isFirst = first
        emit(fact, sink: &sink)
        // Follows happen on interactions, by viewers who do not follow yet
        // (the chance on this segment was computed with its hazards).
        let u = v.pointee.stream.uniform()
        if !v.pointee.flags.contains(.follower) && u < Double(v.pointee.candidateHazards.followProbability) {
            v.pointee.flags.insert(.follower)
            emit(self.fact(.follow, slot: slot, at: t), sink: &sink)
        }
    }

    /// A product click and the purchase decision it may lead to: the best
    /// offer's unit price against the viewer's willingness to pay, urgency and
    /// scarcity, gifts and full reductions, trust endorsements; then stock and
    /// the checkout funnel. Always three draws (decision, basket, checkout),
    /// so the viewer's stream stays aligned whatever the offers.
    mutating func click<Sink: EventSink>(slot: UInt32, segment seg: StreamProfile.Segment, at t: Double, sink: inout Sink) {
        let v = room[slot]
        let p = seg.featuredProduct
        emit(ViewerEvent(time: t, kind: .click, viewer: v.id, channel: v.channel, channelRow: v.channelRow,
                         segment: v.segment, product: Int16(p)), sink: &sink)
        let uDecision = room[slot].stream.uniform(), uBasket = room[slot].stream.uniform(), uCheckout = room[slot].stream.uniform()
        var quote = offers.quote(product: p, at: t)
        let e = model.effects
        let reference = simulation.configuration.products[p].referencePriceYuan
        let urgency = Double(v.traits.urgencyResponse) / 0.5
        var logOdds = Double(v.factors.purchaseLogit) + seg.purchaseLogitShift + trustTerm(v.traits)
            + model.priceTerm(v.traits, priceYuan: quote.unitPriceYuan, referencePriceYuan: reference)
        if quote.priceOffer >= 0 {
            let entry = offers.entries[quote.priceOffer]
            if entry.offer.isTimeLimited { logOdds += e.urgencyOnPurchase * urgency }
            if entry.offer.units != nil { logOdds += e.scarcityOnPurchase * urgency * offers.soldShare(quote.priceOffer) }
            if quote.units > 1 { logOdds -= e.bundleCommitmentOnPurchase * log(Double(quote.units)) }
        }
        if quote.gift >= 0 {
            let gift = offers.entries[quote.gift].offer
            logOdds += model.priceTerm(v.traits, priceYuan: reference - gift.giftValueYuan, referencePriceYuan: reference)
                - model.priceTerm(v.traits, priceYuan: reference, referencePriceYuan: reference)
            if gift.units != nil { logOdds += e.scarcityOnPurchase * urgency * offers.soldShare(quote.gift) }
        }
        var amount = quote.unitPriceYuan * Double(quote.units)
        if quote.fullReduction >= 0 {
            let coupon = offers.entries[quote.fullReduction].offer
            // A buyer short of the threshold may add units to reach it (basket size).
            if amount < coupon.thresholdYuan && quote.units == 1 && uBasket < e.fullReductionTakeUp {
                let needed = Int((coupon.thresholdYuan / quote.unitPriceYuan).rounded(.up))
                if needed <= 5 && (offers.remainingUnits(quote.priceOffer) ?? needed) >= needed {
                    quote.units = needed
                    amount = quote.unitPriceYuan * Double(needed)
                }
            }
            if amount >= coupon.thresholdYuan {
                // The reduction acts as a price cut per unit.
                let perUnit = coupon.reductionYuan / Double(quote.units)
                logOdds += model.priceTerm(v.traits, priceYuan: reference - perUnit, referencePriceYuan: reference)
                    - model.priceTerm(v.traits, priceYuan: reference, referencePriceYuan: reference)
                amount -= coupon.reductionYuan
            } else {
                quote.fullReduction = -1
            }
        }
        var perkDiscount = 0.0
        var couponYuan = 0.0
        if v.flags.contains(.perks), let held = perks[v.id] {
            // A season's perks: the reminder's boost on its product, the
            // member discount and a coupon, each a price cut per unit.
            if held.remindedProduct == p { logOdds += held.reminderLogitBoost }
            let units = Double(quote.units)
            if held.discountRate > 0 {
                let cut = quote.unitPriceYuan * held.discountRate
                logOdds += model.priceTerm(v.traits, priceYuan: reference - cut, referencePriceYuan: reference)
                    - model.priceTerm(v.traits, priceYuan: reference, referencePriceYuan: reference)
                perkDiscount += cut * units
            }
            let due = amount - perkDiscount
            if held.couponValueYuan > 0 && due >= held.couponThresholdYuan {
                let value = min(held.couponValueYuan, due)
                logOdds += model.priceTerm(v.traits, priceYuan: reference - value / units, referencePriceYuan: reference)
                    - model.priceTerm(v.traits, priceYuan: reference, referencePriceYuan: reference)
                perkDiscount += value
                couponYuan = value
            }
        }
        amount -= perkDiscount
        guard uDecision < logistic(logOdds) else { return }
        let offerIndex = quote.priceOffer >= 0 ? quote.priceOffer : quote.gift >= 0 ? quote.gift : quote.fullReduction
        guard offers.inStock(product: p, units: quote.units) else {
            // A positive decision at zero stock: a lost sale, and a viewer more likely to leave.
            emit(ViewerEvent(time: t, kind: .lostSale, viewer: v.id, channel: v.channel, channelRow: v.channelRow,
                             segment: v.segment, product: Int16(p), offer: Int16(offerIndex), units: Int32(quote.units),
                             amountYuan: amount), sink: &sink)
            room[slot].factors.leave *= Float(exp(e.lostSaleOnStay))
            room[slot].flags.insert(.hazardsStale)
            return
        }
        guard uCheckout < checkoutCompletion else { return }
        offers.sell(product: p, units: quote.units, quote: quote, at: t)
        if quote.gift >= 0 { giftCosts += offers.entries[quote.gift].offer.giftCostYuan }
        let first = !v.flags.contains(.bought)
        room[slot].flags.insert(.bought)
        room[slot].ordersMade &+= 1
        var order = ViewerEvent(time: t, kind: .order, viewer: v.id, channel: v.channel, channelRow: v.channelRow,
                                segment: v.segment, isFirst: first, product: Int16(p), offer: Int16(offerIndex),
                                units: Int32(quote.units), amountYuan: amount)
        order.perkDiscountYuan = perkDiscount
        order.couponYuan = couponYuan
        if couponYuan > 0 { perks[v.id]?.couponValueYuan = 0 }
        emit(order, sink: &sink)
        if let settings = returnSettings {
            // Whether and when it comes back is drawn now, from a sub-stream of
            // (buyer, order number); only returns are kept, so memory follows
            // returns, not orders.
            var stream = AgentStream(seed: SplitMix64.combine(v.identitySeed, UInt64(room[slot].ordersMade)))
            let u = stream.uniform()
            let delay = stream.exponential(mean: settings.meanDelayDays * 86_400)
            if u < returnProbability(settings, v.traits, paid: amount, listValue: reference * Double(quote.units)) {
                returns.append(ViewerEvent(time: end + delay, kind: .return, viewer: v.id, channel: v.channel,
                                           channelRow: v.channelRow, segment: v.segment, product: Int16(p),
                                           offer: Int16(offerIndex), units: Int32(quote.units), amountYuan: amount))
            }
        }
    }

    /// Endorsements add their effects, scaled by (1.5 − trust).
    @inline(__always)
    func trustTerm(_ t: ViewerTraits) -> Double { trustEffect * (1.5 - Double(t.trust)) }

    /// P(return) of an order: base log-odds, discount depth, impulse, 7-day returns.
    func returnProbability(_ r: ReturnSettings, _ t: ViewerTraits, paid: Double, listValue: Double) -> Double {
        let depth = listValue > 0 ? max(0, 1 - paid / listValue) : 0
        var x = logit(min(max(r.baseRate, 1e-9), 1 - 1e-9)) + r.discountDepthEffect * depth + r.impulseEffect * (Double(t.urgencyResponse) - 0.5) * 2
        if simulation.configuration.trust?.sevenDayReturns == true { x += r.sevenDayReturnsEffect }
        return logistic(x)
    }

    /// After the stream: the returns, in time order.
    mutating func processReturns<Sink: EventSink>(sink: inout Sink) {
        returns.sort { $0.time < $1.time || ($0.time == $1.time && $0.viewer < $1.viewer) }
        for event in returns { emit(event, sink: &sink) }
    }

    mutating func share<Sink: EventSink>(slot: UInt32, at t: Double, sink: inout Sink) {
        room[slot].flags.insert(.shared)
        let sharesBefore = room[slot].sharesMade
        room[slot].sharesMade &+= 1
        emit(fact(.share, slot: slot, at: t), sink: &sink)
        guard shareSource != nil, inviteesPerShare > 0 else { return }
        let count = room[slot].stream.poisson(mean: inviteesPerShare)
        let shareSeed = SplitMix64.combine(room[slot].identitySeed, UInt64(sharesBefore))
        for k in 0..<count {
            let delay = room[slot].stream.exponential(mean: meanInviteDelay)
            guard t + delay < end else { continue }
            let handle = invitees.insert(PendingInvitee(identitySeed: SplitMix64.combine(shareSeed, UInt64(k))))
            trackPeak()
            scheduler.schedule(at: t + delay, kind: Kind.invitee.rawValue, agent: handle.slot, generation: handle.generation)
        }
    }

    /// The fact `kind` about the viewer in `slot` at `t` (kind-specific fields left at their defaults).
    @inline(__always)
    func fact(_ kind: ViewerEvent.Kind, slot: UInt32, at t: Double) -> ViewerEvent {
        let v = room.address(of: slot)
        return ViewerEvent(time: t, kind: kind, viewer: v.pointee.id, channel: v.pointee.channel,
                           channelRow: v.pointee.channelRow, segment: v.pointee.segment)
    }

    @inline(__always)
    mutating func emit<Sink: EventSink>(_ event: ViewerEvent, sink: inout Sink) {
        recorder.record(event)
        sink.receive(event)
    }

    @inline(__always)
    mutating func trackPeak() {
        let held = room.count + away.count + invitees.count
        if held > diagnostics.peakAgents { diagnostics.peakAgents = held }
    }
}
