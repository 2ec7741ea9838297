import CMemoryHints

/// An event queue for many pending events: events are appended to coarse
/// time buckets (a ring), and a bucket is sorted only when the clock reaches
/// it, so most events cost one append, one place in a sort that is linear in
/// practice and one sequential read — instead of a heap's O(log n) scattered
/// sifts.
///
/// - A bucket is a chain of fixed-size blocks from one shared block store, so
///   buckets share memory and a drained bucket's blocks are reused at once.
///   Blocks live in chunks that never move: growing never copies the events.
/// - A bucket reached by the clock is drained into a run and sorted there
///   (a few events by insertion as they are read, more by distribution over
///   its time span); popping reads the run in order.
/// - Events falling in the bucket being drained (a short lead: an event due
///   within a few others, such as the next arrival of a busy channel in a
///   model that queues its arrivals) are inserted into the run at their place,
///   shifting whichever side of it is shorter.
/// - Events beyond the ring's horizon wait in an unsorted overflow list,
///   pulled into the ring every half turn.
/// - The bucket width adapts to the pending events (re-laid out when their
///   count doubles or shrinks fourfold, or a bucket overfills): a ring spanning
///   at least two mean lead times (``ringSpan``), of at most ``maximumRingBuckets`` buckets, with
///   at least ``minimumPerBucket`` events each near the clock. With millions
///   pending the buckets are coarser still (thousands of events): the
///   buckets' open ends, where every insert writes, stay in the cache, and a
///   bucket is sorted in cache when the clock reaches it.
///
/// The pop order is exactly `(time, sequence)`, the same as
/// ``QuaternaryHeap``'s, whatever the width; only the speed depends on it.
/// Storage only grows while the pending count reaches new highs: in steady
/// state nothing allocates. A re-layout moves events bucket by bucket, with no
/// second copy of the queue. The queue owns its storage outright (no
/// copy-on-write checks on the hot path), so it is not copyable. Its
/// invariants are checked by ``_checkInvariants()`` (BucketQueue+Invariants).
public struct BucketQueue: EventQueue, ~Copyable {
    /// Events per bucket the width aims at near the clock, at least. Dozens,
    /// not a few: a bucket is then sorted by distribution (linear, few
    /// mispredicted branches) rather than by insertion (one unpredictable
    /// loop exit per event), and with thousands pending the ring has a few
    /// hundred open blocks, which stay in the first-level cache. Measured on
    /// the reference model (R = 100/s, about 12,000 pending): 4 → 64 makes
    /// the whole run 5–13% faster (alternating runs); 48–160 are alike.
    public static let minimumPerBucket = 64
    /// Buckets in the ring, at most: their open blocks must stay in cache.
    public static let maximumRingBuckets = 4096
    @usableFromInline static let minimumBuckets = 64
    /// The ring spans at least this many mean lead times: an event due
    /// farther waits in the overflow list and is scanned again every half
    /// turn until the ring reaches it (exponential leads: e^−span of them).
    /// Four took 0.3% of the reference model's instructions off and was no
    /// faster at Double-11 scale (more open blocks); two it stays.
    @usableFromInline static let ringSpan = 2
    /// Events per block of a bucket's chain.
    @usableFromInline static let blockSize = 8
    /// Blocks per chunk of the block store (2¹³ blocks: 2 MiB of events).
    @usableFromInline static let chunkShift = 13

    /// The block store: chunk c holds blocks [c·2¹³, (c+1)·2¹³), block b its
    /// events [b·blockSize, (b+1)·blockSize) of the chunk.
    @usableFromInline var chunks = RawBuffer<UnsafeMutablePointer<Event>>()
    /// Per block: the next block of its chain, or of the free list (−1: none).
    @usableFromInline var links = RawBuffer<Int32>()
    @usableFromInline var freeHead: Int32 = -1
    /// Per ring slot: its chain of blocks.
    @usableFromInline var buckets: RawBuffer<Chain>

