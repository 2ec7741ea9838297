import Foundation
import GRDB

/// The key-value table a resumable store keeps its identity in (the
/// fingerprint of what its rows depend on, and the paths they are keyed
/// by), checked when the store is opened again: a store holds one
/// experiment's rows, never a mix.
enum StoreIdentity {
    /// The store's database, waiting up to 10 s for another process's write
    /// (two shards or a resumed run beside a finished one).
    static func queue(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Creates `table` and records the identity in a new store, or checks an
    /// existing store's. Returns true for a new store (its row tables are to
    /// be created); throws `mismatch` when the store holds another's rows.
    static func claim(_ db: Database, table: String, fingerprint: String, paths: [String], mismatch: @autoclosure () -> any Error) throws -> Bool {
        let pathsText = (try? String(data: JSONEncoder().encode(paths), encoding: .utf8)) ?? ""
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS \(table) (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        let stored = try Row.fetchAll(db, sql: "SELECT key, value FROM \(table)")
        let meta = Dictionary(uniqueKeysWithValues: stored.map { (($0["key"] as String), ($0["value"] as String)) })
        if let existing = meta["fingerprint"] {
            guard existing == fingerprint, meta["paths"] == pathsText else { throw mismatch() }
            return false
        }
        try db.execute(sql: "INSERT INTO \(table) (key, value) VALUES (?, ?)", arguments: ["fingerprint", fingerprint])
        try db.execute(sql: "INSERT INTO \(table) (key, value) VALUES (?, ?)", arguments: ["paths", pathsText])
        return true
    }
}
