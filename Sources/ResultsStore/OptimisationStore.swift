import Audience
import Foundation
import GRDB

/// An optimisation's replication-runs in `results.sqlite`, one row per
/// (candidate plan, replication), written as each batch finishes. The
/// optimiser's path is deterministic given the runs' results, so a killed
/// optimisation resumes by replaying it with this store as a memo: no run is
/// simulated twice, and the files come out the same.
///
/// Tables:
/// - `optimisation`: `key`, `value` — the fingerprint and the decision paths.
/// - `runs`: `candidate` (the plan's decision values as a JSON object, the
///   memo key), `replication` (its index: the search's from 0, the final
///   selection's fresh ones from 1,048,576), then one column per KPI, named by
///   its key (NULL where undefined).
public final class OptimisationStore {
    /// The store holds another optimisation's runs (another base or seed).
    public struct Mismatch: Error, Sendable {
        /// What differs, for a message naming the folder.
        public var message: String
    }

    let database: DatabaseQueue

    /// Opens (creating if needed) the store at `path` for runs with this
    /// fingerprint; throws ``Mismatch`` if it holds another's.
    public init(path: String, fingerprint: String, paths: [String]) throws {
        database = try StoreIdentity.queue(path)
        try database.write { db in
            guard try StoreIdentity.claim(db, table: "optimisation", fingerprint: fingerprint, paths: paths,
                                          mismatch: Mismatch(message: "holds another optimisation's runs (its base scenario, decisions or seed changed since it was started)")) else { return }
            let columns = KPI.allCases.map { "\"\($0.key)\" REAL" }.joined(separator: ", ")
            try db.execute(sql: "CREATE TABLE runs (candidate TEXT NOT NULL, replication INTEGER NOT NULL, \(columns), PRIMARY KEY (candidate, replication))")
        }
    }

    /// Every stored run: candidate key → replication → KPIs.
    public func all() throws -> [String: [Int: KPIValues]] {
        try database.read { db in
            var out: [String: [Int: KPIValues]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM runs") {
                var kpis = KPIValues()
                for kpi in KPI.allCases { kpis[kpi] = row[kpi.key] as Double? }
                out[row["candidate"] as String, default: [:]][row["replication"] as Int] = kpis
            }
            return out
        }
    }

    /// Stores runs in one transaction; a run already there is kept.
    public func record(_ runs: [(candidate: String, replication: Int, kpis: KPIValues)]) throws {
        guard !runs.isEmpty else { return }
        let columns = (["candidate", "replication"] + KPI.allCases.map(\.key)).map { "\"\($0)\"" }.joined(separator: ", ")
        let marks = Array(repeating: "?", count: KPI.allCases.count + 2).joined(separator: ", ")
        try database.write { db in
            for run in runs {
                let values: [(any DatabaseValueConvertible)?] = [run.candidate, run.replication] + KPI.allCases.map { run.kpis[$0] }
                try db.execute(sql: "INSERT OR IGNORE INTO runs (\(columns)) VALUES (\(marks))", arguments: StatementArguments(values))
            }
        }
    }

}