    /// A bucket's first and last block (−1: empty) and its event count.
    @usableFromInline struct Chain: BitwiseCopyable {
        @usableFromInline var head: Int32 = -1
        @usableFromInline var tail: Int32 = -1
        @usableFromInline var size: Int32 = 0
        @inlinable init() {}
    }

    @usableFromInline var mask: Int
    @usableFromInline var inverseWidth: Double
    /// Absolute index (``bucketIndex(_:)``) of the bucket being drained.
    @usableFromInline var current = 0
    /// The drained bucket's events, sorted, with those scheduled into it
    /// since; the next is at `head`. Every pending event of a bucket up to
    /// `current` is here.
    @usableFromInline var run = RawBuffer<Event>(capacity: 256)
    /// Scratch space for sorting a big bucket: the count per sub-interval,
    /// each event's sub-interval. Used up to their capacity; their `count`
    /// stays 0, so growing them copies nothing.
    @usableFromInline var tally = RawBuffer<Int32>(capacity: 256)
    @usableFromInline var partOf = RawBuffer<Int32>(capacity: 256)
    @usableFromInline var head = 0
    /// Events beyond the ring's horizon, unsorted.
    @usableFromInline var far: [Event] = []
    /// The ring is pulled from `far` when `current` reaches this index.
    @usableFromInline var nextPull = 0
    /// Events in ring buckets (not in `run` or `far`).
    @usableFromInline var ringCount = 0
    @usableFromInline var _count = 0
    /// Time of the last popped event: no pending event precedes it.
    @usableFromInline var clock = 0.0
    /// Pending events when the layout was last chosen, and pops since.
    @usableFromInline var designCount = 0
    @usableFromInline var popsSinceDesign = 0
    /// Events per bucket the current width aims at.
    @usableFromInline var perBucket = BucketQueue.minimumPerBucket

    /// An empty queue with an initial bucket width (in the model's time
    /// unit); the width adapts as events arrive.
    public init(initialWidth: Double = 1) {
        precondition(initialWidth > 0 && initialWidth.isFinite, "bucket width must be positive, got \(initialWidth)")
        buckets = RawBuffer(repeating: Chain(), count: Self.minimumBuckets)
        mask = Self.minimumBuckets - 1
        inverseWidth = 1 / initialWidth
        nextPull = Self.minimumBuckets / 2
    }

    deinit {
        for c in 0..<chunks.count { livesim_free_large(chunks[c]) }
    }

    /// - Complexity: O(1).
    @inlinable public var count: Int { _count }

    @inlinable var ringSize: Int { buckets.count }

    /// The event that pops next; may sort the next bucket.
    @inlinable public var first: Event? {
        mutating get {
            guard _count > 0 else { return nil }
            prepareHead()
            return run[head]
        }
    }

    /// The event `k` places after the next one in the sorted run, if the run
    /// holds it (it may be overtaken by an event scheduled later): a cheap
    /// look ahead, for prefetching what that event will touch.
    @inlinable
    public func peek(ahead k: Int) -> Event? {
        let i = head + k
        return i < run.count ? run[i] : nil
    }

    /// - Complexity: amortised O(1).
    @inlinable @inline(__always)
    public mutating func insert(_ event: Event) {
        _count &+= 1
        let b = bucketIndex(event.time)
        if b > current && b < current &+ ringSize {
            append(event, slot: b & mask)
            ringCount &+= 1
        } else {
            placeOutsideRing(event, bucket: b)
        }
    }

    /// - Complexity: amortised O(log of the events per bucket).
    @inlinable
    public mutating func popFirst() -> Event? { popFirst(before: .infinity) }

