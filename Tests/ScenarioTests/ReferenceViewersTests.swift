import Audience
import Foundation
import Scenario
import SimCore
import Testing

/// `Scenarios/reference-viewers.yaml` (pinned by the performance issue)
/// against its closed forms: R = 100 arrivals/s, exponential stays of mean
/// S = 120 s, T = 3 h, started empty. The standard errors come from
/// independent replications, which carry the right (compound Poisson)
/// variance of interaction and purchase counts; 4 standard errors.
@Suite struct ReferenceViewersTests {
    @Test func kpisMatchTheory() throws {
        let scenario = try ScenarioLoader.load(file: shipped("reference-viewers.yaml"))
        let c = scenario.configuration
        let simulation = try Simulation(configuration: c)
        let results = ParallelReplications.map(count: 6, jobs: 2) { simulation.run(seed: 17, replication: $0).kpis }
        let r = 100.0, s = 120.0, t = c.durationSeconds
        let exposure = s * t - s * s * -expm1(-t / s)          // E[∫N dt] / R
        let expected: [(KPI, Double)] = [
            (.averageConcurrent, r * s * (1 - (s / t) * -expm1(-t / s))),
            (.views, r * t),
            (.interactions, r * exposure / 60),
            (.productClicks, r * exposure / 300),
            (.orders, 0.1 * (r / 300) * exposure),
        ]
        for (kpi, theory) in expected {
            var stats = RunningStatistics()
            results.forEach { stats.add($0[kpi]!) }
            let se = try #require(stats.standardError)
            #expect(abs(stats.mean - theory) < 4 * se, "\(kpi.key): observed \(stats.mean) vs theory \(theory) (SE \(se))")
        }
        #expect(results.allSatisfy { $0[.newFollows] == 0 && $0[.shares] == 0 && $0[.returns] == 0 && $0[.uniqueViewers] == $0[.views] })
    }
}
