@testable import SimCore
import Testing

/// A value in a pool (the pool keeps its slot's generation in it).
struct Pooled<Value>: PoolAgent {
    var value: Value
    var poolGeneration: UInt32 = 0
    init(_ value: Value) { self.value = value }
}

@Suite struct AgentPoolTests {
    @Test func slotsAreReusedWithANewGeneration() {
        var pool = AgentPool<Pooled<String>>()
        let a = pool.insert(Pooled("a")), b = pool.insert(Pooled("b"))
        #expect(pool.count == 2 && pool.capacity == 2)
        pool.remove(slot: a.slot)
        let aCurrent = pool.isCurrent(slot: a.slot, generation: a.generation)
        let bCurrent = pool.isCurrent(slot: b.slot, generation: b.generation)
        #expect(!aCurrent && bCurrent)
        let c = pool.insert(Pooled("c"))
        let aAfter = pool.isCurrent(slot: a.slot, generation: a.generation)
        let cCurrent = pool.isCurrent(slot: c.slot, generation: c.generation)
        #expect(c.slot == a.slot && c.generation != a.generation && !aAfter && cCurrent)
        let value = pool[c.slot].value
        #expect(value == "c" && pool.count == 2 && pool.capacity == 2)
        pool[c.slot].value = "c2"
        pool[c.slot].value.append("!")
        let updated = pool[c.slot].value
        let stillCurrent = pool.isCurrent(slot: c.slot, generation: c.generation)
        #expect(updated == "c2!" && stillCurrent)
        var live: [UInt32] = []
        pool.forEachSlot { live.append($0) }
        #expect(live == [0, 1])
        let unknown = pool.isCurrent(slot: 99, generation: 1)
        #expect(!unknown)
    }

    @Test func freedSlotsAreNotLive() {
        var pool = AgentPool<Pooled<Int>>()
        let handles = (0..<5).map { pool.insert(Pooled($0)) }
        for h in handles where h.slot % 2 == 0 { pool.remove(slot: h.slot) }
        var live: [Int] = []
        pool.forEachSlot { live.append(pool[$0].value) }
        #expect(live == [1, 3])
        pool.removeAll()
        #expect(pool.count == 0 && pool.capacity == 0)
    }

    /// Past one chunk (2¹⁶ agents) every agent keeps its value and slot.
    @Test func agentsStayInPlaceAcrossChunks() {
        var pool = AgentPool<Pooled<UInt64>>()
        let n = 200_000
        for i in 0..<n { pool.insert(Pooled(UInt64(i) &* 2_654_435_761)) }
        for i in stride(from: 0, to: n, by: 3) { pool.remove(slot: UInt32(i)) }
        for i in stride(from: 0, to: n, by: 3) { pool.insert(Pooled(UInt64(i))) }   // reuses freed slots
        var mismatches = 0
        var reinserted: Set<UInt64> = []
        for i in 0..<n {
            if i % 3 == 0 { reinserted.insert(pool[UInt32(i)].value) } else if pool[UInt32(i)].value != UInt64(i) &* 2_654_435_761 { mismatches += 1 }
        }
        #expect(reinserted == Set(stride(from: 0, to: n, by: 3).map { UInt64($0) }))
        #expect(mismatches == 0 && pool.count == n && pool.capacity == n)
    }

    /// The pool's invariants (``AgentPool/_checkInvariants()``) hold after
    /// random inserts and removals, across a chunk boundary and after
    /// `removeAll`, and every handle is current exactly while its agent stays.
    @Test func invariantsHoldUnderRandomInsertsAndRemovals() {
        for seed in 0..<8 {
            var stream = RandomStream(seed: UInt64(200 + seed))
            var pool = AgentPool<Pooled<Int>>()
            var live: [AgentHandle] = []
            var gone: [AgentHandle] = []
            let steps = seed == 0 ? 150_000 : 5_000
            for step in 0..<steps {
                if stream.uniform() < (step < steps / 2 ? 0.7 : 0.35) || live.isEmpty {
                    live.append(pool.insert(Pooled(step)))
                } else {
                    let k = Int(stream.uniform() * Double(live.count))
                    pool.remove(slot: live[k].slot)
                    live.swapAt(k, live.count - 1)
                    gone.append(live.removeLast())
                }
                if step % 997 == 0 { pool._checkInvariants() }
            }
            pool._checkInvariants()
            let stale = gone.filter { pool.isCurrent(slot: $0.slot, generation: $0.generation) }
            let current = live.filter { pool.isCurrent(slot: $0.slot, generation: $0.generation) }
            #expect(stale.isEmpty && current.count == live.count && pool.count == live.count, "seed \(seed)")
            pool.removeAll()
            pool._checkInvariants()
        }
    }

    /// The check is not vacuous: a slot freed twice traps it.
    @Test func invariantCheckTrapsOnASlotFreedTwice() async {
        await #expect(processExitsWith: .failure) {
            var pool = AgentPool<Pooled<Int>>()
            let handle = pool.insert(Pooled(1))
            pool.insert(Pooled(2))
            pool.remove(slot: handle.slot)
            pool.freeSlots.append(handle.slot)
            pool._checkInvariants()
        }
    }
}
