import Audience
import Experiments
import Foundation
import Scenario
import Synchronization
import Testing

/// Several models' replications as one pool: the same results as each model
/// run on its own, every model built once, and a model that does not build
/// reported in task order.
struct ReplicationPoolTests {
    static func scenarios() throws -> [LoadedScenario] {
        let dir = try ExperimentLibraryTests.folder()
        return try [ExperimentLibraryTests.scenario("plain", in: dir),
                    ExperimentLibraryTests.scenario("charismatic", in: dir, "host: {charisma: 0.9}")]
    }

    @Test func aPoolOfModelsGivesEachModelsOwnRunsInTaskOrder() throws {
        let scenarios = try Self.scenarios()
        let builds = Atomic<Int>(0)
        let models = ModelCache<Int> { k in
            _ = builds.wrappingAdd(1, ordering: .sequentiallyConsistent)
            return try Replicable(scenarios[k])
        }
        // Interleaved, with a replication out of order: the hand-over follows the list.
        let tasks: [ReplicationRunner.Task<Int>] = [(0, 0), (1, 0), (0, 1), (1, 2), (1, 1), (0, 2)].map {
            .init(model: $0.0, seed: 11, replication: $0.1)
        }
        var handed: [(Int, Int, KPIValues)] = []
        try ReplicationRunner.run(tasks: tasks, models: models, jobs: 2, consume: { task, outcome in
            handed.append((task.model, task.replication, outcome.kpis))
        })
        #expect(handed.map(\.0) == tasks.map(\.model))
        #expect(handed.map(\.1) == tasks.map(\.replication))
        #expect(builds.load(ordering: .sequentiallyConsistent) == 2)
        for (k, r, kpis) in handed {
            let own = try Replicable(scenarios[k]).run(seed: 11, replication: r).kpis
            #expect(own == kpis)
        }
        // The two models differ (a charismatic host sells more): not one model twice.
        #expect(handed[0].2 != handed[1].2)
    }

    struct Unbuildable: Error {}

    @Test func theFirstModelThatDoesNotBuildIsTheErrorThrown() throws {
        let scenarios = try Self.scenarios()
        let models = ModelCache<Int> { k in
            guard k == 0 else { throw Unbuildable() }
            return try Replicable(scenarios[0])
        }
        var consumed = 0
        #expect(throws: Unbuildable.self) {
            try ReplicationRunner.run(tasks: (0..<2).flatMap { k in (0..<3).map { ReplicationRunner.Task(model: k, seed: 1, replication: $0) } },
                                      models: models, jobs: 2, consume: { _, _ in consumed += 1 })
        }
        // Model 0's three replications came first, then model 1 failed.
        #expect(consumed == 3)
    }
}
