import Foundation
import SimCore
import Testing

/// The engine against closed forms: M/M/∞ started empty.
@Suite struct InfiniteServerQueueTests {
    @Test func timeAverageOccupancyMatchesTheory() throws {
        let model = InfiniteServerQueue(arrivalRate: 0.5, meanStay: 120, horizon: 3600)
        let outcomes = ParallelReplications.map(count: 200, jobs: 2) { model.run(seed: 2024, replication: $0) }
        // The interval comes from independent replications (never from
        // autocorrelated samples inside one run); 4 standard errors.
        var averages = RunningStatistics(), arrivals = RunningStatistics()
        outcomes.forEach { averages.add($0.timeAverage); arrivals.add(Double($0.arrivals)) }
        let expected = model.expectedTimeAverage
        #expect(abs(averages.mean - expected) < 4 * averages.standardError!,
                "time-average observed \(averages.mean) vs expected \(expected) (SE \(averages.standardError!))")
        // Arrivals are Poisson(λT): SE √(λT / R).
        #expect(abs(arrivals.mean - 1800) < 4 * (1800.0 / 200).squareRoot(), "arrivals \(arrivals.mean)")
    }

    @Test func occupancyIntegralEqualsTheSumOfCutStays() {
        let model = InfiniteServerQueue(arrivalRate: 2, meanStay: 300, horizon: 1800)
        for r in 0..<5 {
            let o = model.run(seed: 9, replication: r)
            #expect(abs(o.occupancyIntegral - o.sumOfCutStays) <= 1e-9 * o.sumOfCutStays,
                    "replication \(r): ∫N dt = \(o.occupancyIntegral), Σ stays = \(o.sumOfCutStays)")
            #expect(o.presentAtEnd > 0, "stays must be cut at the horizon in this set-up")
            #expect(o.eventsProcessed == o.arrivals + (o.arrivals - o.presentAtEnd))
            #expect(o.staleEventsSkipped == 0)
        }
    }
}
