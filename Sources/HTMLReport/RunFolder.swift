import Audience
import Foundation
import Reports
import SimCore

/// One run's result files, read back (the report needs nothing else).
struct RunFolder {
    let path: String
    let manifest: [String: Any]
    let scenario: [String: Any]
    let summary: [KPI: KPIStatistics]
    let replications: Int
    let timeseries: CSVTable
    let channelMinutes: CSVTable
    let productMinutes: CSVTable
    let stays: CSVTable
    let channels: CSVTable
    let phases: CSVTable
    let products: CSVTable
    /// A season's files (nil for a stream).
    let season: SeasonFolder?
    /// Streams per replication: the tables hold one row set per stream, and
    /// per-minute charts show the average stream (1 for a stream).
    var streamsPerReplication: Int { season?.streams ?? 1 }

    init(path: String) throws {
        self.path = path
        manifest = try readJSON(folder: path, name: ResultFileName.manifest)
        scenario = manifest["resolvedScenario"] as? [String: Any] ?? [:]
        let summaryJSON = try readJSON(folder: path, name: ResultFileName.summary)
        let kpis = summaryJSON["kpis"] as? [String: Any] ?? [:]
        summary = Dictionary(uniqueKeysWithValues: KPI.allCases.map { ($0, KPIStatistics(kpis[$0.key])) })
        replications = (summaryJSON["replications"] as? NSNumber)?.intValue ?? 1
        timeseries = try CSVTable(folder: path, table: .timeseries)
        channelMinutes = try CSVTable(folder: path, table: .channelMinutes)
        productMinutes = try CSVTable(folder: path, table: .productMinutes)
        stays = try CSVTable(folder: path, table: .stays)
        channels = try CSVTable(folder: path, table: .channels)
        phases = try CSVTable(folder: path, table: .phases)
        products = try CSVTable(folder: path, table: .products)
        season = summaryJSON["seasonKpis"] != nil ? try SeasonFolder(path: path, summary: summaryJSON) : nil
    }

    var name: String { scenario["name"] as? String ?? (path as NSString).lastPathComponent }
    var description: String { scenario["description"] as? String ?? "" }
    var seed: String { (manifest["seed"] as? NSNumber).map { "\($0)" } ?? "" }
    var version: String { manifest["livesimVersion"] as? String ?? "" }

    /// Per minute, a column's values across replications: mean, P5 and P95.
    func perMinute(_ table: CSVTable, _ column: String, where filter: ([String]) -> Bool = { _ in true })
        -> [(minute: Double, mean: Double, p5: Double, p95: Double)] {
        var byMinute: [Int: [Int: Double]] = [:]
        for row in table.rows where filter(row) {
            guard let value = table.number(row, column) else { continue }
            byMinute[table.integer(row, "minute"), default: [:]][table.integer(row, "replication"), default: 0] += value
        }
        return byMinute.keys.sorted().map { minute in
            // A replication without a row for this minute counts as 0 (tables list only what happened).
            var values = (0..<replications).map { (byMinute[minute]![$0] ?? 0) / Double(streamsPerReplication) }
            values.sort()
            return (Double(minute), values.reduce(0, +) / Double(max(1, values.count)), quantile(values, 0.05), quantile(values, 0.95))
        }
    }

    /// The mean of a column over replications, per key (channel, product…).
    func meanBy(_ table: CSVTable, key: ([String]) -> String, _ column: String) -> [String: Double] {
        var sums: [String: Double] = [:]
        for row in table.rows { sums[key(row), default: 0] += table.number(row, column) ?? 0 }
        return sums.mapValues { $0 / Double(max(1, replications)) }
    }

    /// A column's per-replication totals for each key, for confidence intervals.
    func perReplication(_ table: CSVTable, key: ([String]) -> String, _ column: String) -> [String: [Double]] {
        var values: [String: [Double]] = [:]
        for row in table.rows {
            let k = key(row)
            if values[k] == nil { values[k] = Array(repeating: 0, count: replications) }
            let r = table.integer(row, "replication")
            if r >= 0 && r < replications { values[k]![r] += table.number(row, column) ?? 0 }
        }
        return values
    }

    /// Channel rows' keys in file order: `channel` or `channel/partner`.
    func channelKey(_ table: CSVTable, _ row: [String]) -> String {
        let partner = table.text(row, "partner")
        return partner.isEmpty ? table.text(row, "channel") : table.text(row, "channel") + "/" + partner
    }

    func orderedKeys(_ table: CSVTable, key: ([String]) -> String) -> [String] {
        var seen = Set<String>(), keys: [String] = []
        for row in table.rows { let k = key(row); if seen.insert(k).inserted { keys.append(k) } }
        return keys
    }
}

/// Mean and 95% t-interval of per-replication values (no interval from one value).
func meanInterval(_ values: [Double]) -> (mean: Double, low: Double?, high: Double?) {
    guard let summary = ReplicationSummary(values) else { return (.nan, nil, nil) }
    return (summary.mean, summary.confidenceInterval95?.lowerBound, summary.confidenceInterval95?.upperBound)
}
