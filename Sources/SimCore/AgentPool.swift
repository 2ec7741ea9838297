import CMemoryHints
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

/// An agent that carries its pool slot's generation, so the staleness check
/// of an event reads the cache line the event will use anyway. The field
/// belongs to the pool: ``AgentPool`` sets it on insert and remove; models
/// never write it (assign fields of a pooled agent, not the whole agent).
public protocol PoolAgent {
    var poolGeneration: UInt32 { get set }
}

/// Agents stored in fixed-size chunks of structs, with a free list of slots.
///
/// Each slot has a generation number, kept in the agent
/// (``PoolAgent/poolGeneration``), that increases when its agent is inserted
/// and when it is removed (odd while occupied), so an event scheduled for the
/// previous occupant carries a stale generation and is skipped when popped
/// (``EventScheduler/next(isCurrent:)``): nothing is ever searched for and
/// removed from the event queue, and the check is one read of the agent.
///
/// Chunks of 2¹⁶ agents are allocated as the pool grows and never moved, so
/// growing never copies the agents (no transient doubling of memory with
/// millions present) and an agent is updated in place without copy-on-write
/// checks. The pool is therefore not copyable. Its invariants are checked
/// by ``_checkInvariants()`` (AgentPool+Invariants).
public struct AgentPool<Agent: PoolAgent>: ~Copyable {
    @inlinable static var chunkShift: Int { 16 }
    @inlinable static var chunkMask: Int { (1 << 16) - 1 }

    @usableFromInline var chunks: [UnsafeMutablePointer<Agent>] = []
    /// Slots ever initialised (the high-water mark).
    @usableFromInline var initialized = 0
    @usableFromInline var freeSlots = RawBuffer<UInt32>()
    /// Live agents.
    @usableFromInline var _count: Int = 0
    public var count: Int { _count }

    public init() {}

    deinit {
        deinitializeAll()
        for chunk in chunks { livesim_free_large(chunk) }
    }

    /// Deinitialises every slot ever initialised, a chunk at a time (no work
    /// per agent for trivial agents, however many there were).
    @usableFromInline
    func deinitializeAll() {
        var remaining = initialized
        for chunk in chunks where remaining > 0 {
            let n = min(remaining, 1 << Self.chunkShift)
            chunk.deinitialize(count: n)
            remaining -= n
        }
    }

    /// Slots allocated so far (live or free): the pool's high-water mark.
    public var capacity: Int { initialized }

    @inlinable
    func pointer(_ i: Int) -> UnsafeMutablePointer<Agent> {
        chunks[i >> Self.chunkShift] + (i & Self.chunkMask)
    }

    /// A chunk on huge pages (aligned to 2 MiB, so an agent whose size is a
    /// multiple of 64 bytes spans whole cache lines): with millions of agents
    /// every access is random, and 4 KiB pages would add a page-table walk
    /// to most of them.
    @usableFromInline
    static func allocateChunk() -> UnsafeMutablePointer<Agent> {
        guard let raw = livesim_allocate_large(MemoryLayout<Agent>.stride << chunkShift) else {
            fatalError("out of memory for \(1 << chunkShift) agents")
        }
        return raw.bindMemory(to: Agent.self, capacity: 1 << chunkShift)
    }

    /// Stores an agent in a free slot (or a new one).
    /// - Complexity: amortised O(1).
    @inlinable @inline(__always)
    @discardableResult
    public mutating func insert(_ agent: Agent) -> AgentHandle {
        _count += 1
        if freeSlots.count > 0 {
            freeSlots.count -= 1
            let slot = freeSlots.base[freeSlots.count]
            let p = pointer(Int(slot))
            let generation = p.pointee.poolGeneration &+ 1
            p.pointee = agent
            p.pointee.poolGeneration = generation
            // The next insert's slot, freed who knows how long ago: fetched
            // now, so that it is in cache when it is written.
            if freeSlots.count > 0 { prefetchWhole(Int(freeSlots.base[freeSlots.count - 1])) }
            return AgentHandle(slot: slot, generation: generation)
        }
        precondition(initialized < Int(UInt32.max), "agent pool exhausted")
        let i = initialized
        if i >> Self.chunkShift == chunks.count { chunks.append(Self.allocateChunk()) }
        pointer(i).initialize(to: agent)
        pointer(i).pointee.poolGeneration = 1
        initialized += 1
        if initialized & (initialized - 1) == 0 { checkInvariantsInDebugBuilds() }
        return AgentHandle(slot: UInt32(i), generation: 1)
    }

    /// Frees a slot, invalidating events scheduled for its agent.
    /// - Complexity: O(1).
    @inlinable
    public mutating func remove(slot: UInt32) {
        let p = pointer(Int(slot))
        precondition(p.pointee.poolGeneration & 1 == 1, "removing a free slot \(slot)")
        p.pointee.poolGeneration &+= 1
        freeSlots.append(slot)
        _count -= 1
    }

    /// Whether `slot` still holds the agent that had `generation`.
    /// - Complexity: O(1).
    @inlinable
    public func isCurrent(slot: UInt32, generation: UInt32) -> Bool {
        Int(slot) < initialized && pointer(Int(slot)).pointee.poolGeneration == generation && generation & 1 == 1
    }

    /// The current generation of `slot`.
    @inlinable
    public func generation(of slot: UInt32) -> UInt32 { pointer(Int(slot)).pointee.poolGeneration }

    /// The address of the agent in `slot` (which must be occupied). Chunks
    /// never move, so it stays valid while the agent stays: a model can read
    /// and update one agent through it without repeating the lookup.
    @inlinable
    public func address(of slot: UInt32) -> UnsafeMutablePointer<Agent> { pointer(Int(slot)) }

    /// Starts fetching every cache line of `slot`'s agent (a slot ever used;
    /// live or not), so that it is in cache when its event pops. All of it:
    /// the rarer fields (a viewer's traits, read on a click) would otherwise
    /// miss on every such event. A hint only.
    @inlinable
    public func prefetch(slot: UInt32) {
        let i = Int(slot)
        guard i < initialized else { return }
        prefetchWhole(i)
    }

    /// Starts fetching every cache line of slot `i`'s agent.
    @inlinable @inline(__always)
    func prefetchWhole(_ i: Int) {
        let start = UnsafeRawPointer(pointer(i))
        for offset in stride(from: 0, to: MemoryLayout<Agent>.stride, by: 64) { livesim_prefetch(start + offset) }
    }

    /// The agent in `slot` (which must be occupied), read or updated in place.
    @inlinable
    public subscript(slot: UInt32) -> Agent {
        unsafeAddress { UnsafePointer(pointer(Int(slot))) }
        unsafeMutableAddress { pointer(Int(slot)) }
    }

    /// Calls `body` with each live agent's slot, in slot order.
    @inlinable
    public func forEachSlot(_ body: (UInt32) throws -> Void) rethrows {
        var slot = 0
        for chunk in chunks {
            let n = min(initialized - slot, 1 << Self.chunkShift)
            for k in 0..<n where chunk[k].poolGeneration & 1 == 1 { try body(UInt32(slot + k)) }
            slot += n
        }
    }

    /// Empties the pool, keeping its chunks.
    public mutating func removeAll() {
        deinitializeAll()
        initialized = 0
        freeSlots.removeAll()
        _count = 0
        checkInvariantsInDebugBuilds()
    }
}
