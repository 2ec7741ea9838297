extension AgentPool {
    /// Traps, naming the broken invariant, unless the pool is consistent:
    /// the live count and the free list account for every slot ever
    /// initialised, the chunks cover them, every free slot is distinct and
    /// has an even generation (2 or more: it was occupied once), every other
    /// slot an odd one (occupied).
    ///
    /// Always compiled, so tests of optimised builds can call it; debug
    /// builds call it from `removeAll` and whenever the pool's high-water
    /// mark reaches a power of two, which keeps debug runs linear.
    /// - Complexity: O(capacity).
    public func _checkInvariants() {
        precondition(_count >= 0 && _count <= initialized, "AgentPool: \(_count) live agents in \(initialized) slots")
        precondition(_count + freeSlots.count == initialized,
                     "AgentPool: \(_count) live + \(freeSlots.count) free slots ≠ \(initialized) slots initialised")
        let chunksNeeded = (initialized + Self.chunkMask) >> Self.chunkShift
        precondition(chunks.count >= chunksNeeded, "AgentPool: \(chunks.count) chunks for \(initialized) slots")
        var free = [Bool](repeating: false, count: initialized)
        for k in 0..<freeSlots.count {
            let slot = Int(freeSlots.base[k])
            precondition(slot < initialized, "AgentPool: free slot \(slot) was never initialised (\(initialized) were)")
            precondition(!free[slot], "AgentPool: slot \(slot) is twice in the free list")
            free[slot] = true
            let generation = pointer(slot).pointee.poolGeneration
            precondition(generation & 1 == 0 && generation >= 2, "AgentPool: free slot \(slot) has generation \(generation)")
        }
        for slot in 0..<initialized where !free[slot] {
            let generation = pointer(slot).pointee.poolGeneration
            precondition(generation & 1 == 1, "AgentPool: slot \(slot), not in the free list, has the free generation \(generation)")
        }
    }

    /// ``_checkInvariants()`` in debug builds; nothing otherwise.
    @inlinable @inline(__always)
    func checkInvariantsInDebugBuilds() {
        #if DEBUG
        _checkInvariants()
        #endif
    }
}
