import Audience
import Foundation
import GRDB
import SimCore

/// `results.sqlite`: a sweep's cells and replications, written one
/// transaction per finished cell, so an interrupted sweep (Ctrl-C, `kill -9`,
/// a lost node) keeps every cell it finished and a rerun computes only the
/// rest. The store remembers the sweep's fingerprint and refuses another
/// sweep's cells.
///
/// Tables (every KPI a column, named by its key; NULL where undefined):
/// - `cells`: `phase` (`sweep`, or `rerun` for the best cells re-run with
///   fresh seeds), `cell`, one column per varied field path (named by the
///   path), `replications`, then `<kpi>Mean`, `<kpi>CiLow`, `<kpi>CiHigh`.
/// - `replications`: `phase`, `cell`, `replication` (its index), `seed` (the
///   master seed), then one column per KPI.
/// - `sweep`: `key`, `value` — the fingerprint, the varied paths, the objective.
public final class ResultsStore {
    public enum Phase: String, Sendable, CaseIterable { case sweep, rerun }

    /// One finished cell as stored.
    public struct Cell: Sendable, Equatable {
        public var phase: Phase
        public var cell: Int
        /// The varied values, one per path, as stored (numbers, strings, or JSON text).
        public var values: [StoredValue]
        public var replications: Int
        /// Per KPI (``KPI`` order): mean, CI low, CI high.
        public var kpis: [(mean: Double?, ciLow: Double?, ciHigh: Double?)]

        public static func == (a: Cell, b: Cell) -> Bool {
            a.phase == b.phase && a.cell == b.cell && a.values == b.values && a.replications == b.replications
                && a.kpis.count == b.kpis.count
                && zip(a.kpis, b.kpis).allSatisfy { $0.mean == $1.mean && $0.ciLow == $1.ciLow && $0.ciHigh == $1.ciHigh }
        }
    }

    /// A varied value as SQLite keeps it.
    public enum StoredValue: Sendable, Equatable {
        case null, number(Double), text(String)
    }

    /// One replication of a cell, to store.
    public struct Replication: Sendable {
        public var index: Int
        public var seed: UInt64
        public var kpis: KPIValues
        public init(index: Int, seed: UInt64, kpis: KPIValues) { self.index = index; self.seed = seed; self.kpis = kpis }
    }

    /// The store's sweep does not match: another sweep file, base or seed.
    public struct Mismatch: Error, Sendable { public var message: String }

    let database: DatabaseQueue
    public let paths: [String]

    /// Opens (creating if needed) the store at `path` for a sweep with this
    /// fingerprint and varied paths; throws ``Mismatch`` if it holds another
    /// sweep, or another shard of it.
    /// - Parameter details: more facts kept in the `sweep` table (the sweep
    ///   file, the cell count, the seed, the replications, the shard), for `livesim merge`.
    public init(path: String, fingerprint: String, paths: [String], objective: KPI, details: [String: String] = [:]) throws {
        self.paths = paths
        database = try StoreIdentity.queue(path)
        let pathColumns = paths.map { "\(Self.quote($0))" }
        let kpiColumns = KPI.allCases.flatMap { ["\(Self.quote($0.key + "Mean")) REAL", "\(Self.quote($0.key + "CiLow")) REAL",
                                                 "\(Self.quote($0.key + "CiHigh")) REAL"] }
        try database.write { db in
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS sweep (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            let stored = try Row.fetchAll(db, sql: "SELECT key, value FROM sweep")
            let meta = Dictionary(uniqueKeysWithValues: stored.map { (($0["key"] as String), ($0["value"] as String)) })
            let pathsText = Self.jsonArray(paths)
            if let existing = meta["fingerprint"] {
                guard existing == fingerprint, meta["paths"] == pathsText else {
                    throw Mismatch(message: "holds another sweep (the sweep file, its base scenario, the seed or the replications changed since it was started)")
                }
                guard meta["shard"] == details["shard"] else {
                    throw Mismatch(message: "holds shard \(meta["shard"] ?? "?") of this sweep, not \(details["shard"] ?? "?")")
                }
                return
            }
            let facts = [("fingerprint", fingerprint), ("paths", pathsText), ("objective", objective.key)]
                + details.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            for (key, value) in facts {
                try db.execute(sql: "INSERT INTO sweep (key, value) VALUES (?, ?)", arguments: [key, value])
            }
            try db.execute(sql: """
                CREATE TABLE cells (phase TEXT NOT NULL, cell INTEGER NOT NULL, \((pathColumns + ["replications INTEGER NOT NULL"] + kpiColumns).joined(separator: ", ")),
                PRIMARY KEY (phase, cell))
                """)
            try db.execute(sql: """
                CREATE TABLE replications (phase TEXT NOT NULL, cell INTEGER NOT NULL, replication INTEGER NOT NULL, seed INTEGER NOT NULL,
                \(KPI.allCases.map { "\(Self.quote($0.key)) REAL" }.joined(separator: ", ")), PRIMARY KEY (phase, cell, replication))
                """)
        }
    }

    /// Opens an existing store to read it (its paths from its `sweep` table).
    /// Not read-only: after a `kill -9` SQLite rolls the unfinished cell's
    /// transaction back on open, which needs write access.
    public init(existingAt path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
        database = try StoreIdentity.queue(path)
        let text = try database.read { db in try String.fetchOne(db, sql: "SELECT value FROM sweep WHERE key = 'paths'") } ?? "[]"
        paths = (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }

    /// The `sweep` table: fingerprint, paths, objective and the details given at creation.
    public func facts() throws -> [String: String] {
        try database.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT key, value FROM sweep").map { ($0["key"] as String, $0["value"] as String) })
        }
    }

    /// Copies the sweep-phase cells and replications of another store (a
    /// shard of the same sweep) into this one, in one transaction.
    public func importSweepCells(from path: String) throws {
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS shard", arguments: [path])
            defer { try? db.execute(sql: "DETACH DATABASE shard") }
            try db.inTransaction {
                try db.execute(sql: "INSERT INTO cells SELECT * FROM shard.cells WHERE phase = 'sweep'")
                try db.execute(sql: "INSERT INTO replications SELECT * FROM shard.replications WHERE phase = 'sweep'")
                return .commit
            }
        }
    }

