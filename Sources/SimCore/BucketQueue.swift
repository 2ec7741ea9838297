/// An event queue for many pending events: events are appended to coarse
/// time buckets (a ring), and a bucket is sorted only when the clock reaches
/// it, so most events cost one append, one slot in a sort of a few dozen and
/// one sequential read — instead of a heap's O(log n) scattered sifts.
///
/// - A bucket is a chain of fixed-size blocks from one shared block store, so
///   buckets share memory and a drained bucket's blocks are reused at once.
/// - Events falling in the bucket being drained go to a small heap beside it.
/// - Events beyond the ring's horizon wait in an unsorted overflow list,
///   pulled into the ring every half turn.
/// - The bucket width adapts to the pending events (re-laid out when their
///   count doubles or shrinks fourfold, or a bucket overfills): about
///   ``targetPerBucket`` events per bucket near the clock, a ring spanning
///   about two mean lead times.
///
/// The pop order is exactly `(time, sequence)`, the same as
/// ``QuaternaryHeap``'s, whatever the width; only the speed depends on it.
/// Storage only grows (by doubling) while the pending count reaches new
/// highs: in steady state nothing allocates.
public struct BucketQueue: EventQueue, Sendable {
    /// Events per bucket the width aims at, near the clock.
    public static let targetPerBucket = 32
    @usableFromInline static let minimumBuckets = 64
    /// Events per block of a bucket's chain.
    @usableFromInline static let blockSize = 16

    // The block store: block b holds events [b·blockSize, (b+1)·blockSize).
    @usableFromInline var blockEvents: [Event] = []
    @usableFromInline var blockNext: [Int32] = []
    @usableFromInline var freeBlocks: [Int32] = []
    /// Per ring slot: its chain of blocks.
    @usableFromInline var buckets: [Chain]

    /// A bucket's first and last block (−1: empty) and its event count.
    @usableFromInline struct Chain: Sendable {
        @usableFromInline var head: Int32 = -1
        @usableFromInline var tail: Int32 = -1
        @usableFromInline var size: Int32 = 0
        @inlinable init() {}
    }

    @usableFromInline var mask: Int
    @usableFromInline var inverseWidth: Double
    /// Absolute index (`⌊time / width⌋`) of the bucket being drained.
    @usableFromInline var current = 0
    /// The drained bucket's events, sorted; the next is at `head`.
    @usableFromInline var run: [Event] = []
    @usableFromInline var head = 0
    /// Events scheduled into the drained bucket after it was sorted.
    @usableFromInline var near = QuaternaryHeap()
    /// Events beyond the ring's horizon, unsorted.
    @usableFromInline var far: [Event] = []
    /// The ring is pulled from `far` when `current` reaches this index.
    @usableFromInline var nextPull = 0
    /// Events in ring buckets (not in `run`, `near` or `far`).
    @usableFromInline var ringCount = 0
    @usableFromInline var _count = 0
    /// Time of the last popped event: no pending event precedes it.
    @usableFromInline var clock = 0.0
    /// Pending events when the layout was last chosen, and pops since.
    @usableFromInline var designCount = 0
    @usableFromInline var popsSinceDesign = 0
    /// Scratch space for re-layouts, kept between them.
    @usableFromInline var scratch: [Event] = []

    /// An empty queue with an initial bucket width (in the model's time
    /// unit); the width adapts as events arrive.
    public init(initialWidth: Double = 1) {
        precondition(initialWidth > 0 && initialWidth.isFinite, "bucket width must be positive, got \(initialWidth)")
        buckets = Array(repeating: Chain(), count: Self.minimumBuckets)
        mask = Self.minimumBuckets - 1
        inverseWidth = 1 / initialWidth
        nextPull = Self.minimumBuckets / 2
    }

    /// - Complexity: O(1).
    @inlinable public var count: Int { _count }

    @inlinable var ringSize: Int { buckets.count }

    /// The event that pops next; may sort the next bucket.
    @inlinable public var first: Event? {
        mutating get {
            guard _count > 0 else { return nil }
            prepareHead()
            if head < run.count {
                if let n = near.first, Event.precedes(n, run[head]) { return n }
                return run[head]
            }
            return near.first
        }
    }

    /// - Complexity: amortised O(1).
    @inlinable
    public mutating func insert(_ event: Event) {
        _count += 1
        place(event, bucket: bucketIndex(event.time))
    }

    /// - Complexity: amortised O(log of the events per bucket).
    @inlinable
    public mutating func popFirst() -> Event? { popFirst(before: .infinity) }

