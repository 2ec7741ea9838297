import CGSL
import CZiggurat
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
/// The tables are computed when the program is loaded (CZiggurat: C, so
/// that a draw reads them with no lazy-initialisation check), from the
/// published constants `r` and `v` by the method's own recurrence; tests
/// check that the recurrence closes (the top layer reaches the density's
/// peak) and that the tables are the recurrence's, bit for bit.
@usableFromInline
struct Ziggurat {
    /// x[0] = v / f(r) (the base strip's width, tail included as area),
    /// x[1] = r, …, x[256] = 0, decreasing.
    @usableFromInline let x: UnsafePointer<Double>
    /// f(x[i]), increasing to f(0) = 1.
    @usableFromInline let f: UnsafePointer<Double>
    /// Where the tail begins.
    @usableFromInline let r: Double

    /// A view of tables filled at load time (``exponential``, ``normal``).
    @inlinable @inline(__always)
    init(_ tables: UnsafePointer<livesim_ziggurat_tables>) {
        let base = UnsafeRawPointer(tables)
        x = base.assumingMemoryBound(to: Double.self)
        f = (base + MemoryLayout<livesim_ziggurat_tables>.offset(of: \.f)!).assumingMemoryBound(to: Double.self)
        r = tables.pointee.r
    }

    /// The unit exponential's: f(x) = e^{−x}, r and v from Marsaglia & Tsang's 256-layer table.
    @inlinable @inline(__always)
    static var exponential: Ziggurat { Ziggurat(livesim_ziggurat_exponential()) }

    /// The standard normal's (one side; the sign comes from the draw): f(x) =
    /// e^{−x²/2}, r and v of the 256-layer symmetric table (Doornik 2005).
    @inlinable @inline(__always)
    static var normal: Ziggurat { Ziggurat(livesim_ziggurat_normal()) }

    /// Consecutive rejections after which a draw falls back to inversion. A
    /// real generator never gets there (each try is rejected with probability
    /// about 0.01, so 10⁻³² for all of them); a degenerate test source that
    /// repeats one value would otherwise loop for ever.
    @usableFromInline static let maximumTries = 16

    /// One try: the layer (low 8 bits of `bits`) and a point across it (the
    /// top 53 bits, centred in their cell), on (0, x[i]) or, `symmetric`, on
    /// (−x[i], x[i]).
    @inlinable @inline(__always)
    func point(_ bits: UInt64, symmetric: Bool) -> (x: Double, layer: Int) {
        let i = Int(truncatingIfNeeded: bits & 0xFF)
        let u = Double(Int64(bitPattern: bits >> 11)) + 0.5
        return ((symmetric ? u * 0x1p-52 - 1 : u * 0x1p-53) * x[i], i)
    }

    /// Whether the point lies where its layer is wholly under the density (kept at once).
    @inlinable @inline(__always)
    func isInCore(_ p: (x: Double, layer: Int)) -> Bool { abs(p.x) < x[p.layer + 1] }
}

extension RandomSource {
    /// A unit exponential by the ziggurat (``Ziggurat``): usually one 64-bit
    /// draw, sometimes more (a wedge or the tail), so draws after it in the
    /// same stream stay aligned between scenarios only as long as the same
    /// draws are made — which common random numbers need anyway.
    @inlinable @inline(__always)
    public mutating func unitExponential() -> Double {
        let p = Ziggurat.exponential.point(nextBits(), symmetric: false)
        if Ziggurat.exponential.isInCore(p) { return p.x }
        return unitExponentialSlowPath(first: p)
    }

    /// The wedge and tail cases of ``unitExponential()``, and its later tries.
    @inlinable @inline(never)
    mutating func unitExponentialSlowPath(first: (x: Double, layer: Int)) -> Double {
        zigguratSlowPath(Ziggurat.exponential, first: first, symmetric: false, density: { exp(-$0) },
                         // The tail is memoryless: r plus a unit exponential.
                         tail: { source, _ in Ziggurat.exponential.r - log(source.uniform()) },
                         fallback: { -log($0.uniform()) })
    }

    /// A standard normal by the ziggurat (``Ziggurat``), the sign from the same draw.
    @inlinable @inline(__always)
    public mutating func standardNormal() -> Double {
        let p = Ziggurat.normal.point(nextBits(), symmetric: true)
        if Ziggurat.normal.isInCore(p) { return p.x }
        return standardNormalSlowPath(first: p)
    }

    /// The wedge and tail cases of ``standardNormal()``, and its later tries.
    @inlinable @inline(never)
    mutating func standardNormalSlowPath(first: (x: Double, layer: Int)) -> Double {
        zigguratSlowPath(Ziggurat.normal, first: first, symmetric: true, density: { exp(-0.5 * $0 * $0) },
                         tail: { source, x in
                             // Marsaglia's tail (1964): r + a, with a exponential of rate r, kept with probability e^{−a²/2}.
                             let r = Ziggurat.normal.r
                             for _ in 0..<Ziggurat.maximumTries {
                                 let a = -log(source.uniform()) / r, b = -log(source.uniform())
                                 if 2 * b >= a * a { return x < 0 ? -(r + a) : r + a }
                             }
                             return nil
                         },
                         fallback: { gsl_cdf_ugaussian_Pinv($0.uniform()) })
    }

    /// The slow path both samplers share: the tail for layer 0 (nil when it
    /// gave up), the wedge test against `density` with a second uniform, else
    /// a new try; after ``Ziggurat/maximumTries`` tries, `fallback` (inversion).
    @inlinable
    mutating func zigguratSlowPath(_ z: Ziggurat, first: (x: Double, layer: Int), symmetric: Bool, density: (Double) -> Double,
                                   tail: (inout Self, Double) -> Double?, fallback: (inout Self) -> Double) -> Double {
        var p = first
        for _ in 0..<Ziggurat.maximumTries {
            if p.layer == 0 {
                if let x = tail(&self, p.x) { return x }
                break
            }
            if z.f[p.layer] + (z.f[p.layer + 1] - z.f[p.layer]) * uniform() < density(p.x) { return p.x }
            p = z.point(nextBits(), symmetric: symmetric)
            if z.isInCore(p) { return p.x }
        }
        return fallback(&self)
    }
}
