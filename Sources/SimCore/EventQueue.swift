/// A priority queue of events popping in `(time, sequence)` order.
///
/// The protocol is small so the engine can swap implementations: a d-ary heap
/// (``QuaternaryHeap``) or a bucketed queue for many pending events
/// (``BucketQueue``). Both pop in exactly the same order.
public protocol EventQueue: ~Copyable {
    /// Pending events.
    var count: Int { get }
    /// The event that pops next, if any (a queue may reorganise itself to find it).
    var first: Event? { mutating get }
    /// Adds an event.
    mutating func insert(_ event: Event)
    /// Removes and returns the event that precedes all others.
    mutating func popFirst() -> Event?
    /// Removes and returns the event that precedes all others if its time is
    /// before `limit`; otherwise leaves the queue as it is and returns nil.
    mutating func popFirst(before limit: Double) -> Event?
    /// Drops every event, keeping the storage for reuse.
    mutating func removeAll()
}

extension EventQueue where Self: ~Copyable {
    public var isEmpty: Bool { count == 0 }

    @inlinable
    public mutating func popFirst(before limit: Double) -> Event? {
        guard let head = first, head.time < limit else { return nil }
        return popFirst()
    }
}

/// An implicit 4-ary min-heap keyed on `(time, sequence)`.
///
/// A 4-ary heap is shallower than a binary one and its children share a cache
/// line, which makes it the faster of the two for 32-byte events.
/// Sequence numbers are unique, so the order is total and pops are
/// deterministic (swift-collections' `Heap` promises no order among equal keys).
public struct QuaternaryHeap: EventQueue, Sendable {
    @usableFromInline var storage: [Event] = []

    public init(minimumCapacity: Int = 0) {
        storage.reserveCapacity(minimumCapacity)
    }

    /// - Complexity: O(1).
    @inlinable public var count: Int { storage.count }

    /// - Complexity: O(1).
    @inlinable public var first: Event? { storage.first }

    /// - Complexity: O(log₄ n).
    @inlinable
    public mutating func insert(_ event: Event) {
        storage.append(event)
        siftUp(from: storage.count - 1)
    }

    /// - Complexity: O(log₄ n).
    @inlinable
    public mutating func popFirst() -> Event? {
        guard let last = storage.popLast() else { return nil }
        guard !storage.isEmpty else { return last }
        let top = storage[0]
        storage[0] = last
        siftDown(from: 0)
        return top
    }

    /// - Complexity: O(1); keeps capacity.
    public mutating func removeAll() { storage.removeAll(keepingCapacity: true) }

    @inlinable
    mutating func siftUp(from start: Int) {
        storage.withUnsafeMutableBufferPointer { heap in
            var child = start
            let moving = heap[child]
            while child > 0 {
                let parent = (child - 1) >> 2
                guard Event.precedes(moving, heap[parent]) else { break }
                heap[child] = heap[parent]
                child = parent
            }
            heap[child] = moving
        }
    }

    @inlinable
    mutating func siftDown(from start: Int) {
        storage.withUnsafeMutableBufferPointer { heap in
            let n = heap.count
            var parent = start
            let moving = heap[parent]
            while true {
                let firstChild = (parent << 2) + 1
                if firstChild >= n { break }
                var best = firstChild
                let lastChild = min(firstChild + 3, n - 1)
                var c = firstChild + 1
                while c <= lastChild {
                    if Event.precedes(heap[c], heap[best]) { best = c }
                    c += 1
                }
                guard Event.precedes(heap[best], moving) else { break }
                heap[parent] = heap[best]
                parent = best
            }
            heap[parent] = moving
        }
    }

    /// Checks the heap property; for tests and debug builds.
    public func checkInvariants() -> Bool {
        for i in 1..<max(storage.count, 1) where Event.precedes(storage[i], storage[(i - 1) >> 2]) {
            return false
        }
        return true
    }
}
