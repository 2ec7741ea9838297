import SimCore
import Testing

@Suite struct ReplicationSummaryTests {
    @Test func summaryOfKnownValues() throws {
        let s = try #require(ReplicationSummary([5, 1, 4, 2, 3]))
        #expect(s.count == 5 && s.mean == 3)
        #expect(abs(s.standardDeviation! - 2.5.squareRoot()) < 1e-12)
        // t(0.975, 4) = 2.7764451051977987 (tables; scipy.stats.t.ppf).
        let half = 2.7764451051977987 * 2.5.squareRoot() / 5.0.squareRoot()
        #expect(abs(s.confidenceInterval95!.lowerBound - (3 - half)) < 1e-9)
        #expect(abs(s.confidenceInterval95!.upperBound - (3 + half)) < 1e-9)
        // Linear interpolation between order statistics (numpy's default): position p·(n − 1).
        #expect(abs(s.p5 - 1.2) < 1e-12 && s.p50 == 3 && abs(s.p95 - 4.8) < 1e-12)
    }

    @Test func oneReplicationHasNoSpread() throws {
        let s = try #require(ReplicationSummary([7]))
        #expect(s.mean == 7 && s.standardDeviation == nil && s.confidenceInterval95 == nil)
        #expect(s.p5 == 7 && s.p95 == 7)
        #expect(ReplicationSummary([]) == nil)
        #expect(ReplicationSummary([1, .nan]) == nil)
    }

    @Test func tQuantilesMatchTables() {
        #expect(abs(ReplicationSummary.tQuantile975(degreesOfFreedom: 1) - 12.706204736174705) < 1e-9)
        #expect(abs(ReplicationSummary.tQuantile975(degreesOfFreedom: 29) - 2.045229642132703) < 1e-9)
    }

    @Test func summariesDoNotDependOnTheNumberOfThreads() {
        let model = InfiniteServerQueue(arrivalRate: 0.2, meanStay: 60, horizon: 1800)
        let runs = [1, 2, 4, 7].map { jobs in
            ParallelReplications.map(count: 23, jobs: jobs) { model.run(seed: 5, replication: $0) }
        }
        for r in runs.dropFirst() { #expect(r == runs[0]) }
        let summaries = runs.map { ReplicationSummary($0.map(\.timeAverage)) }
        for s in summaries.dropFirst() { #expect(s == summaries[0]) }
        #expect(ParallelReplications.map(count: 0, jobs: 3) { $0 }.isEmpty)
    }

    @Test func availableCPUsIsAtLeastOne() {
        let cpus = ParallelReplications.availableCPUs()
        #expect(cpus >= 1)
    }
}
