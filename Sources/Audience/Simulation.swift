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
        self.init(checked: configuration)
    }

    /// Prepares a configuration that ``StreamConfiguration/validate()`` has
    /// just accepted (a loaded scenario's, a calibration's candidate), without
    /// checking it again: the checks are a third of a baseline's set-up.
    package init(checked configuration: StreamConfiguration) {
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
    /// - Parameter progress: called at the first event and every 2¹⁸ after with the
    ///   share of stream time simulated so far, for progress displays.
    /// - Parameter season: the known people a season brings back into this
    ///   stream (nil: a stream on its own).
    /// - Parameter stop: read as often as `progress` is called (a replication
    ///   started after it was raised ends at its first event); once raised the
    ///   replication ends early and its result is partial.
    public func run<Sink: EventSink>(seed: UInt64, replication: Int, sink: inout Sink,
                                     progress: ((Double) -> Void)? = nil, season: SeasonStreamInput? = nil,
                                     stop: StopSignal? = nil) -> StreamResult {
        var run = StreamRun(simulation: self, seed: seed, replication: replication, season: season)
        run.progress = progress
        run.stop = stop
        return run.execute(sink: &sink)
    }
}

/// The mutable state of one replication and its event loop. What the
/// events do lives in extensions, one concern each: arrivals
/// (`StreamRun+Arrivals`), competing hazards and thinning
/// (`StreamRun+Candidates`), behaviours and the facts they emit
/// (`StreamRun+Behaviours`); the purchase decision is ``PurchaseDecision``.
struct StreamRun: ~Copyable {
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
    /// This stream's day (``DayDraws``): already in `profile` and `sources`.
    let day: DayDraws
    let end: Double
    /// The arrival sources, owned here (freed in `deinit`): drawing an
    /// arrival mutates its source in place, without an array's uniqueness checks.
    let sources: UnsafeMutableBufferPointer<ArrivalSource>
    let shareSource: Int?
    var scheduler: EventScheduler<BucketQueue>
    /// Each source's next arrival, beside the queue (``SourceClocks``): due
    /// within a few events, it would be inserted near the queue's head and
    /// popped again at once.
    var arrivalClocks: SourceClocks
    var room = AgentPool<Viewer>()
    var away = AgentPool<Viewer>()
    var invitees = AgentPool<PendingInvitee>()
    var recorder: KPIRecorder
    var diagnostics = RunDiagnostics()
    var progress: ((Double) -> Void)?
    var stop: StopSignal?
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
        let day = DayDraws(c.variation, seed: seed, replication: replication)
        self.day = day
        let profile = StreamProfile(configuration: c, model: simulation.model,
                                    stalls: StreamRun.stallIncidents(c, seed: seed, replication: replication), day: day)
        self.profile = profile
        roomWeight = RoomWeight(configuration: c)
        let model = simulation.model
        var made = ArrivalSource.make(configuration: c, model: model, seed: seed, replication: replication,
                                      feedMaximum: roomWeight?.maximumMultiplier ?? 1, traffic: day.trafficMultiplier)
        rebufferRatio = c.streamQuality?.rebufferRatio ?? 0
        if rebufferRatio == 0 {
            // Viewers without trait spread (nor a network of their own) share
            // their hazards on each profile segment: computed here, once.
            for i in made.indices {
                guard let fixed = made[i].fixedViewers else { continue }
                let hazards = fixed.flatMap { viewer in
                    profile.segments.map { model.hazards(viewer.traits, viewer.factors, $0) }
                }
                made[i].fixedHazards = .allocate(capacity: hazards.count)
                _ = made[i].fixedHazards!.initialize(from: hazards)
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
        arrivalClocks = SourceClocks(count: made.count)
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
        for source in sources { source.fixedHazards?.deallocate() }
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

    /// The next event: the soonest source's arrival, unless a queued event
    /// comes first (an arrival wins a tie).
    @inline(__always)
    mutating func nextEvent() -> Event? {
        let arrival = arrivalClocks.soonestTime
        if let event = scheduler.next(before: arrival) { return event }
        guard arrival < end else { return nil }
        scheduler.runExternal(at: arrival)
        return Event(time: arrival, sequence: 0, kind: Kind.arrival.rawValue, payload: Int32(arrivalClocks.soonest))
    }

    @_specialize(where Sink == NoSink)
    mutating func execute<Sink: EventSink>(sink: inout Sink) -> StreamResult {
        for i in sources.indices { scheduleNextArrival(source: i, after: 0) }
        if let weight = roomWeight { recorder.recordFeedMultiplier(weight.multiplier, clampSide: weight.clampSide, at: 0) }
        if let tick = roomWeight?.tickSeconds, tick < end { scheduler.schedule(at: tick, kind: Kind.tick.rawValue) }
        if let visits = season?.visits {
            for (i, visit) in visits.enumerated() where visit.time < end {
                scheduler.schedule(at: visit.time, kind: Kind.known.rawValue, payload: Int32(i))
            }
        }
        while let event = nextEvent() {
            // At the first event (a replication started after a stop ends at
            // once) and every 2¹⁸ after it.
            if scheduler.eventsProcessed & 0x3FFFF == 1 {
                progress?(event.time / end)
                if let stop, stop.isRaised { break }
            }
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
                recorder.recordFeedMultiplier(roomWeight!.multiplier, clampSide: roomWeight!.clampSide, at: event.time)
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
                if let s = shareSource { arriveNew(source: s, identity: seed, at: event.time, sink: &sink) }
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
        var result = recorder.finish(diagnostics: diagnostics, profile: profile, offers: offers)
        result.day = day
        return result
    }
}
