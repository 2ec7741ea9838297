import Foundation

/// Maps a data interval onto a pixel interval, linearly.
public struct LinearScale: Sendable, Equatable {
    public let domain: ClosedRange<Double>
    public let range: ClosedRange<Double>

    /// A degenerate domain (one value) is widened so the scale stays finite.
    public init(domain: ClosedRange<Double>, range: ClosedRange<Double>) {
        self.domain = domain.lowerBound < domain.upperBound ? domain : Self.widened(domain.lowerBound)
        self.range = range
    }

    /// The pixel position of `x` (values outside the domain extrapolate).
    public func callAsFunction(_ x: Double) -> Double {
        let t = (x - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
        return range.lowerBound + t * (range.upperBound - range.lowerBound)
    }

    /// For an inverted pixel axis (SVG's y grows downwards).
    public func flipped(_ x: Double) -> Double {
        range.upperBound - (self(x) - range.lowerBound)
    }

    static func widened(_ x: Double) -> ClosedRange<Double> {
        let pad = x == 0 ? 1 : abs(x) * 0.1
        return (x - pad)...(x + pad)
    }
}

/// "Nice" axis ticks (steps of 1, 2 or 5 times a power of ten), after
/// Heckbert, *Nice numbers for graph labels* (Graphics Gems, 1990).
public enum Ticks {
    /// About `count` ticks covering `low…high`; the first is ≤ low and the
    /// last ≥ high, so the axis can span them. Non-finite bounds give [0, 1].
    public static func nice(_ low: Double, _ high: Double, count: Int = 5) -> [Double] {
        guard low.isFinite, high.isFinite else { return [0, 1] }
        var lo = min(low, high), hi = max(low, high)
        if lo == hi {
            let widened = LinearScale.widened(lo)
            lo = widened.lowerBound; hi = widened.upperBound
        }
        let step = niceNumber((hi - lo) / Double(max(1, count - 1)), round: true)
        guard step > 0, step.isFinite else { return [lo, hi] }
        let first = (lo / step).rounded(.down) * step
        let last = (hi / step).rounded(.up) * step
        var ticks: [Double] = []
        var k = 0.0
        while true {
            let t = first + k * step
            // Snap tiny rounding residue (0.30000000000000004) to the step grid.
            let snapped = (t / step).rounded() * step
            ticks.append(abs(snapped) < step * 1e-9 ? 0 : snapped)
            if t >= last - step * 1e-9 || ticks.count > 50 { break }
            k += 1
        }
        return ticks
    }

    /// The nice number near `x`: 1, 2, 5 or 10 times a power of ten.
    public static func niceNumber(_ x: Double, round: Bool) -> Double {
        guard x > 0, x.isFinite else { return 1 }
        let exponent = floor(log10(x))
        let power = pow(10, exponent)
        let fraction = x / power
        let nice: Double
        if round {
            nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return nice * power
    }
}

/// The finite values' extent, or nil when there is none.
func finiteExtent<S: Sequence>(_ values: S) -> ClosedRange<Double>? where S.Element == Double {
    var low = Double.infinity, high = -Double.infinity
    for v in values where v.isFinite {
        low = min(low, v); high = max(high, v)
    }
    return low <= high ? low...high : nil
}
