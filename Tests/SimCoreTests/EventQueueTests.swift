@testable import SimCore
import Testing

@Suite struct EventQueueTests {
    func event(_ time: Double, _ sequence: UInt64) -> Event { Event(time: time, sequence: sequence, kind: 0) }

    /// Checks run on both queues (arguments 0: ``QuaternaryHeap``, 1: ``BucketQueue``).
    static func bucketQueue() -> BucketQueue { BucketQueue(initialWidth: 0.5) }

    @Test(arguments: [0, 1]) func equalTimesPopInSchedulingOrder(maker: Int) {
        if maker == 0 {
            equalTimesPopInSchedulingOrderCheck { QuaternaryHeap() }
        } else {
            equalTimesPopInSchedulingOrderCheck(Self.bucketQueue)
        }
    }

    func equalTimesPopInSchedulingOrderCheck<Q: EventQueue & ~Copyable>(_ make: () -> Q) {
        var queue = make()
        for s in (0..<50).reversed() { queue.insert(event(1, UInt64(s))) }
        for s in 0..<50 {
            let popped = queue.popFirst()
            #expect(popped?.sequence == UInt64(s))
        }
        let last = queue.popFirst()
        #expect(last == nil)
    }

    /// Interleaved inserts (never before the last pop, as a scheduler does)
    /// and pops against a sorted array; ties are common, and the lead times
    /// span six orders of magnitude so the bucket queue's overflow list,
    /// ring jumps and re-layouts all run.
    @Test(arguments: [0, 1]) func matchesASortedReferenceUnderInterleavedInsertsAndPops(maker: Int) {
        if maker == 0 {
            matchesASortedReferenceUnderInterleavedInsertsAndPopsCheck { QuaternaryHeap() }
        } else {
            matchesASortedReferenceUnderInterleavedInsertsAndPopsCheck(Self.bucketQueue)
        }
    }