    /// - Complexity: amortised O(log of the events per bucket).
    @inlinable
    public mutating func popFirst(before limit: Double) -> Event? {
        guard _count > 0 else { return nil }
        prepareHead()
        let event: Event
        if head < run.count {
            let r = run[head]
            if !near.isEmpty, let n = near.first, Event.precedes(n, r) {
                guard n.time < limit else { return nil }
                event = near.popFirst()!
            } else {
                guard r.time < limit else { return nil }
                event = r
                head += 1
            }
        } else {
            guard let n = near.first, n.time < limit else { return nil }
            event = near.popFirst()!
        }
        _count -= 1
        popsSinceDesign += 1
        clock = event.time
        return event
    }

    /// - Complexity: O(buckets); keeps storage.
    public mutating func removeAll() {
        for slot in 0..<ringSize { releaseBlocks(slot: slot) }
        run.removeAll(keepingCapacity: true)
        far.removeAll(keepingCapacity: true)
        near.removeAll()
        head = 0; ringCount = 0; _count = 0; current = 0; clock = 0
        nextPull = ringSize / 2
        designCount = 0; popsSinceDesign = 0
    }

    // MARK: Internals

    @inlinable
    func bucketIndex(_ time: Double) -> Int {
        let x = time * inverseWidth
        return x < 0x1p52 ? Int(x) : 1 << 52
    }

    @inlinable
    mutating func place(_ event: Event, bucket b: Int) {
        if b <= current {
            near.insert(event)
        } else if b < current &+ ringSize {
            append(event, slot: b & mask)
            ringCount += 1
        } else {
            far.append(event)
        }
    }

    /// Appends to a ring slot's chain, taking a block when the last is full.
    @inlinable
    mutating func append(_ event: Event, slot: Int) {
        var chain = buckets[slot]
        let size = Int(chain.size)
        if size % Self.blockSize == 0 {
            let fresh = Int32(takeBlock())
            if chain.tail < 0 { chain.head = fresh } else { blockNext[Int(chain.tail)] = fresh }
            chain.tail = fresh
        }
        blockEvents[Int(chain.tail) * Self.blockSize + size % Self.blockSize] = event
        chain.size += 1
        buckets[slot] = chain
    }

    @inlinable
    mutating func takeBlock() -> Int {
        if let block = freeBlocks.popLast() {
            blockNext[Int(block)] = -1
            return Int(block)
        }
        return growBlocks()
    }

    /// Doubles the block store (amortised: storage only grows).
    @usableFromInline
    mutating func growBlocks() -> Int {
        let old = blockNext.count
        let added = max(64, old)
        blockEvents.append(contentsOf: repeatElement(Event(time: 0, sequence: 0, kind: 0), count: added * Self.blockSize))
        blockNext.append(contentsOf: repeatElement(-1, count: added))
        freeBlocks.reserveCapacity(old + added)
        for b in stride(from: old + added - 1, to: old, by: -1) { freeBlocks.append(Int32(b)) }
        return old
    }

    /// Moves a ring slot's events to the end of `target` and frees its blocks.
    @usableFromInline
    mutating func drain(slot: Int, into target: inout [Event]) {
        var remaining = Int(buckets[slot].size)
        var block = Int(buckets[slot].head)
        while block >= 0 {
            let n = min(remaining, Self.blockSize)
            let start = block * Self.blockSize
            target.append(contentsOf: blockEvents[start ..< start + n])
            remaining -= n
            freeBlocks.append(Int32(block))
            block = Int(blockNext[block])
        }
        buckets[slot] = Chain()
    }

    @usableFromInline
    mutating func releaseBlocks(slot: Int) {
        var block = Int(buckets[slot].head)
        while block >= 0 {
            freeBlocks.append(Int32(block))
            block = Int(blockNext[block])
        }
        buckets[slot] = Chain()
    }

    /// Makes `run[head]` or `near` hold the earliest event (the queue is not empty).
    @inlinable
    mutating func prepareHead() {
        while head == run.count && near.isEmpty {
            advance()
        }
    }

    /// Moves to the next non-empty bucket and sorts it.
    @usableFromInline
    mutating func advance() {
        if _count > 2 * designCount + 16 || (designCount > 256 && _count < designCount / 4) {
            redesign()
            if head < run.count || !near.isEmpty { return }
        }
        run.removeAll(keepingCapacity: true)
        head = 0
        if ringCount == 0 {
            // Nothing in the ring: jump to the earliest overflow bucket.
            var earliest = Int.max
            for e in far { earliest = min(earliest, bucketIndex(e.time)) }
            current = earliest
            nextPull = current
        } else {
            current += 1
        }
        if current >= nextPull { pullFromFar() }
        let slot = current & mask
        if buckets[slot].size > 0 {
            ringCount -= Int(buckets[slot].size)
            var events = run
            run = []
            drain(slot: slot, into: &events)
            if events.count > 1 { events.withUnsafeMutableBufferPointer { sortEvents($0) } }
            run = events
        }
        if run.count > 16 * Self.targetPerBucket && popsSinceDesign > _count {
            redesign()
        }
    }

