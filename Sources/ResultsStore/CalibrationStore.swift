import Foundation
import GRDB

/// A calibration's evaluations in `results.sqlite`, one row per evaluated
/// parameter vector, written as each finishes: the search is deterministic,
/// so a killed calibration resumes by replaying it, with this store as a memo
/// keyed by the exact vector (no evaluation is simulated twice).
///
/// Tables:
/// - `calibration`: `key`, `value` — the fingerprint and the fitted paths.
/// - `calibrationEvaluations`: `vector` (the values' IEEE-754 bit patterns in
///   hexadecimal, the memo key), `values` (the values as text, for people),
///   `statistics` (the evaluation's numbers as little-endian doubles).
public final class CalibrationStore {
    /// The store holds another calibration (other inputs, seed or replications).
    public struct Mismatch: Error, Sendable {
        /// What differs, for a message naming the folder.
        public var message: String
    }

    let database: DatabaseQueue

    /// Opens (creating if needed) the store at `path` for the calibration with
    /// this fingerprint; throws ``Mismatch`` if it holds another.
    public init(path: String, fingerprint: String, paths: [String]) throws {
        database = try StoreIdentity.queue(path)
        try database.write { db in
            guard try StoreIdentity.claim(db, table: "calibration", fingerprint: fingerprint, paths: paths,
                                          mismatch: Mismatch(message: "holds another calibration (its files, fitted paths, seed, replications or targets changed since it was started)")) else { return }
            try db.execute(sql: "CREATE TABLE calibrationEvaluations (vector TEXT PRIMARY KEY, \"values\" TEXT NOT NULL, statistics BLOB NOT NULL)")
        }
    }

    /// The memo key of a parameter vector: each value's bit pattern, so only the exact vector matches.
    public static func key(_ values: [Double]) -> String {
        values.map { String($0.bitPattern, radix: 16) }.joined(separator: ",")
    }

    /// Every stored evaluation: memo key → numbers.
    public func all() throws -> [String: [Double]] {
        try database.read { db in
            var out: [String: [Double]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT vector, statistics FROM calibrationEvaluations") {
                let data: Data = row["statistics"]
                out[row["vector"]] = Self.doubles(data)
            }
            return out
        }
    }

    /// Stores evaluations (vector → numbers) in one transaction; a vector already there is kept.
    public func record(_ evaluations: [(values: [Double], statistics: [Double])]) throws {
        guard !evaluations.isEmpty else { return }
        try database.write { db in
            for e in evaluations {
                try db.execute(sql: "INSERT OR IGNORE INTO calibrationEvaluations (vector, \"values\", statistics) VALUES (?, ?, ?)",
                               arguments: [Self.key(e.values), e.values.map { "\($0)" }.joined(separator: ","), Self.data(e.statistics)])
            }
        }
    }


    static func data(_ values: [Double]) -> Data {
        var data = Data(capacity: values.count * 8)
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    static func doubles(_ data: Data) -> [Double] {
        let bytes = [UInt8](data)
        return stride(from: 0, to: bytes.count - 7, by: 8).map { i in
            var bits: UInt64 = 0
            for j in 0..<8 { bits |= UInt64(bytes[i + j]) << (8 * UInt64(j)) }
            return Double(bitPattern: bits)
        }
    }
}
