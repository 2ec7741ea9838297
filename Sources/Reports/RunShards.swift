import Audience
import Foundation

/// Joins the output folders of `livesim run --shard i/n` into the files one
/// run would have written: every table's rows in replication order (a shard's
/// rows for one replication stay together and in order), `summary.json`
/// recomputed from the joined `replications.csv`. A season's shards join the
/// same way, its own tables too, and its season KPIs are summarised from the
/// last columns of `replications.csv`.
public enum RunShards {
    /// A problem with the shards, naming the replications.
    public struct Problem: Error, CustomStringConvertible { public var description: String }

    /// Writes the joined tables and `summary.json` into `directory`.
    /// - Parameter replications: how many replications the whole run has.
    public static func merge(_ shards: [String], into directory: String, replications total: Int,
                             scenario: String, seed: UInt64) throws {
        // Which shard holds each replication, from its replications.csv.
        var owner: [Int: String] = [:]
        var overlaps: [Int: [String]] = [:]
        for shard in shards {
            for r in try rows(shard, ResultTable.replications.fileName).keys {
                if let previous = owner[r] { overlaps[r, default: [previous]].append(shard) } else { owner[r] = shard }
            }
        }
        if !overlaps.isEmpty {
            let list = overlaps.keys.sorted().prefix(20).map { "replication \($0) (in \(overlaps[$0]!.joined(separator: " and ")))" }
            throw Problem(description: "overlapping shards: \(list.joined(separator: ", ")); expected each replication in one shard")
        }
        let missing = (0..<total).filter { owner[$0] == nil }
        if !missing.isEmpty || owner.keys.contains(where: { $0 >= total }) {
            throw Problem(description: "incomplete shards: \(missing.count) of \(total) replications missing (replications \(missing.prefix(30).map(String.init).joined(separator: ", "))\(missing.count > 30 ? ", …" : "")); expected every shard of the run")
        }
        var summaries = KPISummaries()
        let season = FileManager.default.fileExists(atPath: (shards[0] as NSString).appendingPathComponent(ResultTable.streams.fileName))
        var seasonKeys: [String] = [], seasonValues: [[Double?]] = []
        for table in ResultTable.stream + (season ? ResultTable.season : []) {
            var header: String?
            var byReplication: [Int: [Substring]] = [:]
            for shard in shards {
                let text = try String(contentsOfFile: (shard as NSString).appendingPathComponent(table.fileName), encoding: .utf8)
                var lines = text.split(separator: "\n")
                guard !lines.isEmpty else { throw Problem(description: "\(shard)/\(table.fileName) is empty; expected its header at least") }
                let first = String(lines.removeFirst())
                if let header, header != first { throw Problem(description: "\(shard)/\(table.fileName) has another header than \(shards[0])'s") }
                header = first
                for line in lines { byReplication[replication(of: line), default: []].append(line) }
            }
            var out = header! + "\n"
            if table == .replications { seasonKeys = Array(header!.split(separator: ",").dropFirst(1 + KPI.allCases.count).map(String.init)) }
            for r in 0..<total {
                for line in byReplication[r] ?? [] {
                    out += line + "\n"
                    if table == .replications {
                        summaries.add(kpis(line))
                        if season {
                            seasonValues.append(line.split(separator: ",", omittingEmptySubsequences: false).dropFirst(1 + KPI.allCases.count)
                                .map { $0.isEmpty ? nil : Double($0) })
                        }
                    }
                }
            }
            try ResultFiles.write(out, to: (directory as NSString).appendingPathComponent(table.fileName))
        }
        var summary = ResultFiles.summaryJSON(summaries, scenario: scenario, seed: seed)
        if season { summary.set("seasonKpis", ResultFiles.seasonJSON(ResultFiles.seasonSummaries(keys: seasonKeys, values: seasonValues))) }
        try ResultFiles.write(summary.text(indent: 2) + "\n", to: (directory as NSString).appendingPathComponent(ResultFileName.summary))
    }

    static func replication(of line: Substring) -> Int { Int(line.prefix { $0 != "," }) ?? -1 }

    /// How many rows a shard's table holds per replication.
    static func rows(_ shard: String, _ table: String) throws -> [Int: Int] {
        let path = (shard as NSString).appendingPathComponent(table)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw Problem(description: "\(shard): no readable \(table); expected the output folder of `livesim run --shard`")
        }
        var counts: [Int: Int] = [:]
        for line in text.split(separator: "\n").dropFirst() { counts[replication(of: line), default: 0] += 1 }
        return counts
    }

    /// The KPIs of a `replications.csv` row (values were written in their
    /// shortest exact form, so they read back bit for bit).
    static func kpis(_ line: Substring) -> KPIValues {
        var values = KPIValues()
        for (k, field) in zip(KPI.allCases, line.split(separator: ",", omittingEmptySubsequences: false).dropFirst()) {
            values[k] = field.isEmpty ? nil : Double(field)
        }
        return values
    }
}
