/// A fixed number of plain values owned by one holder: reads and writes go
/// straight to memory, with no copy-on-write check or reference count (an
/// array in a mutable struct pays a uniqueness check on every write). For
/// counters a hot loop bumps per event.
public struct FixedTable<Element: BitwiseCopyable>: ~Copyable {
    @usableFromInline let base: UnsafeMutablePointer<Element>
    /// The number of values, fixed at creation.
    public let count: Int

    /// `count` copies of `value`.
    public init(repeating value: Element, count: Int) {
        precondition(count >= 0, "a table needs a count ≥ 0, got \(count)")
        self.count = count
        base = .allocate(capacity: max(1, count))
        base.initialize(repeating: value, count: count)
    }

    deinit { base.deallocate() }

    /// The value at `index` (checked in debug builds only).
    @inlinable
    public subscript(index: Int) -> Element {
        get {
            assert(index >= 0 && index < count, "index \(index) out of 0..<\(count)")
            return base[index]
        }
        nonmutating set {
            assert(index >= 0 && index < count, "index \(index) out of 0..<\(count)")
            base[index] = newValue
        }
    }

    /// The values, in order, as an array.
    public var values: [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }
}
