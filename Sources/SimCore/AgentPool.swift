/// A reference to one agent: its slot and the slot's generation when the
/// agent was inserted.
public struct AgentHandle: Hashable, Sendable {
    public let slot: UInt32
    public let generation: UInt32

    @inlinable
    public init(slot: UInt32, generation: UInt32) {
        self.slot = slot
        self.generation = generation
    }
}

/// Agents stored as an array of structs with a free list of slots.
///
/// Each slot has a generation number that increases when its agent is
/// inserted and when it is removed (odd while occupied), so an event scheduled
/// for the previous occupant carries a stale generation and is skipped when
/// popped (``EventScheduler/next(isCurrent:)``): nothing is ever searched for
/// and removed from the event queue, and the check is one array read.
public struct AgentPool<Agent> {
    @usableFromInline var agents: [Agent] = []
    @usableFromInline var generations: [UInt32] = []
    @usableFromInline var freeSlots: [UInt32] = []
    /// Live agents.
    @usableFromInline var _count: Int = 0
    public var count: Int { _count }

    public init(minimumCapacity: Int = 0) {
        agents.reserveCapacity(minimumCapacity)
        generations.reserveCapacity(minimumCapacity)
    }

    /// Slots allocated so far (live or free): the pool's high-water mark.
    public var capacity: Int { agents.count }

    /// Stores an agent in a free slot (or a new one).
    /// - Complexity: amortised O(1).
    @inlinable
    @discardableResult
    public mutating func insert(_ agent: Agent) -> AgentHandle {
        _count += 1
        if let slot = freeSlots.popLast() {
            let i = Int(slot)
            agents[i] = agent
            generations[i] &+= 1
            return AgentHandle(slot: slot, generation: generations[i])
        }
        precondition(agents.count < Int(UInt32.max), "agent pool exhausted")
        agents.append(agent)
        generations.append(1)
        return AgentHandle(slot: UInt32(agents.count - 1), generation: 1)
    }

    /// Frees a slot, invalidating events scheduled for its agent.
    /// - Complexity: O(1).
    @inlinable
    public mutating func remove(slot: UInt32) {
        let i = Int(slot)
        precondition(generations[i] & 1 == 1, "removing a free slot \(slot)")
        generations[i] &+= 1
        freeSlots.append(slot)
        _count -= 1
    }

    /// Whether `slot` still holds the agent that had `generation`.
    /// - Complexity: O(1).
    @inlinable
    public func isCurrent(slot: UInt32, generation: UInt32) -> Bool {
        let i = Int(slot)
        return i < generations.count && generations[i] == generation && generation & 1 == 1
    }

    /// The current generation of `slot`.
    @inlinable
    public func generation(of slot: UInt32) -> UInt32 { generations[Int(slot)] }

    /// The agent in `slot` (which must be occupied).
    @inlinable
    public subscript(slot: UInt32) -> Agent {
        get { agents[Int(slot)] }
        _modify { yield &agents[Int(slot)] }
    }

    /// Calls `body` with each live agent's slot, in slot order.
    public func forEachSlot(_ body: (UInt32) throws -> Void) rethrows {
        for i in generations.indices where generations[i] & 1 == 1 { try body(UInt32(i)) }
    }

    /// Empties the pool, keeping storage.
    public mutating func removeAll() {
        agents.removeAll(keepingCapacity: true)
        generations.removeAll(keepingCapacity: true)
        freeSlots.removeAll(keepingCapacity: true)
        _count = 0
    }
}