    /// - Complexity: amortised O(log of the events per bucket).
    @inlinable
    public mutating func popFirst(before limit: Double) -> Event? {
        guard _count > 0 else { return nil }
        while head == run.count {
            // The drained bucket is used up. Move on only while the next
            // bucket may hold an event before `limit`: every pending event
            // lies in a bucket after `current`, so once that is past the
            // limit's none comes before it. Advancing further would let the
            // drained bucket run ahead of the clock, and every event
            // scheduled before it would have to be inserted into the run —
            // when events kept beside the queue (``SourceClocks``) are due
            // long before the next queued one.
            if bucketIndex(limit) <= current { return nil }
            advance()
        }
        let event = run[head]
        guard event.time < limit else { return nil }
        head &+= 1
        _count &-= 1
        popsSinceDesign &+= 1
        clock = event.time
        return event
    }

    /// - Complexity: O(buckets); keeps storage.
    public mutating func removeAll() {
        for slot in 0..<ringSize { releaseBlocks(slot: slot) }
        run.removeAll()
        far.removeAll(keepingCapacity: true)
        head = 0; ringCount = 0; _count = 0; current = 0; clock = 0
        nextPull = ringSize / 2
        designCount = 0; popsSinceDesign = 0
        checkInvariantsInDebugBuilds()
    }

    // MARK: Internals

    /// The bucket of `time`: `time / width` rounded to the nearest integer
    /// (ties to even), so bucket b spans [b − ½, b + ½] widths. Any monotone
    /// function of the time would do (the pop order never depends on it);
    /// this one is three instructions, where a checked conversion to `Int`
    /// takes a dozen on every insert: x + 2⁵² rounds x ∈ [0, 2⁵¹) to an
    /// integer held in the low bits of the sum.
    @inlinable
    func bucketIndex(_ time: Double) -> Int {
        let x = time * inverseWidth
        guard x < 0x1p51 else { return 1 << 51 }
        return Int(Int64(bitPattern: (x + 0x1p52).bitPattern) &- Self.roundingBits)
    }

    /// The bits of 2⁵², subtracted from those of x + 2⁵² in ``bucketIndex(_:)``.
    @usableFromInline static let roundingBits: Int64 = 0x4330_0000_0000_0000

    /// An event for the bucket being drained (into the run) or beyond the
    /// ring's horizon (the overflow list): off the common path.
    @usableFromInline
    mutating func placeOutsideRing(_ event: Event, bucket b: Int) {
        if b <= current { insertIntoRun(event) } else { far.append(event) }
    }

    /// Inserts into the sorted run at its place, moving the shorter side: the
    /// popped slots before `head` take a shift to the left. An event scheduled
    /// into the bucket being drained is usually due within a few events (the
    /// next arrival of a busy channel, where a model queues its arrivals rather
    /// than keeping them in ``SourceClocks``): within ``nearInsert`` of the head, it
    /// is moved into place step by step; farther, its place is searched from
    /// the head outwards (probes 1, 2, 4, … places on), then by bisection.
    @usableFromInline
    mutating func insertIntoRun(_ event: Event) {
        // Due within a few events (the usual case): the events it follows
        // move one place left, into the popped slot before the head.
        let near = min(run.count, head &+ Self.nearInsert)
        if head > 0 && (near == run.count || !Event.precedes(run.base[near], event)) {
            var p = head
            while p < near && Event.precedes(run.base[p], event) {
                run.base[p &- 1] = run.base[p]
                p &+= 1
            }
            run.base[p &- 1] = event
            head -= 1
            return
        }
        var low = head, probe = head, step = 1
        while probe < run.count && Event.precedes(run.base[probe], event) {
            low = probe &+ 1
            probe = head &+ step
            step <<= 1
        }
        var high = min(probe, run.count)
        while low < high {
            let mid = (low &+ high) >> 1
            if Event.precedes(run.base[mid], event) { low = mid &+ 1 } else { high = mid }
        }
        let position = low
        if head > 0 && position - head < run.count - position {
            shift(run.base + head, count: position - head, by: -1)
            head -= 1
            run.base[position - 1] = event
        } else {
            run.reserve(run.count + 1)
            shift(run.base + position, count: run.count - position, by: 1)
            run.base[position] = event
            run.count += 1
        }
    }