    func matchesASortedReferenceUnderInterleavedInsertsAndPopsCheck<Q: EventQueue & ~Copyable>(_ make: () -> Q) {
        for seed in 0..<20 {
            var stream = RandomStream(seed: UInt64(seed))
            var queue = make()
            var reference: [Event] = []   // kept sorted by (time, sequence)
            var sequence: UInt64 = 0
            var now = 0.0
            let insertShare = seed % 2 == 0 ? 0.6 : 0.52
            for step in 0..<4_000 {
                if stream.uniform() < insertShare || queue.isEmpty {
                    let scale = [0.01, 1, 100, 10_000][Int(stream.uniform() * 4)]
                    let lead = seed % 3 == 0 ? Double(Int(stream.uniform() * 20)) : (stream.uniform() * scale).rounded()
                    let e = event(now + lead, sequence)
                    sequence += 1
                    queue.insert(e)
                    reference.insert(e, at: reference.firstIndex { Event.precedes(e, $0) } ?? reference.count)
                } else {
                    let popped = queue.popFirst()
                    #expect(popped == reference.removeFirst(), "seed \(seed), step \(step)")
                    now = popped?.time ?? now
                }
                let count = queue.count
                #expect(count == reference.count, "seed \(seed)")
            }
            let first = queue.first
            #expect(first == reference.first)
            while let e = queue.popFirst() { #expect(e == reference.removeFirst(), "seed \(seed)") }
        }
    }

    /// A hold model with 20,000 pending events: the bucket queue pops exactly
    /// the heap's sequence while its width adapts to a rate that changes 100-fold.
    @Test func bucketQueuePopsTheHeapsOrderUnderAHoldModel() {
        var heap = QuaternaryHeap()
        var buckets = BucketQueue()
        var stream = RandomStream(seed: 9)
        var sequence: UInt64 = 0
        for _ in 0..<20_000 {
            let e = event(stream.exponential(mean: 50), sequence); sequence += 1
            heap.insert(e); buckets.insert(e)
        }
        for step in 0..<200_000 {
            let a = heap.popFirst()!, b = buckets.popFirst()!
            guard a == b else { Issue.record("step \(step): heap \(a), buckets \(b)"); return }
            let mean = step < 100_000 ? 50.0 : 0.5
            let e = event(a.time + stream.exponential(mean: mean), sequence); sequence += 1
            heap.insert(e); buckets.insert(e)
        }
        while let a = heap.popFirst() {
            guard a == buckets.popFirst() else { Issue.record("drain differs at \(a)"); return }
        }
        let empty = buckets.isEmpty
        #expect(empty)
    }

    /// With 400,000 pending the buckets hold hundreds of events each, so they
    /// are sorted by distribution over sub-intervals: the pops are still
    /// exactly the heap's, also when a burst crowds a thousand events into
    /// one sub-interval (times equal to within 10⁻⁹, sequences reversed).
    @Test func bucketQueueSortsBigBucketsByDistribution() {
        var heap = QuaternaryHeap()
        var buckets = BucketQueue()
        var stream = RandomStream(seed: 11)
        var sequence: UInt64 = 0
        func add(_ e: Event) { heap.insert(e); buckets.insert(e) }
        for _ in 0..<400_000 {
            add(event(stream.exponential(mean: 30), sequence)); sequence += 1
        }
        for step in 0..<800_000 {
            let a = heap.popFirst()!, b = buckets.popFirst()!
            guard a == b else { Issue.record("step \(step): heap \(a), buckets \(b)"); return }
            if step == 300_000 {
                for k in 0..<1_000 {
                    add(event(a.time + 10 + stream.uniform() * 1e-9, sequence + UInt64(1_000 - k)))
                }
                sequence += 1_001
            }
            add(event(a.time + stream.exponential(mean: 30), sequence)); sequence += 1
        }
        while let a = heap.popFirst() {
            guard a == buckets.popFirst() else { Issue.record("drain differs at \(a)"); return }
        }
        let empty = buckets.isEmpty
        #expect(empty)
    }

    @Test(arguments: [0, 1]) func exhaustiveSmallSizesPopSorted(maker: Int) {
        if maker == 0 {
            exhaustiveSmallSizesPopSortedCheck { QuaternaryHeap() }
        } else {
            exhaustiveSmallSizesPopSortedCheck(Self.bucketQueue)
        }
    }

    func exhaustiveSmallSizesPopSortedCheck<Q: EventQueue & ~Copyable>(_ make: () -> Q) {
        for size in 0...14 {
            for seed in 0..<10 {
                var stream = RandomStream(masterSeed: UInt64(seed), replication: UInt64(size), stream: 0)
                var queue = make()
                var events: [Event] = []
                for s in 0..<size {
                    let e = event(Double(Int(stream.uniform() * 4)), UInt64(s))
                    events.append(e); queue.insert(e)
                }
                let count = queue.count
                #expect(count == size)
                let sorted = events.sorted(by: Event.precedes)
                var popped: [Event] = []
                while let e = queue.popFirst() { popped.append(e) }
                #expect(popped == sorted, "size \(size), seed \(seed)")
            }
        }
    }

    /// One bucket of 5,000 events, a third of them at one time with
    /// descending sequences, sorts correctly: the distribution path with a
    /// crowded sub-interval, which falls back to the comparison sort.
    @Test func bucketQueueSortsLargeBuckets() {
        var queue = BucketQueue(initialWidth: 1_000)
        var stream = RandomStream(seed: 3)
        var events: [Event] = []
        for s in 0..<5_000 {
            let time = s % 3 == 0 ? 5.0 : Double(Int(stream.uniform() * 900))
            let e = event(time, UInt64(10_000 - s))
            events.append(e); queue.insert(e)
        }
        var popped: [Event] = []
        while let e = queue.popFirst() { popped.append(e) }
        #expect(popped == events.sorted(by: Event.precedes))
    }

    /// The bucket queue's invariants (``BucketQueue/_checkInvariants()``)
    /// hold after every operation of random schedules: short and far leads
    /// (ring, run inserts, overflow pulls, jumps over an empty ring), growth
    /// and shrinkage (re-layouts), ties, and an emptying in the middle.
    @Test func bucketQueueInvariantsHoldUnderRandomOperations() {
        for seed in 0..<12 {
            var stream = RandomStream(seed: UInt64(100 + seed))
            var queue = BucketQueue(initialWidth: [0.01, 1, 100][seed % 3])
            var sequence: UInt64 = 0
            var now = 0.0
            for step in 0..<6_000 {
                // Grow for a while, then drain: the layout follows both ways.
                let insertShare = (step / 1_500) % 2 == 0 ? 0.7 : 0.3
                if stream.uniform() < insertShare || queue.count == 0 {
                    let scale = [0.001, 1, 50, 1e5][Int(stream.uniform() * 4)]
                    let lead = seed % 4 == 0 ? Double(Int(stream.uniform() * 5)) : stream.uniform() * scale
                    queue.insert(event(now + lead, sequence))
                    sequence += 1
                } else {
                    now = queue.popFirst()?.time ?? now
                }
                if step == 4_000 && seed % 2 == 1 { queue.removeAll() }
                if step % 7 == 0 { queue._checkInvariants() }
            }
            queue._checkInvariants()
            var last = -Double.infinity
            while let e = queue.popFirst() {
                #expect(e.time >= last, "seed \(seed)")
                last = e.time
            }
            queue._checkInvariants()
        }
    }

    /// A pop refused by its limit (an event beside the queue is due first)
    /// leaves the drained bucket at the limit's: events scheduled between the
    /// limit and the next queued event wait in their buckets, not in the run.
    @Test func aPopBeforeALimitDoesNotDrainLaterBuckets() {
        var queue = BucketQueue(initialWidth: 1)
        queue.insert(event(50, 0))
        #expect(queue.popFirst(before: 0.5) == nil)
        #expect(queue.current == 0 && queue.run.count == 0)
        for k in 1...40 { queue.insert(event(Double(k), UInt64(k))) }
        #expect(queue.run.count == 0, "none of them inserted into the run")
        var times: [Double] = []
        while let e = queue.popFirst(before: 45) { times.append(e.time) }
        #expect(times == (1...40).map(Double.init))
        #expect(queue.popFirst(before: 100)?.time == 50 && queue.count == 0)
        queue._checkInvariants()
    }

    /// Pops under limits (events beside the queue due first) interleaved with
    /// inserts give exactly the sorted order, the invariants holding throughout.
    @Test func popsUnderLimitsKeepTheOrder() {
        var stream = RandomStream(seed: 41)
        var queue = BucketQueue(initialWidth: 0.1)
        var reference: [Event] = []
        var sequence: UInt64 = 0, now = 0.0
        for step in 0..<6_000 {
            if stream.uniform() < 0.5 {
                let e = event(now + stream.exponential(mean: 3), sequence)
                queue.insert(e)
                reference.append(e)
                sequence += 1
            } else {
                let limit = now + stream.exponential(mean: 0.05)
                if let e = queue.popFirst(before: limit) {
                    let expected = reference.min(by: Event.precedes)!
                    #expect(e == expected)
                    reference.removeAll { $0 == expected }
                    now = e.time
                } else {
                    #expect(reference.allSatisfy { $0.time >= limit })
                    now = limit
                }
            }
            if step % 97 == 0 { queue._checkInvariants() }
        }
    }

    /// The check is not vacuous: a ring count that disagrees with the
    /// buckets traps it.
    @Test func bucketQueueInvariantCheckTrapsOnAWrongCount() async {
        await #expect(processExitsWith: .failure) {
            var queue = BucketQueue(initialWidth: 1)
            for s in 0..<100 { queue.insert(Event(time: Double(s) / 2, sequence: UInt64(s), kind: 0)) }
            queue.ringCount += 1
            queue._checkInvariants()
        }
    }

    @Test func heapInvariantHolds() {
        var queue = QuaternaryHeap()
        var stream = RandomStream(seed: 4)
        for s in 0..<1_000 {
            queue.insert(event(stream.uniform(), UInt64(s)))
            if s % 3 == 0 { _ = queue.popFirst() }
            #expect(queue.checkInvariants())
        }
    }

    @Test(arguments: [0, 1]) func removeAllEmptiesTheQueue(maker: Int) {
        if maker == 0 {
            removeAllEmptiesTheQueueCheck { QuaternaryHeap() }
        } else {
            removeAllEmptiesTheQueueCheck(Self.bucketQueue)
        }
    }

    func removeAllEmptiesTheQueueCheck<Q: EventQueue & ~Copyable>(_ make: () -> Q) {
        var queue = make()
        for s in 0..<10 { queue.insert(event(Double(s), UInt64(s))) }
        queue.removeAll()
        let first = queue.first
        let empty = queue.isEmpty
        #expect(empty && first == nil)
        queue.insert(event(3, 0))
        let popped = queue.popFirst()
        #expect(popped?.time == 3)
    }
}
