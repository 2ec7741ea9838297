import Foundation

/// Count, mean and variance of a stream of values (Welford's algorithm), with
/// Chan et al.'s pairwise merge. Numerically stable; O(1) memory.
public struct RunningStatistics: Sendable, Equatable {
    @usableFromInline var _count: Int = 0
    public var count: Int { _count }
    @usableFromInline var _mean: Double = 0.0
    public var mean: Double { _mean }
    @usableFromInline var sumOfSquaredDeviations = 0.0
    @usableFromInline var _minimum: Double = Double.infinity
    public var minimum: Double { _minimum }
    @usableFromInline var _maximum: Double = -Double.infinity
    public var maximum: Double { _maximum }

    public init() {}

    /// Adds one observation.
    @inlinable
    public mutating func add(_ x: Double) {
        _count += 1
        let delta = x - _mean
        _mean += delta / Double(_count)
        sumOfSquaredDeviations += delta * (x - _mean)
        if x < _minimum { _minimum = x }
        if x > _maximum { _maximum = x }
    }

    /// Folds another accumulator's observations into this one.
    public mutating func merge(_ other: RunningStatistics) {
        guard other.count > 0 else { return }
        guard _count > 0 else { self = other; return }
        let n = Double(_count + other.count)
        let delta = other.mean - _mean
        sumOfSquaredDeviations += other.sumOfSquaredDeviations + delta * delta * Double(_count) * Double(other.count) / n
        _mean += delta * Double(other.count) / n
        _count += other.count
        _minimum = Swift.min(_minimum, other.minimum)
        _maximum = Swift.max(_maximum, other.maximum)
    }

    /// Sample variance (n − 1 denominator); nil below two observations.
    public var variance: Double? { _count < 2 ? nil : sumOfSquaredDeviations / Double(_count - 1) }
    /// Sample standard deviation; nil below two observations.
    public var standardDeviation: Double? { variance.map { $0.squareRoot() } }
    /// Standard error of the mean; nil below two observations.
    public var standardError: Double? { variance.map { ($0 / Double(_count)).squareRoot() } }
}

/// The time-weighted average of a piecewise-constant level (a queue length,
/// a number of agents present): ∫ level dt / elapsed time.
public struct TimeWeightedAverage: Sendable, Equatable {
    /// The current level.
    @usableFromInline var _level: Double
    public var level: Double { _level }
    /// Highest level reached.
    @usableFromInline var _peak: Double
    public var peak: Double { _peak }
    public let startTime: Double
    @usableFromInline var lastTime: Double
    @usableFromInline var area = 0.0

    public init(level: Double = 0, at time: Double = 0) {
        _level = level
        _peak = _level
        startTime = time
        lastTime = time
    }

    /// Sets the level from `time` on (time may not go back).
    @inlinable
    public mutating func set(_ newLevel: Double, at time: Double) {
        assert(time >= lastTime, "time went back: \(time) < \(lastTime)")
        area += _level * (time - lastTime)
        lastTime = time
        _level = newLevel
        if newLevel > _peak { _peak = newLevel }
    }

    /// Adds `delta` to the level from `time` on.
    @inlinable
    public mutating func add(_ delta: Double, at time: Double) { set(_level + delta, at: time) }

    /// ∫ level dt from the start to `time` (≥ the last change).
    public func integral(until time: Double) -> Double { area + _level * (time - lastTime) }

    /// The average level from the start to `time`; nil over an empty interval.
    public func average(until time: Double) -> Double? {
        time > startTime ? integral(until: time) / (time - startTime) : nil
    }
}

/// Fixed-width bins over `[lowerBound, lowerBound + binWidth · binCount)`, with
/// underflow and overflow counts; quantiles by linear interpolation inside a bin.
public struct Histogram: Sendable, Equatable {
    public let lowerBound: Double
    public let binWidth: Double
    @usableFromInline var _counts: [Double]
    public var counts: [Double] { _counts }
    @usableFromInline var _underflow: Double = 0.0
    public var underflow: Double { _underflow }
    @usableFromInline var _overflow: Double = 0.0
    public var overflow: Double { _overflow }
    @usableFromInline var _total: Double = 0.0
    public var total: Double { _total }

    public init(lowerBound: Double, binWidth: Double, binCount: Int) {
        precondition(binWidth > 0 && binCount > 0 && lowerBound.isFinite, "histogram needs a positive bin width and count")
        self.lowerBound = lowerBound
        self.binWidth = binWidth
        _counts = Array(repeating: 0, count: binCount)
    }

    /// The upper edge of the last bin.
    public var upperBound: Double { lowerBound + binWidth * Double(_counts.count) }

    /// Adds `weight` observations of `x`.
    @inlinable
    public mutating func add(_ x: Double, weight: Double = 1) {
        _total += weight
        let position = (x - lowerBound) / binWidth
        if position < 0 { _underflow += weight; return }
        if position >= Double(_counts.count) { _overflow += weight; return }
        _counts[Int(position)] += weight
    }

    /// Adds another histogram with the same bins.
    public mutating func merge(_ other: Histogram) {
        precondition(other.lowerBound == lowerBound && other.binWidth == binWidth && other.counts.count == _counts.count,
                     "merging histograms with different bins")
        for i in _counts.indices { _counts[i] += other.counts[i] }
        _underflow += other.underflow
        _overflow += other.overflow
        _total += other.total
    }

    /// The p-quantile (0 ≤ p ≤ 1), interpolating linearly inside the bin that
    /// holds it (observations assumed uniform within a bin). Underflow counts
    /// sit at `lowerBound`, overflow at `upperBound`. Nil when empty.
    public func quantile(_ p: Double) -> Double? {
        precondition(p >= 0 && p <= 1, "quantile needs p in [0, 1], got \(p)")
        guard _total > 0 else { return nil }
        let target = p * _total
        var cumulative = _underflow
        if target <= cumulative && _underflow > 0 { return lowerBound }
        for (i, c) in _counts.enumerated() where c > 0 {
            if cumulative + c >= target {
                let fraction = Swift.max(0, (target - cumulative) / c)
                return lowerBound + binWidth * (Double(i) + fraction)
            }
            cumulative += c
        }
        return upperBound
    }
}
