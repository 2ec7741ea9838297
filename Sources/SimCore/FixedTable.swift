/// A fixed number of plain values owned by one holder: reads and writes go
/// straight to memory, with no copy-on-write check or reference count (an
/// array in a mutable struct pays a uniqueness check on every write). For
/// counters a hot loop bumps per event. The public face of ``RawBuffer``
/// at a fixed size.
public struct FixedTable<Element: BitwiseCopyable>: ~Copyable {
    @usableFromInline let storage: RawBuffer<Element>

    /// `count` copies of `value`.
    public init(repeating value: Element, count: Int) {
        precondition(count >= 0, "a table needs a count ≥ 0, got \(count)")
        storage = RawBuffer(repeating: value, count: count)
    }

    /// The number of values, fixed at creation.
    @inlinable public var count: Int { storage.count }

    /// The value at `index` (checked in debug builds only).
    @inlinable
    public subscript(index: Int) -> Element {
        get { storage[index] }
        nonmutating set { storage[index] = newValue }
    }
}