    /// Moves `count` events at `start` by `offset` (±1) places: a few one by
    /// one (the usual case: cheaper than a call to memmove), more in bulk.
    @inline(__always)
    func shift(_ start: UnsafeMutablePointer<Event>, count: Int, by offset: Int) {
        if count > 8 {
            (start + offset).update(from: start, count: count)
        } else if offset < 0 {
            for i in 0..<count { start[i - 1] = start[i] }
        } else {
            var i = count - 1
            while i >= 0 { start[i + 1] = start[i]; i -= 1 }
        }
    }

    @usableFromInline
    mutating func place(_ event: Event, bucket b: Int) {
        if b <= current {
            insertIntoRun(event)
        } else if b < current &+ ringSize {
            append(event, slot: b & mask)
            ringCount &+= 1
        } else {
            far.append(event)
        }
    }

    /// The first event of block `b`.
    @inlinable
    func events(ofBlock b: Int32) -> UnsafeMutablePointer<Event> {
        let block = Int(b)
        return chunks[block >> Self.chunkShift] + ((block & ((1 << Self.chunkShift) - 1)) * Self.blockSize)
    }

    /// Appends to a ring slot's chain, taking a block when the last is full.
    @inlinable @inline(__always)
    mutating func append(_ event: Event, slot: Int) {
        let chain = buckets.base + slot
        let size = Int(chain.pointee.size)
        let offset = size & (Self.blockSize - 1)  // size ≥ 0, blockSize a power of two
        if offset == 0 {
            let fresh = takeBlock()
            if chain.pointee.tail < 0 { chain.pointee.head = fresh } else { links[Int(chain.pointee.tail)] = fresh }
            chain.pointee.tail = fresh
        }
        events(ofBlock: chain.pointee.tail)[offset] = event
        chain.pointee.size = Int32(truncatingIfNeeded: size &+ 1)
    }

    @inlinable
    mutating func takeBlock() -> Int32 {
        if freeHead < 0 { addChunk() }
        let block = freeHead
        freeHead = links[Int(block)]
        links[Int(block)] = -1
        return block
    }

    /// Adds a chunk of blocks to the free list (storage only grows).
    @usableFromInline
    mutating func addChunk() {
        let perChunk = 1 << Self.chunkShift
        // On huge pages: inserts write all over the ring's open blocks.
        guard let raw = livesim_allocate_large(MemoryLayout<Event>.stride * perChunk * Self.blockSize) else {
            fatalError("out of memory for the event queue")
        }
        chunks.append(raw.bindMemory(to: Event.self, capacity: perChunk * Self.blockSize))
        let first = links.count
        links.reserve(first + perChunk)
        for b in 0..<perChunk { links.append(b + 1 < perChunk ? Int32(first + b + 1) : freeHead) }
        freeHead = Int32(first)
    }

    @inlinable
    mutating func freeBlock(_ block: Int32) {
        links[Int(block)] = freeHead
        freeHead = block
    }

    /// Moves a ring slot's events into the (empty) run, sorted, and frees its
    /// blocks. A bucket of a few events is sorted as it is read, each event
    /// inserted at its place. A bigger one (the usual case: buckets aim at
    /// ``minimumPerBucket`` events or more) is sorted by distribution
    /// (``distributeIntoRun(slot:count:)``): a few sequential passes and
    /// almost no mispredicted branches, where a comparison sort costs log₂ n
    /// unpredictable comparisons per event.
    @usableFromInline
    mutating func drainIntoRun(slot: Int) {
        let size = Int(buckets[slot].size)
        guard size > Self.insertionLimit else {
            insertionSortIntoRun(slot: slot, count: size)
            return
        }
        distributeIntoRun(slot: slot, count: size)
    }

