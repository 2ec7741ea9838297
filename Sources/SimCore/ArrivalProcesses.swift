import Foundation

/// A non-homogeneous Poisson process drawn one arrival at a time.
///
/// Implementations draw exactly: by inverting the cumulative intensity where it
/// has a closed form, otherwise by Lewis–Shedler thinning against a bound.
public protocol ArrivalProcess {
    /// The first arrival strictly after `time` and strictly before `horizon`,
    /// or nil if there is none. Calls must come with non-decreasing `time`.
    mutating func nextArrival<R: RandomSource>(after time: Double, before horizon: Double, using source: inout R) -> Double?
}

/// A time-varying rate λ(t) (arrivals per unit time).
public protocol Intensity {
    /// λ(t) ≥ 0.
    func rate(at time: Double) -> Double
}

/// λ(t) piecewise constant: `rates[i]` on `[breakpoints[i], breakpoints[i+1])`,
/// zero before the first breakpoint and from the last one on. Drawn by
/// inversion of Λ(t) = ∫λ, in amortised O(1) per arrival.
public struct PiecewiseConstantRate: ArrivalProcess, Intensity, Sendable {
    /// Segment boundaries, strictly increasing; one more than `rates`.
    public let breakpoints: [Double]
    /// Rate on each segment, ≥ 0.
    public let rates: [Double]
    /// The segment the last draw ended in (`rates.count`: past the last).
    @usableFromInline var cursor = 0
    /// That segment's end and rate (−∞ and 0 past the last), and the first
    /// breakpoint: what a draw inside the segment reads, without the arrays.
    @usableFromInline var cursorEnd: Double
    @usableFromInline var cursorRate: Double
    @usableFromInline let start: Double

    /// Returns nil unless `breakpoints` increase strictly, there is one more
    /// breakpoint than rates, and every rate is finite and ≥ 0.
    public init?(breakpoints: [Double], rates: [Double]) {
        guard breakpoints.count == rates.count + 1,
              zip(breakpoints, breakpoints.dropFirst()).allSatisfy({ $0 < $1 }),
              breakpoints.allSatisfy(\.isFinite),
              rates.allSatisfy({ $0 >= 0 && $0.isFinite }) else { return nil }
        self.breakpoints = breakpoints
        self.rates = rates
        start = breakpoints[0]
        (cursorEnd, cursorRate) = rates.isEmpty ? (-.infinity, 0) : (breakpoints[1], rates[0])
    }

    /// A constant rate on `[start, end)`.
    public static func constant(_ rate: Double, from start: Double, to end: Double) -> PiecewiseConstantRate {
        PiecewiseConstantRate(breakpoints: [start, end], rates: [rate])!
    }

    public func rate(at time: Double) -> Double {
        guard let i = segment(containing: time) else { return 0 }
        return rates[i]
    }

    /// Λ(t) = ∫ λ from the first breakpoint to `time`.
    public func cumulative(at time: Double) -> Double {
        var total = 0.0
        for i in rates.indices {
            let lower = breakpoints[i], upper = breakpoints[i + 1]
            if time <= lower { break }
            total += rates[i] * (min(time, upper) - lower)
        }
        return total
    }