    /// Moves overflow events within the ring's horizon into the ring; the
    /// next pull is half a turn later, so every overflow event is in the ring
    /// before the clock reaches its bucket.
    @usableFromInline
    mutating func pullFromFar() {
        let horizon = current &+ ringSize
        var kept = 0
        for i in far.indices {
            let e = far[i]
            let b = bucketIndex(e.time)
            if b < horizon {
                append(e, slot: b & mask)
                ringCount += 1
            } else {
                far[kept] = e
                kept += 1
            }
        }
        far.removeLast(far.count - kept)
        nextPull = current + ringSize / 2
    }

    /// Chooses a new width and ring size for the events now pending and
    /// redistributes them: the width puts about ``targetPerBucket`` events in
    /// a bucket near the clock (pending / mean lead time is the event rate
    /// there), the ring spans about two mean lead times.
    @usableFromInline
    mutating func redesign() {
        var pending = scratch
        scratch = []
        pending.removeAll(keepingCapacity: true)
        pending.reserveCapacity(_count)
        pending.append(contentsOf: run[head...])
        while let e = near.popFirst() { pending.append(e) }
        for slot in 0..<ringSize where buckets[slot].size > 0 { drain(slot: slot, into: &pending) }
        pending.append(contentsOf: far)
        far.removeAll(keepingCapacity: true)
        run.removeAll(keepingCapacity: true)
        head = 0
        ringCount = 0
        designCount = pending.count
        popsSinceDesign = 0

        var lead = 0.0
        for e in pending { lead += e.time - clock }
        let meanLead = pending.isEmpty ? 0 : lead / Double(pending.count)
        if meanLead > 0 && meanLead.isFinite {
            let rate = Double(pending.count) / meanLead
            inverseWidth = rate / Double(Self.targetPerBucket)
        }
        var slots = Self.minimumBuckets
        while slots < 2 * pending.count / Self.targetPerBucket { slots <<= 1 }
        if slots != ringSize {
            buckets = Array(repeating: Chain(), count: slots)
            mask = slots - 1
        }
        current = bucketIndex(clock)
        nextPull = current + slots / 2
        for e in pending { place(e, bucket: bucketIndex(e.time)) }
        scratch = pending
    }
}

/// Sorts events by `(time, sequence)` in place without allocating:
/// quicksort (median of three) down to insertion sort for short ranges, with
/// heapsort as the fallback that bounds the worst case.
@usableFromInline
func sortEvents(_ a: UnsafeMutableBufferPointer<Event>) {
    var depth = 2 * (Int.bitWidth - a.count.leadingZeroBitCount)
    quicksort(a, 0, a.count - 1, &depth)
}

private func quicksort(_ a: UnsafeMutableBufferPointer<Event>, _ low: Int, _ high: Int, _ depth: inout Int) {
    var low = low, high = high
    while high - low > 16 {
        if depth == 0 { heapsort(a, low, high); return }
        depth -= 1
        let mid = low + (high - low) / 2
        if Event.precedes(a[mid], a[low]) { a.swapAt(mid, low) }
        if Event.precedes(a[high], a[low]) { a.swapAt(high, low) }
        if Event.precedes(a[high], a[mid]) { a.swapAt(high, mid) }
        let pivot = a[mid]
        var i = low, j = high
        while i <= j {
            while Event.precedes(a[i], pivot) { i += 1 }
            while Event.precedes(pivot, a[j]) { j -= 1 }
            if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
        }
        // Recurse into the smaller side, loop on the larger: O(log n) stack.
        if j - low < high - i {
            if low < j { quicksort(a, low, j, &depth) }
            low = i
        } else {
            if i < high { quicksort(a, i, high, &depth) }
            high = j
        }
    }
    insertionSort(a, low, high)
}

private func insertionSort(_ a: UnsafeMutableBufferPointer<Event>, _ low: Int, _ high: Int) {
    guard low < high else { return }
    for i in (low + 1)...high {
        let moving = a[i]
        var j = i
        while j > low && Event.precedes(moving, a[j - 1]) {
            a[j] = a[j - 1]
            j -= 1
        }
        a[j] = moving
    }
}

private func heapsort(_ a: UnsafeMutableBufferPointer<Event>, _ low: Int, _ high: Int) {
    let n = high - low + 1
    func siftDown(_ start: Int, _ end: Int) {
        var root = start
        while 2 * root + 1 < end {
            var child = 2 * root + 1
            if child + 1 < end && Event.precedes(a[low + child], a[low + child + 1]) { child += 1 }
            guard Event.precedes(a[low + root], a[low + child]) else { return }
            a.swapAt(low + root, low + child)
            root = child
        }
    }
    for start in stride(from: n / 2 - 1, through: 0, by: -1) { siftDown(start, n) }
    for end in stride(from: n - 1, to: 0, by: -1) {
        a.swapAt(low, low + end)
        siftDown(0, end)
    }
}