    /// Events from the head within which ``insertIntoRun(_:)`` places an event step by step.
    @usableFromInline static let nearInsert = 8

    /// Runs of at most this many events are sorted by insertion.
    @usableFromInline static let insertionLimit = 16

    /// Drains a small bucket into the run by insertion as its events are read.
    @usableFromInline
    mutating func insertionSortIntoRun(slot: Int, count size: Int) {
        run.reserve(size)
        let out = run.base
        var filled = 0
        var block = buckets[slot].head
        while block >= 0 {
            let events = events(ofBlock: block)
            for k in 0..<min(size - filled, Self.blockSize) {
                let e = events[k]
                var j = filled
                while j > 0 && Event.precedes(e, out[j - 1]) {
                    out[j] = out[j - 1]
                    j -= 1
                }
                out[j] = e
                filled += 1
            }
            let next = links[Int(block)]
            freeBlock(block)
            block = next
        }
        buckets[slot] = Chain()
        run.count = size
    }

    /// Sorts the `count` events of ring slot `slot` (the bucket `current`)
    /// into the empty run and frees its blocks: a counting sort on the
    /// sub-interval of the bucket's time span (as many equal sub-intervals as
    /// events, to a power of two), which leaves only events sharing a
    /// sub-interval out of order; one insertion pass puts them right. The
    /// blocks are read twice (count, then scatter), so the events are copied
    /// once. The sub-interval is a monotone function of the time (clamped,
    /// rounded), so the result is exactly `(time, sequence)` order. Should
    /// events crowd into one sub-interval, each crowded one is sorted on its
    /// own (``sortEvents(_:)``), which bounds the worst case at O(n log n).
    @usableFromInline
    mutating func distributeIntoRun(slot: Int, count n: Int) {
        var shift = 0
        while (1 << shift) < n { shift += 1 }
        let parts = 1 << shift
        run.reserve(n)
        partOf.reserve(n)
        tally.reserve(parts + 1)
        tally.base.initialize(repeating: 0, count: parts + 1)
        // Bucket b spans [b − ½, b + ½] widths (``bucketIndex(_:)``).
        let scale = Double(parts), origin = Double(current) - 0.5, top = Double(parts - 1), inverse = inverseWidth
        let counts = tally.base, out = run.base, part = partOf.base
        // x + 2⁵² rounds x ∈ [0, 2⁵¹) to an integer held in the low bits:
        // monotone, and cheaper than a checked conversion.
        let magic = 0x1p52, magicBits = Self.roundingBits
        var i = 0
        var block = buckets[slot].head
        while block >= 0 {
            let events = events(ofBlock: block)
            for k in 0..<min(n - i, Self.blockSize) {
                let x = (events[k].time * inverse - origin) * scale
                let clamped = x > 0 ? (x < top ? x : top) : 0
                let p = Int32(truncatingIfNeeded: Int64(bitPattern: (clamped + magic).bitPattern) &- magicBits)
                part[i &+ k] = p
                counts[Int(p) &+ 1] &+= 1
            }
            i &+= Self.blockSize
            block = links[Int(block)]
        }
        var crowded = false
        for p in 1...parts {
            crowded = crowded || counts[p] > Int32(Self.insertionLimit)
            counts[p] &+= counts[p - 1]
        }
        i = 0
        block = buckets[slot].head
        while block >= 0 {
            let events = events(ofBlock: block)
            for k in 0..<min(n - i, Self.blockSize) {
                let p = Int(part[i &+ k])
                out[Int(counts[p])] = events[k]
                counts[p] &+= 1
            }
            i &+= Self.blockSize
            let next = links[Int(block)]
            freeBlock(block)
            block = next
        }
        buckets[slot] = Chain()
        run.count = n
        if !crowded {
            insertionSort(UnsafeMutableBufferPointer(start: out, count: n), 0, n - 1)
            return
        }
        // counts[p] is now the end of sub-interval p.
        var from = 0
        for p in 0..<parts {
            let to = Int(counts[p])
            if to - from > 1 { sortEvents(UnsafeMutableBufferPointer(start: out + from, count: to - from)) }
            from = to
        }
    }

