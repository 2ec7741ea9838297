import CGSL
import Foundation

/// The ziggurat method of Marsaglia & Tsang ("The Ziggurat Method for
/// Generating Random Variables", Journal of Statistical Software 5(8), 2000)
/// for the unit exponential and the standard normal, in the 256-layer form
/// with an x table of 257 entries that Doornik describes ("An Improved
/// Ziggurat Method to Generate Normal Random Samples", 2005).
///
/// The density is covered by 256 layers of equal area `v`: a base strip
/// (layer 0: a rectangle under the density up to `r`, then the tail beyond
/// it) and 255 rectangles stacked on it. One 64-bit draw picks a layer (its
/// low 8 bits) and a point across it (its top 53 bits); the point is kept at
/// once when it falls where the layer lies wholly under the density — about
/// 99% of draws, one multiplication and one comparison — else the wedge is
/// tested against the density with a second uniform, or the tail is drawn.
/// Against inversion (`−log u`, GSL's inverse normal CDF) this saves the
/// logarithm or the rational approximation on nearly every draw.
///
/// The tables are computed once, at first use, from the published constants
/// `r` and `v` by the method's own recurrence; a test checks that the
/// recurrence closes (the top layer reaches the density's peak).
@usableFromInline
struct Ziggurat: @unchecked Sendable {
    /// x[0] = v / f(r) (the base strip's width, tail included as area),
    /// x[1] = r, …, x[256] = 0, decreasing.
    @usableFromInline let x: UnsafeMutablePointer<Double>
    /// f(x[i]), increasing to f(0) = 1.
    @usableFromInline let f: UnsafeMutablePointer<Double>
    /// Where the tail begins.
    @usableFromInline let r: Double

    /// The tables of an unnormalised decreasing density `density` on x ≥ 0 with
    /// inverse `inverse`, tail start `r` and layer area `v`.
    init(r: Double, v: Double, density: (Double) -> Double, inverse: (Double) -> Double) {
        x = .allocate(capacity: 257)
        f = .allocate(capacity: 257)
        self.r = r
        x[0] = v / density(r)
        x[1] = r
        for i in 1..<255 { x[i + 1] = inverse(v / x[i] + density(x[i])) }
        x[256] = 0
        for i in 0...256 { f[i] = density(x[i]) }
    }

    /// The unit exponential's: f(x) = e^{−x}, r and v from Marsaglia & Tsang's 256-layer table.
    @usableFromInline
    static let exponential = Ziggurat(r: 7.69711747013104972, v: 3.949659822581572e-3,
                                                           density: { exp(-$0) }, inverse: { -log($0) })

    /// The standard normal's (one side; the sign comes from the draw): f(x) =
    /// e^{−x²/2}, r and v of the 256-layer symmetric table (Doornik 2005).
    @usableFromInline
    static let normal = Ziggurat(r: 3.6541528853610088, v: 0.00492867323399,
                                                      density: { exp(-0.5 * $0 * $0) }, inverse: { (-2 * log($0)).squareRoot() })

    /// Consecutive rejections after which a draw falls back to inversion. A
    /// real generator never gets there (each try is rejected with probability
    /// about 0.01, so 10⁻³² for all of them); a degenerate test source that
    /// repeats one value would otherwise loop for ever.
    @usableFromInline static let maximumTries = 16
}

extension RandomSource {
    /// A unit exponential by the ziggurat (``Ziggurat``): usually one 64-bit
    /// draw, sometimes more (a wedge or the tail), so draws after it in the
    /// same stream stay aligned between scenarios only as long as the same
    /// draws are made — which common random numbers need anyway.
    @inlinable @inline(__always)
    public mutating func unitExponential() -> Double {
        let z = Ziggurat.exponential
        let bits = nextBits()
        let i = Int(truncatingIfNeeded: bits & 0xFF)
        let x = (Double(Int64(bitPattern: bits >> 11)) + 0.5) * 0x1p-53 * z.x[i]
        if x < z.x[i + 1] { return x }
        return unitExponentialSlowPath(first: x, layer: i)
    }

    /// The wedge and tail cases of ``unitExponential()``, and its later tries.
    @inlinable @inline(never)
    mutating func unitExponentialSlowPath(first: Double, layer: Int) -> Double {
        let z = Ziggurat.exponential
        var x = first, i = layer
        for _ in 0..<Ziggurat.maximumTries {
            if i == 0 { return z.r - log(uniform()) }   // the tail is memoryless: r plus a unit exponential
            if z.f[i] + (z.f[i + 1] - z.f[i]) * uniform() < exp(-x) { return x }
            let bits = nextBits()
            i = Int(truncatingIfNeeded: bits & 0xFF)
            x = (Double(Int64(bitPattern: bits >> 11)) + 0.5) * 0x1p-53 * z.x[i]
            if x < z.x[i + 1] { return x }
        }
        return -log(uniform())
    }

    /// A standard normal by the ziggurat (``Ziggurat``), the sign from the same draw.
    @inlinable @inline(__always)
    public mutating func standardNormal() -> Double {
        let z = Ziggurat.normal
        let bits = nextBits()
        let i = Int(truncatingIfNeeded: bits & 0xFF)
        let u = (Double(Int64(bitPattern: bits >> 11)) + 0.5) * 0x1p-52 - 1   // (−1, 1)
        let x = u * z.x[i]
        if abs(x) < z.x[i + 1] { return x }
        return standardNormalSlowPath(first: x, layer: i)
    }

    /// The wedge and tail cases of ``standardNormal()``, and its later tries.
    @inlinable @inline(never)
    mutating func standardNormalSlowPath(first: Double, layer: Int) -> Double {
        let z = Ziggurat.normal
        var x = first, i = layer
        for _ in 0..<Ziggurat.maximumTries {
            if i == 0 {
                // Marsaglia's tail (1964): r + a, with a exponential of rate r, kept with probability e^{−a²/2}.
                for _ in 0..<Ziggurat.maximumTries {
                    let a = -log(uniform()) / z.r, b = -log(uniform())
                    if 2 * b >= a * a { return x < 0 ? -(z.r + a) : z.r + a }
                }
                break
            }
            if z.f[i] + (z.f[i + 1] - z.f[i]) * uniform() < exp(-0.5 * x * x) { return x }
            let bits = nextBits()
            i = Int(truncatingIfNeeded: bits & 0xFF)
            x = ((Double(Int64(bitPattern: bits >> 11)) + 0.5) * 0x1p-52 - 1) * z.x[i]
            if abs(x) < z.x[i + 1] { return x }
        }
        return gsl_cdf_ugaussian_Pinv(uniform())
    }
}
