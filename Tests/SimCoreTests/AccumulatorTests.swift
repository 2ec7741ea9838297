import Foundation
import SimCore
import Testing

@Suite struct AccumulatorTests {
    @Test func welfordMatchesTwoPassEvenWithALargeOffset() {
        let xs = draws(10_000, seed: 1) { 1e9 + $0.uniform() }
        var stats = RunningStatistics()
        xs.forEach { stats.add($0) }
        let m = moments(xs)
        #expect(stats.count == xs.count)
        // Relative to the mean: the two-pass reference sums to 1e13 and rounds too.
        #expect(abs(stats.mean - m.mean) / m.mean < 1e-13)
        // Naive Σx² − n·mean² loses every digit here; Welford keeps ~1e-6 relative.
        #expect(abs(stats.variance! - m.variance) / m.variance < 1e-6, "\(stats.variance!) vs \(m.variance)")
        #expect(stats.minimum == xs.min()! && stats.maximum == xs.max()!)
    }

    @Test func mergeEqualsSequentialAccumulation() {
        let xs = draws(1_001, seed: 2) { $0.exponential(mean: 2) }
        var whole = RunningStatistics(), left = RunningStatistics(), right = RunningStatistics()
        xs.forEach { whole.add($0) }
        xs[..<400].forEach { left.add($0) }
        xs[400...].forEach { right.add($0) }
        left.merge(right)
        #expect(left.count == whole.count)
        #expect(abs(left.mean - whole.mean) < 1e-12 && abs(left.variance! - whole.variance!) < 1e-10)
        var empty = RunningStatistics()
        #expect(empty.variance == nil && empty.standardError == nil)
        empty.merge(whole)
        #expect(empty == whole)
    }

    @Test func timeWeightedAverageOfASteppedLevel() {
        var level = TimeWeightedAverage()
        level.add(2, at: 1)    // 0 on [0,1), 2 on [1,3), 5 on [3,4), 1 on [4,10)
        level.add(3, at: 3)
        level.set(1, at: 4)
        #expect(level.integral(until: 10) == 0 + 4 + 5 + 6)
        #expect(level.average(until: 10) == 1.5)
        #expect(level.peak == 5 && level.level == 1)
        #expect(TimeWeightedAverage().average(until: 0) == nil)
    }

    @Test func histogramQuantilesInterpolateInsideBins() {
        var h = Histogram(lowerBound: 0, binWidth: 1, binCount: 10)
        for i in 0..<10 { h.add(Double(i) + 0.5, weight: 10) }   // uniform on [0, 10)
        #expect(h.total == 100)
        let (q50, q90, q25) = (h.quantile(0.5) ?? .nan, h.quantile(0.9) ?? .nan, h.quantile(0.25) ?? .nan)
        #expect(abs(q50 - 5) < 1e-12 && abs(q90 - 9) < 1e-12 && abs(q25 - 2.5) < 1e-12)
        h.add(-3); h.add(42)
        #expect(h.underflow == 1 && h.overflow == 1)
        #expect(h.quantile(1) == 10 && h.quantile(0) == 0)
        #expect(Histogram(lowerBound: 0, binWidth: 1, binCount: 3).quantile(0.5) == nil)
    }

    @Test func histogramQuantilesOfExponentialStaysMatchTheory() throws {
        // Quantiles from 1-second bins of 200,000 Exp(mean 120) draws: the
        // sampling sd of the median is ~ 1/(2 f(m) √n) = 0.54 s; allow 4 sd
        // plus half a bin of discretisation.
        var h = Histogram(lowerBound: 0, binWidth: 1, binCount: 3600)
        for x in draws(200_000, seed: 3, { $0.exponential(mean: 120) }) { h.add(x) }
        let median = 120 * log(2.0), p90 = 120 * log(10.0)
        let observedMedian = try #require(h.quantile(0.5))
        #expect(abs(observedMedian - median) < 4 * 0.54 + 0.5)
        // sd of the P90: √(p(1−p)/n)/f(q) = √(0.09/2e5)/(0.1/120) = 0.80 s.
        let observedP90 = try #require(h.quantile(0.9))
        #expect(abs(observedP90 - p90) < 4 * 0.80 + 0.5)
    }

    @Test func histogramMergeAddsCounts() {
        var a = Histogram(lowerBound: 0, binWidth: 2, binCount: 3), b = a
        a.add(1); b.add(3); b.add(100)
        a.merge(b)
        #expect(a.counts == [1, 1, 0] && a.overflow == 1 && a.total == 3)
    }
}
