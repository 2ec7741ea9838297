import CGSL

/// A source of uniform random numbers that GSL's samplers can draw from.
///
/// ``RandomStream`` is the production source; tests supply degenerate ones
/// (always the smallest or largest uniform) to check that samplers stay finite.
public protocol RandomSource {
    /// A uniform draw on the open interval (0, 1): never exactly 0 or 1.
    mutating func uniform() -> Double
    /// 64 random bits (the ziggurat samplers take a layer and a point from
    /// one such draw). Sources of uniforms only get a default made from one.
    mutating func nextBits() -> UInt64
    /// Runs `body` with a `gsl_rng` that draws from this source, so every
    /// `gsl_ran_*` function can use it. The pointer must not escape `body`.
    mutating func withGSLGenerator<R>(_ body: (UnsafeMutablePointer<gsl_rng>) throws -> R) rethrows -> R
}

extension RandomSource {
    /// 64 bits from one uniform (a test source's): its fraction scaled to 2⁶⁴.
    @inlinable
    public mutating func nextBits() -> UInt64 { UInt64(uniform() * 0x1p64) }
}

/// The 256-bit state of xoshiro256** (Blackman & Vigna 2018).
public struct Xoshiro256StarStar: Sendable, Equatable {
    @usableFromInline var s0, s1, s2, s3: UInt64

    /// Expands a 64-bit seed into a full state through SplitMix64, as the
    /// generator's authors recommend (the state is then never all zero).
    @inlinable
    public init(seed: UInt64) {
        var splitMix = SplitMix64(seed: seed)
        s0 = splitMix.next(); s1 = splitMix.next(); s2 = splitMix.next(); s3 = splitMix.next()
    }

    /// The next 64 random bits.
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, by: 45)
        return result
    }

    /// A uniform double on (0, 1) (see ``openUnitInterval(_:)``).
    @inlinable @inline(__always)
    public mutating func nextOpenUnit() -> Double { openUnitInterval(next()) }

    @inlinable @inline(__always)
    func rotateLeft(_ x: UInt64, by k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }
}

/// A uniform double on (0, 1) from 64 random bits: the top 52, centred in
/// their cell, so the result lies in [2⁻⁵³, 1 − 2⁻⁵³] and is never 0 or 1
/// (GSL's `uniform_pos` loops on 0; logarithms of 0 or of 1 − 1 are infinite).
/// Every generator here maps its bits to uniforms through this.
@inlinable @inline(__always)
func openUnitInterval(_ bits: UInt64) -> Double {
    (Double(bits >> 12) + 0.5) * 0x1p-52
}

/// xoshiro256** registered as a custom `gsl_rng_type`, so every `gsl_ran_*`
/// sampler works with it unchanged. GSL's built-in generators keep only 32 bits
/// of a seed; this one is seeded with all 64 (on LP64 `unsigned long` is 64 bits).
@usableFromInline
nonisolated(unsafe) let xoshiroGSLType: UnsafePointer<gsl_rng_type> = {
    GSLSetup.ensureConfigured()
    let type = UnsafeMutablePointer<gsl_rng_type>.allocate(capacity: 1)
    let name: StaticString = "xoshiro256**"
    type.initialize(to: gsl_rng_type(
        name: UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self),
        max: UInt.max,
        min: 0,
        size: MemoryLayout<Xoshiro256StarStar>.size,
        set: { state, seed in
            state!.assumingMemoryBound(to: Xoshiro256StarStar.self).pointee = Xoshiro256StarStar(seed: UInt64(seed))
        },
        get: { state in
            UInt(state!.assumingMemoryBound(to: Xoshiro256StarStar.self).pointee.next())
        },
        get_double: { state in
            state!.assumingMemoryBound(to: Xoshiro256StarStar.self).pointee.nextOpenUnit()
        }))
    return UnsafePointer(type)
}()

/// An independent stream of random numbers, keyed by
/// `(master seed, replication, stream id)`.
///
/// Every replication, channel and purpose draws from its own stream, so results
/// do not depend on thread count, shard layout or the order of processing. The
/// stream is a plain value (32 bytes, no heap): copying it forks it, and
/// `gsl_ran_*` samplers borrow it through ``withGSLGenerator(_:)`` without
/// allocating.
public struct RandomStream: RandomSource, Sendable, Equatable {
    @usableFromInline var generator: Xoshiro256StarStar

    /// A stream seeded directly with a full 64-bit seed.
    @inlinable
    public init(seed: UInt64) {
        generator = Xoshiro256StarStar(seed: seed)
    }

    /// The stream `stream` of replication `replication` under `masterSeed`.
    /// The three keys are hashed with SplitMix64; any change in any bit of any
    /// key gives an unrelated stream.
    @inlinable
    public init(masterSeed: UInt64, replication: UInt64, stream: UInt64) {
        self.init(seed: RandomStream.seed(masterSeed: masterSeed, replication: replication, stream: stream))
    }

    /// The 64-bit seed of stream `stream` of replication `replication`.
    @inlinable
    public static func seed(masterSeed: UInt64, replication: UInt64, stream: UInt64) -> UInt64 {
        SplitMix64.combine(SplitMix64.combine(SplitMix64.mix(masterSeed), replication), stream)
    }

    /// Sub-stream `key` of the stream seeded `seed` (an agent's own stream,
    /// keyed by its arrival index, say): a pure function of its two keys, so an
    /// agent's draws do not depend on how many other agents drew before it.
    @inlinable
    public init(seed: UInt64, key: UInt64) {
        self.init(seed: SplitMix64.combine(seed, key))
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func nextUInt64() -> UInt64 { generator.next() }

    @inlinable @inline(__always)
    public mutating func uniform() -> Double { generator.nextOpenUnit() }

    @inlinable @inline(__always)
    public mutating func nextBits() -> UInt64 { generator.next() }

    /// Discards the next `count` draws, as if `count` uniforms had been drawn.
    @inlinable
    public mutating func skip(_ count: Int) {
        for _ in 0..<count { _ = generator.next() }
    }

    @inlinable
    public mutating func withGSLGenerator<R>(_ body: (UnsafeMutablePointer<gsl_rng>) throws -> R) rethrows -> R {
        try withUnsafeMutablePointer(to: &generator) { state in
            var rng = gsl_rng(type: xoshiroGSLType, state: UnsafeMutableRawPointer(state))
            return try body(&rng)
        }
    }
}