    @usableFromInline
    mutating func releaseBlocks(slot: Int) {
        var block = buckets[slot].head
        while block >= 0 {
            let next = links[Int(block)]
            freeBlock(block)
            block = next
        }
        buckets[slot] = Chain()
    }

    /// Makes `run[head]` the earliest event (the queue is not empty).
    @inlinable
    mutating func prepareHead() {
        while head == run.count {
            advance()
        }
    }

    /// Moves to the next non-empty bucket and sorts it.
    @usableFromInline
    mutating func advance() {
        if _count > 2 * designCount + 16 || (designCount > 256 && _count < designCount / 4) {
            redesign()
            if head < run.count { return }
        }
        run.removeAll()
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
        let pulls = current >= nextPull
        if pulls { pullFromFar() }
        let slot = current & mask
        if buckets[slot].size > 0 {
            ringCount -= Int(buckets[slot].size)
            drainIntoRun(slot: slot)
        }
        if run.count > 16 * perBucket && popsSinceDesign > _count {
            redesign()
        } else if pulls {
            checkInvariantsInDebugBuilds()
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
    /// redistributes them: the width puts about `perBucket` events in
    /// a bucket near the clock (pending / mean lead time is the event rate
    /// there), the ring spans at least ``ringSpan`` mean lead times. Ring events move
    /// block by block (a block is freed before the next is read), so the
    /// queue never holds a second copy of its events.
    @usableFromInline
    mutating func redesign() {
        // Events outside the ring: the sorted run's rest, the overflow.
        var loose: [Event] = []
        loose.reserveCapacity(run.count - head + far.count)
        for i in head..<run.count { loose.append(run[i]) }
        loose.append(contentsOf: far)
        far.removeAll(keepingCapacity: true)
        run.removeAll()
        head = 0
        designCount = _count
        popsSinceDesign = 0

        var lead = 0.0
        for e in loose { lead += e.time - clock }
        for slot in 0..<ringSize {
            var remaining = Int(buckets[slot].size)
            var block = buckets[slot].head
            while block >= 0 {
                let events = events(ofBlock: block)
                for k in 0..<min(remaining, Self.blockSize) { lead += events[k].time - clock }
                remaining -= Self.blockSize
                block = links[Int(block)]
            }
        }
        let meanLead = _count == 0 ? 0 : lead / Double(_count)
        perBucket = max(Self.minimumPerBucket, Self.ringSpan * _count / Self.maximumRingBuckets)
        if meanLead > 0 && meanLead.isFinite {
            let rate = Double(_count) / meanLead
            inverseWidth = rate / Double(perBucket)
        }
        var slots = Self.minimumBuckets
        while slots < Self.ringSpan * _count / perBucket { slots <<= 1 }
        var old = RawBuffer<Chain>(repeating: Chain(), count: slots)
        swap(&old, &buckets)
        mask = slots - 1
        ringCount = 0
        current = bucketIndex(clock)
        nextPull = current + slots / 2
        withUnsafeTemporaryAllocation(of: Event.self, capacity: Self.blockSize) { buffer in
            let moving = buffer.baseAddress!
            for slot in 0..<old.count {
                var remaining = Int(old[slot].size)
                var block = old[slot].head
                while block >= 0 {
                    let n = min(remaining, Self.blockSize)
                    moving.initialize(from: events(ofBlock: block), count: n)
                    remaining -= n
                    let next = links[Int(block)]
                    freeBlock(block)
                    block = next
                    for k in 0..<n { place(moving[k], bucket: bucketIndex(moving[k].time)) }
                }
            }
        }
        for e in loose { place(e, bucket: bucketIndex(e.time)) }
        checkInvariantsInDebugBuilds()
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
