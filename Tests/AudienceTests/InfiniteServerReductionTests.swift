import Audience
import Foundation
import SimCore
import Testing

/// With every mechanism off but one steady channel, one neutral segment and
/// exponential stays, the audience model is M/M/∞ and must match its closed
/// forms (the engine's formulas). Tolerances: 4 standard errors, the SE taken
/// across independent replications.
@Suite struct InfiniteServerReductionTests {
    @Test func concurrencyViewsAndStaysMatchTheory() throws {
        let (perMinute, stay, minutes) = (60.0, 120.0, 180.0)
        let simulation = try Simulation(configuration: Fixtures.infiniteServer(perMinute: perMinute, meanStay: stay, durationMinutes: minutes))
        let results = ParallelReplications.map(count: 40, jobs: 2) { simulation.run(seed: 31, replication: $0) }
        let lambda = perMinute / 60, horizon = minutes * 60
        let cutStay = stay * (1 - (stay / horizon) * -expm1(-horizon / stay))
        var concurrency = RunningStatistics(), views = RunningStatistics(), stays = RunningStatistics()
        for r in results {
            concurrency.add(r.kpis[.averageConcurrent]!)
            views.add(r.kpis[.views]!)
            stays.add(r.kpis[.averageStaySeconds]!)
            // Exact accounting: ∫N dt = Σ stays cut at the end.
            let integral = r.kpis[.averageConcurrent]! * horizon
            let sumOfStays = r.kpis[.averageStaySeconds]! * r.kpis[.views]!
            #expect(abs(integral - sumOfStays) <= 1e-9 * sumOfStays, "∫N dt \(integral) vs Σ stays \(sumOfStays)")
            #expect(r.kpis[.orders] == 0 && r.kpis[.interactions] == 0 && r.kpis[.uniqueViewers] == r.kpis[.views])
            #expect(r.diagnostics.thinningRejections == 0, "no boredom: the majorant is exact")
        }
        let expectedConcurrency = lambda * cutStay
        #expect(abs(concurrency.mean - expectedConcurrency) < 4 * concurrency.standardError!,
                "average concurrency \(concurrency.mean) vs \(expectedConcurrency) (SE \(concurrency.standardError!))")
        // Views are Poisson(λT).
        #expect(abs(views.mean - lambda * horizon) < 4 * (lambda * horizon / 40).squareRoot(), "views \(views.mean)")
        #expect(abs(stays.mean - cutStay) < 4 * stays.standardError!,
                "average stay \(stays.mean) vs \(cutStay) (SE \(stays.standardError!))")
    }
}
