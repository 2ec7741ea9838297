/// SplitMix64 (Steele, Lea & Flood 2014): a 64-bit sequence generator and mixer.
///
/// SimCore uses it to hash `(master seed, replication, stream id)` into a
/// stream seed, to expand one 64-bit seed into the 256-bit state of
/// ``RandomStream``, and as the generator of ``AgentStream``.
public struct SplitMix64: Sendable, Equatable, BitwiseCopyable {
    /// The golden-ratio increment of the sequence.
    public static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15

    @usableFromInline var state: UInt64

    /// Starts the sequence at `seed`.
    @inlinable
    public init(seed: UInt64) { state = seed }

    /// The next value of the sequence.
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= SplitMix64.increment
        return SplitMix64.mix(state)
    }

    /// SplitMix64's finaliser: a bijective avalanche of all 64 bits.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Combines a key into a running hash; order matters, so `(a, b)` and
    /// `(b, a)` give different results.
    @inlinable
    public static func combine(_ hash: UInt64, _ key: UInt64) -> UInt64 {
        mix(hash ^ mix(key &+ increment))
    }
}
