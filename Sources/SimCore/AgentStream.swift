import CGSL

/// A random stream small enough for every agent to carry its own: 8 bytes of
/// state, against ``RandomStream``'s 32.
///
/// The generator is SplitMix64 (Steele, Lea & Flood 2014; it passes BigCrush
/// and is Java's `SplittableRandom`): its state is a counter, each draw
/// advances it by a fixed odd increment and mixes it. An agent's stream is
/// seeded from a hash of its identity, so two agents' sequences are windows
/// of the same 2⁶⁴ cycle at unrelated offsets; an agent draws a few hundred
/// numbers at most, and overlaps between millions of such windows have
/// negligible probability. Use ``RandomStream`` for long streams (channels,
/// stream-wide incidents).
public struct AgentStream: RandomSource, Sendable, Equatable, BitwiseCopyable {
    @usableFromInline var state: SplitMix64

    /// The stream seeded with `seed` (an agent's identity hash).
    @inlinable
    public init(seed: UInt64) { state = SplitMix64(seed: seed) }

    /// The next 64 random bits.
    @inlinable @inline(__always)
    public mutating func nextUInt64() -> UInt64 { state.next() }

    /// A uniform double on (0, 1), never 0 or 1 (as ``RandomStream/uniform()``).
    @inlinable @inline(__always)
    public mutating func uniform() -> Double { openUnitInterval(state.next()) }

    @inlinable @inline(__always)
    public mutating func nextBits() -> UInt64 { state.next() }

    /// Discards the next `count` draws, as if `count` uniforms had been drawn
    /// (a jump of the counter: O(1)).
    @inlinable
    public mutating func skip(_ count: Int) {
        state.state &+= SplitMix64.increment &* UInt64(truncatingIfNeeded: count)
    }

    @inlinable
    public mutating func withGSLGenerator<R>(_ body: (UnsafeMutablePointer<gsl_rng>) throws -> R) rethrows -> R {
        try withUnsafeMutablePointer(to: &state) { state in
            var rng = gsl_rng(type: splitMixGSLType, state: UnsafeMutableRawPointer(state))
            return try body(&rng)
        }
    }
}

/// SplitMix64 registered as a custom `gsl_rng_type`, for ``AgentStream``.
@usableFromInline
nonisolated(unsafe) let splitMixGSLType: UnsafePointer<gsl_rng_type> = {
    GSLSetup.ensureConfigured()
    let type = UnsafeMutablePointer<gsl_rng_type>.allocate(capacity: 1)
    let name: StaticString = "splitmix64"
    type.initialize(to: gsl_rng_type(
        name: UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self),
        max: UInt.max,
        min: 0,
        size: MemoryLayout<SplitMix64>.size,
        set: { state, seed in
            state!.assumingMemoryBound(to: SplitMix64.self).pointee = SplitMix64(seed: UInt64(seed))
        },
        get: { state in
            UInt(state!.assumingMemoryBound(to: SplitMix64.self).pointee.next())
        },
        get_double: { state in
            openUnitInterval(state!.assumingMemoryBound(to: SplitMix64.self).pointee.next())
        }))
    return UnsafePointer(type)
}()
