/// The clock and the pending events of one simulation run.
///
/// **The run boundary.** A run covers the half-open interval `[0, endTime)`:
/// an event at exactly `endTime` (or later) never runs, like SimPy's
/// `run(until:)`. When ``next(isCurrent:)`` returns nil the clock stands at
/// `endTime`, and the model closes whatever is still open there (for example,
/// stays still running are cut at the end).
public struct EventScheduler<Queue: EventQueue & ~Copyable>: ~Copyable {
    @usableFromInline var _queue: Queue
    /// Events pending (including those at or after ``endTime``).
    public var pendingCount: Int { _queue.count }
    /// The current simulation time.
    @usableFromInline var _now: Double = 0
    public var now: Double { _now }
    /// Events at or after this time do not run.
    public let endTime: Double
    /// Events popped and handed to the model.
    @usableFromInline var _eventsProcessed: Int = 0
    public var eventsProcessed: Int { _eventsProcessed }
    /// Events popped and dropped because their agent's slot had been recycled.
    @usableFromInline var _staleEventsSkipped: Int = 0
    public var staleEventsSkipped: Int { _staleEventsSkipped }
    @usableFromInline var nextSequence: UInt64 = 0

    /// A scheduler starting at time 0 with an empty `queue`.
    public init(queue: consuming Queue, endTime: Double) {
        precondition(endTime >= 0 && endTime.isFinite, "endTime must be finite and ≥ 0, got \(endTime)")
        _queue = queue
        self.endTime = endTime
    }

    /// Events scheduled so far (also the next sequence number).
    public var eventsScheduled: UInt64 { nextSequence }

    /// Schedules an event; `time` may not lie in the past. Events at or after
    /// `endTime` may be scheduled but will not run.
    @inlinable
    public mutating func schedule(at time: Double, kind: UInt16, agent: UInt32 = Event.noAgent, generation: UInt32 = 0, payload: Int32 = 0) {
        assert(time >= _now && !time.isNaN, "event scheduled in the past: \(time) < \(_now)")
        _queue.insert(Event(time: time, sequence: nextSequence, kind: kind, agent: agent, generation: generation, payload: payload))
        nextSequence &+= 1
    }

    /// Pops the next event before `endTime` whose agent is still current
    /// (`isCurrent` answers that, e.g. ``AgentPool/isCurrent(slot:generation:)``),
    /// advancing the clock to it. Events of recycled slots are dropped and
    /// counted. Returns nil, with the clock at `endTime`, when none is left
    /// before the end.
    @inlinable
    public mutating func next(isCurrent: (Event) -> Bool) -> Event? {
        while let event = _queue.popFirst(before: endTime) {
            _now = event.time
            if event.agent != Event.noAgent && !isCurrent(event) {
                _staleEventsSkipped += 1
                continue
            }
            _eventsProcessed += 1
            return event
        }
        _now = endTime
        return nil
    }

    /// Pops the next event before `endTime` without a staleness check; a
    /// model that checks its agents itself reports drops with ``markStale()``.
    @inlinable
    public mutating func next() -> Event? { next(isCurrent: { _ in true }) }

    /// Pops the next event if it comes before `limit` (and before `endTime`),
    /// without a staleness check: for a model whose other events live outside
    /// the queue (``SourceClocks``), the soonest of them being due at `limit`.
    /// Returns nil, leaving the queue as it is, when none does; the clock
    /// then stands at `endTime` if `limit` is not before it.
    @inlinable
    public mutating func next(before limit: Double) -> Event? {
        if let event = _queue.popFirst(before: limit < endTime ? limit : endTime) {
            _now = event.time
            _eventsProcessed += 1
            return event
        }
        if limit >= endTime { _now = endTime }
        return nil
    }

    /// Runs an event kept outside the queue, due at `time` (which no queued
    /// event precedes, and before `endTime`): advances the clock and counts it.
    @inlinable
    public mutating func runExternal(at time: Double) {
        precondition(time >= _now && time < endTime, "external event at \(time), outside [\(_now), \(endTime))")
        _now = time
        _eventsProcessed += 1
    }

    /// Reclassifies the event just returned by ``next()`` as stale: dropped,
    /// not processed. For models whose agent pools live beside the scheduler.
    @inlinable
    public mutating func markStale() {
        _eventsProcessed -= 1
        _staleEventsSkipped += 1
    }
}

extension EventScheduler: Copyable where Queue: Copyable {}

extension EventScheduler where Queue == BucketQueue {
    /// A pending event a few places ahead of the clock (see ``BucketQueue/peek(ahead:)``).
    @inlinable
    public func peek(ahead k: Int) -> Event? { _queue.peek(ahead: k) }
}
