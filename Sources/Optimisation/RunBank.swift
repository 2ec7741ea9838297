import Audience
import Experiments
import Foundation
import JSON
import ResultsStore
import Scenario
import SimCore

/// One plan the optimiser considers: a value per decision.
struct Candidate: Sendable, Hashable {
    /// In the decisions' order.
    let values: [JSONValue]
    /// The memo key: the values as a JSON object of path → value (readable in `results.sqlite`).
    let key: String

    init(values: [JSONValue], paths: [String]) {
        self.values = values
        key = JSONValue.object(zip(paths, values).map { .init($0, $1) }).text()
    }

    static func == (a: Candidate, b: Candidate) -> Bool { a.key == b.key }
    func hash(into hasher: inout Hasher) { hasher.combine(key) }
}

/// Every replication-run the optimisation asks for, each simulated once:
/// taken from `results.sqlite` where a killed run left it, else simulated
/// (all requested runs of a batch in parallel, across candidates) and stored
/// as each batch finishes. Runs of the search are counted against the budget
/// whether simulated or replayed, so a resumed optimisation takes the same path.
final class RunBank {
    let definition: OptimisationDefinition
    let store: OptimisationStore?
    let jobs: Int
    let progress: ProgressHandler?
    private var memo: [String: [Int: KPIValues]]
    /// Each candidate's model, built once (loading the scenario checks it as `livesim run` would).
    private let models: ModelCache<Candidate>
    /// Distinct (candidate, replication) runs the search asked for.
    private(set) var searchRuns = 0
    private var counted: Set<String> = []
    /// Distinct runs asked for by this process (search and selection).
    private var asked: Set<String> = []
    /// Runs taken from the store and simulated by this process.
    private(set) var reused = 0, simulated = 0
    /// Runs of the selection (not counted against the budget).
    private(set) var selectionRuns = 0

    init(definition: OptimisationDefinition, store: OptimisationStore?, jobs: Int, progress: ProgressHandler?) throws {
        self.definition = definition
        self.store = store
        self.jobs = jobs
        self.progress = progress
        memo = try store?.all() ?? [:]
        models = ModelCache { [definition] candidate in try Replicable(try definition.scenario(values: candidate.values)) }
    }

    /// Budget left for the search.
    var remaining: Int { max(0, definition.budget - searchRuns) }

    /// The KPIs of each candidate's replications `indices` (in order); with
    /// `search`, the new runs count against the budget, and a request that
    /// would pass it returns nil (nothing is run).
    func runs(_ requests: [(candidate: Candidate, indices: [Int])], search: Bool) throws -> [[KPIValues]]? {
        if search {
            var new: Set<String> = []
            for (c, indices) in requests { for i in indices where !counted.contains("\(c.key)#\(i)") { new.insert("\(c.key)#\(i)") } }
            guard searchRuns + new.count <= definition.budget else { return nil }
            searchRuns += new.count
            counted.formUnion(new)
        }
        // What the store lacks, in request order.
        var tasks: [(candidate: Candidate, index: Int)] = []
        for (c, indices) in requests {
            for i in indices where asked.insert("\(c.key)#\(i)").inserted {
                if !search { selectionRuns += 1 }
                if memo[c.key]?[i] == nil { tasks.append((c, i)) } else { reused += 1 }
            }
        }
        // Simulated as one pool (no barrier between candidates), stored a batch at a time.
        let batch = max(2, jobs * 4)
        var pending: [(String, Int, KPIValues)] = []
        func flush() throws {
            guard !pending.isEmpty else { return }
            try store?.record(pending)
            simulated += pending.count
            pending = []
            progress?(ExperimentProgress(replicationsDone: Double(searchRuns), replicationsTotal: definition.budget))
        }
        let seed = definition.seed
        try ReplicationRunner.run(tasks: tasks.map { .init(model: $0.candidate, seed: seed, replication: $0.index) }, models: models,
                                  jobs: jobs, dropAfterLast: false, consume: { task, outcome in
            memo[task.model.key, default: [:]][task.replication] = outcome.kpis
            pending.append((task.model.key, task.replication, outcome.kpis))
            if pending.count >= batch { try flush() }
        })
        try flush()
        return requests.map { c, indices in indices.map { memo[c.key]![$0]! } }
    }
}
