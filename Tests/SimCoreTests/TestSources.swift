import Foundation
import CGSL
import SimCore

/// A source stuck at one uniform value, for checking that samplers stay
/// finite at the extremes of what a generator can return.
struct ConstantSource: RandomSource {
    /// The smallest and largest values `RandomStream.uniform()` can return.
    static let smallest = 0x1p-53
    static let largest = 1 - 0x1p-53

    var value: Double

    mutating func uniform() -> Double { value }

    mutating func withGSLGenerator<R>(_ body: (UnsafeMutablePointer<gsl_rng>) throws -> R) rethrows -> R {
        try withUnsafeMutablePointer(to: &value) { state in
            var rng = gsl_rng(type: constantType, state: UnsafeMutableRawPointer(state))
            return try body(&rng)
        }
    }
}

/// A source that returns `value` for its first `count` draws, then real
/// random numbers: rejection samplers meet the extreme and still terminate.
struct ExtremesFirstSource: RandomSource {
    struct State { var remaining: Int; var value: Double; var generator: Xoshiro256StarStar }
    var state: State

    init(value: Double, count: Int, seed: UInt64) {
        state = State(remaining: count, value: value, generator: Xoshiro256StarStar(seed: seed))
    }

    mutating func uniform() -> Double { ExtremesFirstSource.draw(&state) }

    static func draw(_ state: inout State) -> Double {
        if state.remaining > 0 { state.remaining -= 1; return state.value }
        return state.generator.nextOpenUnit()
    }

    mutating func withGSLGenerator<R>(_ body: (UnsafeMutablePointer<gsl_rng>) throws -> R) rethrows -> R {
        try withUnsafeMutablePointer(to: &state) { state in
            var rng = gsl_rng(type: extremesFirstType, state: UnsafeMutableRawPointer(state))
            return try body(&rng)
        }
    }
}

nonisolated(unsafe) private let constantType: UnsafePointer<gsl_rng_type> = makeType(
    get: { UInt($0!.assumingMemoryBound(to: Double.self).pointee * 0x1p64.nextDown) },
    getDouble: { $0!.assumingMemoryBound(to: Double.self).pointee })

nonisolated(unsafe) private let extremesFirstType: UnsafePointer<gsl_rng_type> = makeType(
    get: { UInt(ExtremesFirstSource.draw(&$0!.assumingMemoryBound(to: ExtremesFirstSource.State.self).pointee) * 0x1p64.nextDown) },
    getDouble: { ExtremesFirstSource.draw(&$0!.assumingMemoryBound(to: ExtremesFirstSource.State.self).pointee) })

private func makeType(get: @convention(c) (UnsafeMutableRawPointer?) -> UInt,
                      getDouble: @convention(c) (UnsafeMutableRawPointer?) -> Double) -> UnsafePointer<gsl_rng_type> {
    let type = UnsafeMutablePointer<gsl_rng_type>.allocate(capacity: 1)
    let name: StaticString = "test"
    type.initialize(to: gsl_rng_type(name: UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self),
                                     max: UInt.max, min: 0, size: 0, set: { _, _ in }, get: get, get_double: getDouble))
    return UnsafePointer(type)
}

/// Draws `n` values.
func draws(_ n: Int, seed: UInt64, _ body: (inout RandomStream) -> Double) -> [Double] {
    var stream = RandomStream(seed: seed)
    return (0..<n).map { _ in body(&stream) }
}

/// Sample mean and variance.
func moments(_ xs: [Double]) -> (mean: Double, variance: Double, fourthCentral: Double) {
    let n = Double(xs.count)
    let mean = xs.reduce(0, +) / n
    let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
    let fourth = xs.reduce(0) { $0 + pow($1 - mean, 4) } / n
    return (mean, variance, fourth)
}
