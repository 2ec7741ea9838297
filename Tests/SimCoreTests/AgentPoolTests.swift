import SimCore
import Testing

@Suite struct AgentPoolTests {
    @Test func slotsAreReusedWithANewGeneration() {
        var pool = AgentPool<String>()
        let a = pool.insert("a"), b = pool.insert("b")
        #expect(pool.count == 2 && pool.capacity == 2)
        pool.remove(slot: a.slot)
        #expect(!pool.isCurrent(slot: a.slot, generation: a.generation))
        #expect(pool.isCurrent(slot: b.slot, generation: b.generation))
        let c = pool.insert("c")
        #expect(c.slot == a.slot && c.generation != a.generation)
        #expect(!pool.isCurrent(slot: a.slot, generation: a.generation) && pool.isCurrent(slot: c.slot, generation: c.generation))
        #expect(pool[c.slot] == "c" && pool.count == 2 && pool.capacity == 2)
        pool[c.slot] = "c2"
        #expect(pool[c.slot] == "c2")
        var live: [UInt32] = []
        pool.forEachSlot { live.append($0) }
        #expect(live == [0, 1])
        #expect(!pool.isCurrent(slot: 99, generation: 0))
    }

    @Test func freedSlotsAreNotLive() {
        var pool = AgentPool<Int>()
        let handles = (0..<5).map { pool.insert($0) }
        for h in handles where h.slot % 2 == 0 { pool.remove(slot: h.slot) }
        var live: [Int] = []
        pool.forEachSlot { live.append(pool[$0]) }
        #expect(live == [1, 3])
        pool.removeAll()
        #expect(pool.count == 0 && pool.capacity == 0)
    }
}