    private func segment(containing time: Double) -> Int? {
        guard time >= breakpoints[0], time < breakpoints[breakpoints.count - 1] else { return nil }
        // Binary search: last breakpoint ≤ time.
        var low = 0, high = rates.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if breakpoints[mid] <= time { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The common case inline — the draw starts and ends in the cursor's
    /// segment — the rest in ``walk(from:after:before:remaining:using:)``.
    @inlinable
    public mutating func nextArrival<R: RandomSource>(after time: Double, before horizon: Double, using source: inout R) -> Double? {
        let t = max(time, start)
        guard t < cursorEnd else { return walk(from: t, after: time, before: horizon, remaining: nil, using: &source) }
        let e = source.exponential(mean: 1)
        if t < horizon && e < cursorRate * (cursorEnd - t) {
            // Rounding can put the arrival on a boundary: keep it
            // inside its segment and strictly after `time`.
            var arrival = t + e / cursorRate
            if arrival >= cursorEnd { arrival = cursorEnd.nextDown }
            if arrival <= time { arrival = time.nextUp }
            return arrival < horizon ? arrival : nil
        }
        return walk(from: t, after: time, before: horizon, remaining: e, using: &source)
    }

    /// Inversion across segments: moves the cursor to the segment holding
    /// `t`, draws the unit exponential unless `remaining` is the one already
    /// drawn there, and spends it segment by segment.
    @usableFromInline
    mutating func walk<R: RandomSource>(from t: Double, after time: Double, before horizon: Double, remaining drawn: Double?,
                                        using source: inout R) -> Double? {
        defer {
            (cursorEnd, cursorRate) = cursor < rates.count ? (breakpoints[cursor + 1], rates[cursor]) : (-.infinity, 0)
        }
        var t = t
        while cursor < rates.count && breakpoints[cursor + 1] <= t { cursor += 1 }
        var remaining = drawn ?? source.exponential(mean: 1)
        while cursor < rates.count {
            let upper = breakpoints[cursor + 1]
            if t >= horizon { return nil }
            let rate = rates[cursor]
            if rate > 0 {
                let mass = rate * (upper - t)
                if remaining < mass {
                    var arrival = t + remaining / rate
                    if arrival >= upper { arrival = upper.nextDown }
                    if arrival <= time { arrival = time.nextUp }
                    return arrival < horizon ? arrival : nil
                }
                remaining -= mass
            }
            t = upper
            cursor += 1
        }
        return nil
    }
}

/// A burst whose rate jumps to `peakRate` at `start` and decays exponentially
/// with time constant `decayTime`: λ(t) = peak · exp(−(t − start) / τ) for
/// t ≥ start. Its total mass is peak · τ. Drawn by closed-form inversion.
public struct DecayingBurst: ArrivalProcess, Intensity, Sendable {
    public let start: Double
    public let peakRate: Double
    public let decayTime: Double

    /// `peakRate` ≥ 0 and `decayTime` > 0, both finite.
    public init?(start: Double, peakRate: Double, decayTime: Double) {
        guard start.isFinite, peakRate >= 0, peakRate.isFinite, decayTime > 0, decayTime.isFinite else { return nil }
        self.start = start; self.peakRate = peakRate; self.decayTime = decayTime
    }

    /// The burst with a given expected total count: peak = total / τ.
    public init?(start: Double, expectedTotal: Double, decayTime: Double) {
        guard decayTime > 0 else { return nil }
        self.init(start: start, peakRate: expectedTotal / decayTime, decayTime: decayTime)
    }

    public func rate(at time: Double) -> Double {
        time < start ? 0 : peakRate * exp(-(time - start) / decayTime)
    }

    /// Λ(t) = peak · τ · (1 − exp(−(t − start)/τ)).
    public func cumulative(at time: Double) -> Double {
        time <= start ? 0 : peakRate * decayTime * -expm1(-(time - start) / decayTime)
    }

    @inlinable
    public mutating func nextArrival<R: RandomSource>(after time: Double, before horizon: Double, using source: inout R) -> Double? {
        guard peakRate > 0 else { return nil }
        let t = max(time, start)
        // Mass left after t: M = peak·τ·e^{−(t−start)/τ}; the next arrival t′
        // solves Λ(t′) − Λ(t) = E, i.e. t′ = t − τ·log(1 − E/M).
        let massLeft = peakRate * decayTime * exp(-(t - start) / decayTime)
        let e = source.exponential(mean: 1)
        guard e < massLeft else { return nil }
        let arrival = t - decayTime * log1p(-e / massLeft)
        guard arrival < horizon else { return nil }
        return arrival > time ? arrival : time.nextUp
    }
}

/// Lewis–Shedler thinning: candidates from a piecewise-constant majorant,
/// each kept with probability λ(t) / majorant(t). For intensities without a
/// closed-form integral.
///
/// A rate above its majorant is a programming error: it traps in debug builds
/// and is counted in ``boundViolations`` in release builds.
public struct ThinnedArrivals<Rate: Intensity>: ArrivalProcess {
    public let intensity: Rate
    public private(set) var majorant: PiecewiseConstantRate
    /// Candidates drawn from the majorant.
    public private(set) var candidates = 0
    /// Candidates rejected by thinning.
    public private(set) var rejections = 0
    /// Candidates at which λ exceeded the majorant.
    public private(set) var boundViolations = 0

    public init(intensity: Rate, majorant: PiecewiseConstantRate) {
        self.intensity = intensity
        self.majorant = majorant
    }

    /// Share of candidates accepted (1 when none was drawn).
    public var acceptanceRatio: Double {
        candidates == 0 ? 1 : Double(candidates - rejections) / Double(candidates)
    }

    public mutating func nextArrival<R: RandomSource>(after time: Double, before horizon: Double, using source: inout R) -> Double? {
        var t = time
        while let candidate = majorant.nextArrival(after: t, before: horizon, using: &source) {
            candidates += 1
            let bound = majorant.rate(at: candidate)
            let rate = intensity.rate(at: candidate)
            if rate > bound {
                assertionFailure("intensity \(rate) above its majorant \(bound) at t = \(candidate)")
                boundViolations += 1
            }
            if source.uniform() * bound < rate { return candidate }
            rejections += 1
            t = candidate
        }
        return nil
    }
}
