import SimCore
import Testing

@Suite struct EventQueueTests {
    func event(_ time: Double, _ sequence: UInt64) -> Event { Event(time: time, sequence: sequence, kind: 0) }

    @Test func equalTimesPopInSchedulingOrder() {
        var queue = QuaternaryHeap()
        for s in (0..<50).reversed() { queue.insert(event(1, UInt64(s))) }
        for s in 0..<50 { #expect(queue.popFirst()?.sequence == UInt64(s)) }
        #expect(queue.popFirst() == nil)
    }

    @Test func matchesASortedReferenceUnderInterleavedInsertsAndPops() {
        for seed in 0..<20 {
            var stream = RandomStream(seed: UInt64(seed))
            var queue = QuaternaryHeap()
            var reference: [Event] = []   // kept sorted by (time, sequence)
            var sequence: UInt64 = 0
            for _ in 0..<2_000 {
                if stream.uniform() < 0.6 || queue.isEmpty {
                    // Few distinct times, so ties are common.
                    let e = event(Double(Int(stream.uniform() * 20)), sequence)
                    sequence += 1
                    queue.insert(e)
                    reference.insert(e, at: reference.firstIndex { Event.precedes(e, $0) } ?? reference.count)
                } else {
                    #expect(queue.popFirst() == reference.removeFirst(), "seed \(seed)")
                }
                #expect(queue.count == reference.count && queue.checkInvariants(), "seed \(seed)")
            }
            while let e = queue.popFirst() { #expect(e == reference.removeFirst(), "seed \(seed)") }
        }
    }

    @Test func exhaustiveSmallSizesPopSorted() {
        for size in 0...14 {
            for seed in 0..<10 {
                var stream = RandomStream(masterSeed: UInt64(seed), replication: UInt64(size), stream: 0)
                var queue = QuaternaryHeap()
                var events: [Event] = []
                for s in 0..<size {
                    let e = event(Double(Int(stream.uniform() * 4)), UInt64(s))
                    events.append(e); queue.insert(e)
                }
                #expect(queue.count == size)
                let sorted = events.sorted(by: Event.precedes)
                var popped: [Event] = []
                while let e = queue.popFirst() { popped.append(e) }
                #expect(popped == sorted, "size \(size), seed \(seed)")
            }
        }
    }

    @Test func removeAllEmptiesTheQueue() {
        var queue = QuaternaryHeap()
        for s in 0..<10 { queue.insert(event(Double(s), UInt64(s))) }
        queue.removeAll()
        #expect(queue.isEmpty && queue.first == nil)
    }
}