    /// Cells already finished in `phase`.
    public func finishedCells(_ phase: Phase) throws -> Set<Int> {
        try database.read { db in
            Set(try Int.fetchAll(db, sql: "SELECT cell FROM cells WHERE phase = ?", arguments: [phase.rawValue]))
        }
    }

    /// Stores a finished cell and its replications in one transaction.
    public func record(phase: Phase, cell: Int, values: [StoredValue], replications: [Replication]) throws {
        precondition(values.count == paths.count, "one value per varied path")
        var summaries = [KPI: [Double]]()
        for r in replications { for k in KPI.allCases { if let x = r.kpis[k] { summaries[k, default: []].append(x) } } }
        try database.write { db in
            var cellValues: [(any DatabaseValueConvertible)?] = [phase.rawValue, cell]
            cellValues += values.map(Self.databaseValue)
            cellValues.append(replications.count)
            for k in KPI.allCases {
                let s = summaries[k].flatMap { ReplicationSummary($0) }
                cellValues += [s?.mean, s?.confidenceInterval95?.lowerBound, s?.confidenceInterval95?.upperBound]
            }
            try db.execute(sql: "INSERT INTO cells VALUES (\(Array(repeating: "?", count: cellValues.count).joined(separator: ", ")))",
                           arguments: StatementArguments(cellValues))
            let placeholders = Array(repeating: "?", count: 4 + KPI.allCases.count).joined(separator: ", ")
            for r in replications {
                var row: [(any DatabaseValueConvertible)?] = [phase.rawValue, cell, r.index, Int64(bitPattern: r.seed)]
                row += KPI.allCases.map { r.kpis[$0] }
                try db.execute(sql: "INSERT INTO replications VALUES (\(placeholders))", arguments: StatementArguments(row))
            }
        }
    }

    /// Every stored cell of `phase`, in cell order.
    public func cells(_ phase: Phase) throws -> [Cell] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM cells WHERE phase = ? ORDER BY cell", arguments: [phase.rawValue]).map { row in
                let values = paths.indices.map { Self.storedValue(row[2 + $0] as DatabaseValue) }
                let base = 3 + paths.count
                let kpis = KPI.allCases.indices.map { i in
                    (mean: row[base + 3 * i] as Double?, ciLow: row[base + 3 * i + 1] as Double?, ciHigh: row[base + 3 * i + 2] as Double?)
                }
                return Cell(phase: phase, cell: row["cell"], values: values, replications: row["replications"], kpis: kpis)
            }
        }
    }

    /// Every stored replication as `(phase, cell, replication, seed)`, in that order.
    public func replicationKeys() throws -> [(phase: String, cell: Int, replication: Int, seed: UInt64)] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT phase, cell, replication, seed FROM replications ORDER BY phase, cell, replication").map {
                (phase: $0["phase"], cell: $0["cell"], replication: $0["replication"], seed: UInt64(bitPattern: $0["seed"] as Int64))
            }
        }
    }

    /// Every row of both tables as text, in key order: what two stores that
    /// hold the same results have in common, whatever the order of writing.
    public func contents() throws -> [String] {
        try database.read { db in
            let cells = try Row.fetchAll(db, sql: "SELECT * FROM cells ORDER BY phase, cell").map(\.description)
            let replications = try Row.fetchAll(db, sql: "SELECT * FROM replications ORDER BY phase, cell, replication").map(\.description)
            return cells + replications
        }
    }

    static func quote(_ identifier: String) -> String { "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    static func jsonArray(_ strings: [String]) -> String {
        (try? String(data: JSONEncoder().encode(strings), encoding: .utf8)) ?? ""
    }

    static func databaseValue(_ v: StoredValue) -> (any DatabaseValueConvertible)? {
        switch v {
        case .null: nil
        case .number(let x): x
        case .text(let s): s
        }
    }

    static func storedValue(_ v: DatabaseValue) -> StoredValue {
        switch v.storage {
        case .null: .null
        case .int64(let i): .number(Double(i))
        case .double(let x): .number(x)
        case .string(let s): .text(s)
        case .blob: .null
        }
    }
}

