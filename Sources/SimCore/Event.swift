/// A scheduled event: a small value type, so scheduling never allocates.
///
/// SimCore interprets only `time` and `sequence`; `kind`, `agent`,
/// `generation` and `payload` belong to the model (an event kind code, the
/// agent's pool slot and its generation, one hot integer such as a channel).
public struct Event: Sendable, Equatable, BitwiseCopyable {
    /// When it happens, in the model's time unit.
    public var time: Double
    /// Scheduling order; breaks ties in `time`, so equal times pop first-in first-out.
    public var sequence: UInt64
    /// The model's event kind code.
    public var kind: UInt16
    /// The agent's slot generation when the event was scheduled (see ``AgentPool``).
    public var generation: UInt32
    /// The agent's slot index, or ``Event/noAgent``.
    public var agent: UInt32
    /// One model-defined integer (a channel index, a product index, …).
    public var payload: Int32

    /// The `agent` value of an event that belongs to no agent.
    public static let noAgent = UInt32.max

    @inlinable
    public init(time: Double, sequence: UInt64, kind: UInt16, agent: UInt32 = Event.noAgent, generation: UInt32 = 0, payload: Int32 = 0) {
        self.time = time
        self.sequence = sequence
        self.kind = kind
        self.generation = generation
        self.agent = agent
        self.payload = payload
    }

    /// `(time, sequence)` order: the order in which events pop.
    @inlinable
    public static func precedes(_ a: Event, _ b: Event) -> Bool {
        a.time < b.time || (a.time == b.time && a.sequence < b.sequence)
    }
}
