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
    private var models: [String: Replicable] = [:]
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
        let batch = max(2, jobs * 4)
        var start = 0
        while start < tasks.count {
            let chunk = Array(tasks[start..<min(tasks.count, start + batch)])
            let built = try chunk.map { try model($0.candidate) }
            let seed = definition.seed
            let results = ParallelReplications.map(count: chunk.count, jobs: jobs) { k in
                built[k].run(seed: seed, replication: chunk[k].index).kpis
            }
            try store?.record(zip(chunk, results).map { ($0.candidate.key, $0.index, $1) })
            for (task, kpis) in zip(chunk, results) { memo[task.candidate.key, default: [:]][task.index] = kpis }
            simulated += chunk.count
            start += chunk.count
            progress?(ExperimentProgress(replicationsDone: Double(searchRuns), replicationsTotal: definition.budget))
        }
        return requests.map { c, indices in indices.map { memo[c.key]![$0]! } }
    }

    /// The candidate's model (built once: loading the scenario checks it as `livesim run` would).
    private func model(_ candidate: Candidate) throws -> Replicable {
        if let m = models[candidate.key] { return m }
        let m = try Replicable(try definition.scenario(values: candidate.values))
        models[candidate.key] = m
        return m
    }

}
