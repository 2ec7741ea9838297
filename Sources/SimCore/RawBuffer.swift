/// A growable buffer of trivial values that the owner alone may touch: no
/// copy-on-write check, no reference count, no bounds check in release builds
/// (the owner keeps its indices in range). The storage of ``BucketQueue``.
@usableFromInline
struct RawBuffer<Element: BitwiseCopyable>: ~Copyable {
    @usableFromInline var base: UnsafeMutablePointer<Element>
    @usableFromInline var count = 0
    @usableFromInline var capacity: Int

    @inlinable
    init(capacity: Int = 16) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
    }

    /// A buffer of `count` copies of `value`.
    @inlinable
    init(repeating value: Element, count: Int) {
        self.init(capacity: count)
        base.initialize(repeating: value, count: count)
        self.count = count
    }

    @inlinable deinit { base.deallocate() }

    @inlinable
    subscript(i: Int) -> Element {
        get {
            assert(i >= 0 && i < count, "index \(i) out of 0..<\(count)")
            return base[i]
        }
        nonmutating set {
            assert(i >= 0 && i < count, "index \(i) out of 0..<\(count)")
            base[i] = newValue
        }
    }

    @inlinable
    mutating func append(_ element: Element) {
        if count == capacity { reserve(count + 1) }
        base[count] = element
        count += 1
    }

    /// Makes room for at least `minimum` elements (doubling), keeping the contents.
    @usableFromInline
    mutating func reserve(_ minimum: Int) {
        guard minimum > capacity else { return }
        let grown = max(minimum, 2 * capacity)
        let fresh = UnsafeMutablePointer<Element>.allocate(capacity: grown)
        fresh.initialize(from: base, count: count)
        base.deallocate()
        base = fresh
        capacity = grown
    }

    @inlinable
    mutating func removeAll() { count = 0 }
}
