extension BucketQueue {
    /// Traps, naming the broken invariant, unless the queue is consistent:
    /// the sorted run in `(time, sequence)` order and not past the bucket
    /// being drained; every ring event in the slot of its bucket, within the
    /// ring's horizon; every overflow event due for a later pull; the counts;
    /// every block in exactly one chain or the free list.
    ///
    /// Always compiled, so tests of optimised builds can call it; debug
    /// builds call it after the operations that reorganise the queue (a pull
    /// from the overflow list, a re-layout, `removeAll`), which keeps debug
    /// runs linear.
    /// - Complexity: O(pending events + blocks).
    public func _checkInvariants() {
        precondition(ringSize >= Self.minimumBuckets && ringSize & (ringSize - 1) == 0,
                     "BucketQueue: \(ringSize) ring buckets, expected a power of two ≥ \(Self.minimumBuckets)")
        precondition(mask == ringSize - 1, "BucketQueue: mask \(mask) for \(ringSize) ring buckets")
        precondition(inverseWidth > 0 && inverseWidth.isFinite, "BucketQueue: bucket width 1/\(inverseWidth)")
        precondition(perBucket >= Self.minimumPerBucket, "BucketQueue: \(perBucket) events per bucket aimed at")
        precondition(current < nextPull && nextPull <= current + ringSize / 2,
                     "BucketQueue: next pull at bucket \(nextPull), current \(current), ring of \(ringSize)")

        precondition(head >= 0 && head <= run.count, "BucketQueue: run head \(head) outside 0...\(run.count)")
        for i in head..<run.count {
            let e = run[i]
            precondition(e.time >= clock, "BucketQueue: run event at \(e.time) precedes the last pop at \(clock)")
            precondition(bucketIndex(e.time) <= current,
                         "BucketQueue: run event at \(e.time) is in bucket \(bucketIndex(e.time)), past the drained bucket \(current)")
            if i > head {
                precondition(Event.precedes(run[i - 1], e),
                             "BucketQueue: run out of order at \(i): (\(run[i - 1].time), \(run[i - 1].sequence)) before (\(e.time), \(e.sequence))")
            }
        }

        let blockCount = links.count
        precondition(blockCount == chunks.count << Self.chunkShift,
                     "BucketQueue: \(blockCount) block links for \(chunks.count) chunks")
        var owned = [Bool](repeating: false, count: blockCount)
        func claim(_ block: Int32, _ owner: String) {
            precondition(block >= 0 && Int(block) < blockCount, "BucketQueue: \(owner) links to block \(block) of \(blockCount)")
            precondition(!owned[Int(block)], "BucketQueue: block \(block) of \(owner) is also in another chain (or a cycle)")
            owned[Int(block)] = true
        }
        var inRing = 0
        for slot in 0..<ringSize {
            let chain = buckets[slot]
            let size = Int(chain.size)
            precondition(size >= 0, "BucketQueue: slot \(slot) holds \(size) events")
            precondition((size == 0) == (chain.head < 0) && (chain.head < 0) == (chain.tail < 0),
                         "BucketQueue: slot \(slot) of \(size) events has head \(chain.head), tail \(chain.tail)")
            var remaining = size
            var block = chain.head
            var last: Int32 = -1
            while block >= 0 {
                claim(block, "ring slot \(slot)")
                precondition(remaining > 0, "BucketQueue: slot \(slot) has more blocks than its \(size) events need")
                let events = events(ofBlock: block)
                for k in 0..<min(remaining, Self.blockSize) {
                    let b = bucketIndex(events[k].time)
                    precondition(b & mask == slot, "BucketQueue: event at \(events[k].time) (bucket \(b)) in ring slot \(slot)")
                    precondition(b > current && b < current + ringSize,
                                 "BucketQueue: ring event in bucket \(b) outside (\(current), \(current + ringSize))")
                }
                remaining -= Self.blockSize
                last = block
                block = links[Int(block)]
            }
            precondition(remaining <= 0, "BucketQueue: slot \(slot) has too few blocks for its \(size) events")
            precondition(last == chain.tail, "BucketQueue: slot \(slot) ends at block \(last), its tail is \(chain.tail)")
            inRing += size
        }
        precondition(inRing == ringCount, "BucketQueue: \(inRing) events in ring slots, ringCount \(ringCount)")
        var block = freeHead
        while block >= 0 {
            claim(block, "the free list")
            block = links[Int(block)]
        }
        if let lost = owned.firstIndex(of: false) {
            preconditionFailure("BucketQueue: block \(lost) is in no chain and not free")
        }

        for e in far {
            precondition(bucketIndex(e.time) >= nextPull,
                         "BucketQueue: overflow event in bucket \(bucketIndex(e.time)), before the next pull at \(nextPull)")
        }
        precondition(_count == run.count - head + ringCount + far.count,
                     "BucketQueue: count \(_count), but \(run.count - head) in the run, \(ringCount) in the ring, \(far.count) overflowing")
        precondition(tally.count == 0 && partOf.count == 0, "BucketQueue: sorting scratch space holds elements")
    }

    /// ``_checkInvariants()`` in debug builds; nothing otherwise.
    @inline(__always)
    func checkInvariantsInDebugBuilds() {
        #if DEBUG
        _checkInvariants()
        #endif
    }
}
