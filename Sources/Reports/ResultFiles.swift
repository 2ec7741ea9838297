import Audience
import Foundation
import JSON
import SimCore

/// Writes the result files of Docs/formats.md into a folder, one replication at a
/// time (rows stream to disk in replication order), then the summary.
public final class ResultFiles {
    /// Width of the bins of `stays.csv` (quantiles use 1-second bins).
    public static let stayBinSeconds = 10

    let configuration: StreamConfiguration
    let directory: String
    private let replications: BufferedWriter
    private let timeseries: BufferedWriter
    private let channelMinutes: BufferedWriter
    private let productMinutes: BufferedWriter
    private let stays: BufferedWriter
    private let channels: BufferedWriter
    private let phases: BufferedWriter
    private let products: BufferedWriter
    private let rows: [ChannelRow]
    public private(set) var summaries = KPISummaries()
    /// A season's KPI keys (empty for a stream), and their values per replication.
    let seasonKeys: [String]
    public private(set) var seasonValues: [[Double?]] = []

    /// Creates every CSV file with its header in `directory`.
    /// - Parameter seasonKeys: for a season, its KPI keys: replications.csv
    ///   gets a column for each after the stream KPIs (the season's totals),
    ///   and every per-stream table a last column `stream`.
    public init(directory: String, configuration: StreamConfiguration, seasonKeys: [String] = []) throws {
        self.directory = directory
        self.configuration = configuration
        self.seasonKeys = seasonKeys
        rows = configuration.channelRows
        let streamColumn = seasonKeys.isEmpty ? "" : "," + ResultTable.streamColumn
        func open(_ table: ResultTable, extra: String = streamColumn) throws -> BufferedWriter {
            let w = try BufferedWriter(path: (directory as NSString).appendingPathComponent(table.fileName))
            try w.write(table.header + extra + "\n")
            return w
        }
        replications = try open(.replications, extra: seasonKeys.map { "," + $0 }.joined())
        timeseries = try open(.timeseries)
        channelMinutes = try open(.channelMinutes)
        productMinutes = try open(.productMinutes)
        stays = try open(.stays)
        channels = try open(.channels)
        phases = try open(.phases)
        products = try open(.products)
    }

    /// Appends one replication's rows to every table.
    public func append(replication i: Int, _ r: StreamResult) throws {
        summaries.add(r.kpis)
        try replications.write(String(i) + "," + KPI.allCases.map { NumberText.csv(r.kpis[$0]) }.joined(separator: ",") + "\n")
        try appendTables(rep: String(i), end: "\n", r)
    }

    /// Appends one replication of a season: its totals as stream KPIs and its
    /// season KPIs (in `seasonKeys` order), and each stream's table rows.
    public func append(replication i: Int, totals: KPIValues, season: [Double?], streams: [StreamResult]) throws {
        precondition(season.count == seasonKeys.count, "one value per season KPI")
        summaries.add(totals)
        seasonValues.append(season)
        try replications.write(String(i) + "," + (KPI.allCases.map { NumberText.csv(totals[$0]) } + season.map { NumberText.csv($0) })
            .joined(separator: ",") + "\n")
        for (k, r) in streams.enumerated() { try appendTables(rep: String(i), end: ",\(k)\n", r) }
    }

    /// One stream's rows of the per-minute, per-channel, per-product and
    /// per-phase tables; each row ends with `end`.
    private func appendTables(rep: String, end: String, _ r: StreamResult) throws {
        typealias N = NumberText
        for (m, x) in r.minutes.enumerated() {
            try timeseries.write([rep, String(m), N.csv(x.concurrentViewers), N.csv(x.entries), N.csv(x.exits), N.csv(x.interactions),
                                  N.csv(x.productClicks), N.csv(x.orders), N.csv(x.gmvYuan), N.csv(x.roomWeight),
                                  N.csv(x.stalledSeconds), N.csv(x.feedMultiplier)].joined(separator: ",") + end)
        }
        for m in r.minutes.indices {
            for (row, entries) in r.channelMinuteEntries.enumerated() {
                try channelMinutes.write("\(rep),\(m),\(rows[row].channel.key),\(entries[m]),\(N.field(rows[row].partner))" + end)
            }
            for (p, minutes) in r.productMinutes.enumerated() {
                let x = minutes[m]
                try productMinutes.write("\(rep),\(m),\(N.field(configuration.products[p].id)),\(x.orders),\(x.unitsSold),\(N.csv(x.gmvYuan))" + end)
            }
        }
        let width = Self.stayBinSeconds
        var bin = 0
        while bin * width < r.stays.counts.count {
            let upper = min((bin + 1) * width, r.stays.counts.count)
            let views = r.stays.counts[(bin * width)..<upper].reduce(0, +) + (upper == r.stays.counts.count ? r.stays.overflow : 0)
            if views > 0 { try stays.write("\(rep),\(bin * width),\((bin + 1) * width),\(N.csv(views))" + end) }
            bin += 1
        }
        for c in r.channels {
            try channels.write([rep, c.row.channel.key, N.field(c.row.partner), N.csv(c.views), N.csv(c.uniqueViewers),
                                N.csv(c.productExposures), N.csv(c.productClicks), N.csv(c.buyers), N.csv(c.orders),
                                N.csv(c.gmvYuan), N.csv(c.costYuan), N.csv(c.roi), N.csv(c.averageStaySeconds),
                                N.csv(c.netGmvYuan), N.csv(c.contributionYuan)].joined(separator: ",") + end)
        }
        for p in r.phases {
            try phases.write([rep, N.field(p.phase), N.csv(p.fromMinute), N.csv(p.toMinute), N.csv(p.views), N.csv(p.orders),
                              N.csv(p.gmvYuan), N.csv(p.averageConcurrent)].joined(separator: ",") + end)
        }
        for p in r.products {
            try products.write([rep, N.field(p.product), N.field(p.offer), N.csv(p.unitsSold), N.csv(p.gmvYuan),
                                p.inventory.map(String.init) ?? "", N.csv(p.selloutMinute), N.csv(p.lostSalesUnits),
                                N.csv(p.returns)].joined(separator: ",") + end)
        }
    }

    /// The season KPIs summarised over the replications so far, in `seasonKeys` order.
    public var seasonSummaries: [(key: String, summary: ReplicationSummary?)] {
        Self.seasonSummaries(keys: seasonKeys, values: seasonValues)
    }

    /// Season KPIs summarised from their per-replication values (`values[r][k]` for key `k`).
    static func seasonSummaries(keys: [String], values: [[Double?]]) -> [(key: String, summary: ReplicationSummary?)] {
        keys.enumerated().map { i, key in (key, ReplicationSummary(values.compactMap { i < $0.count ? $0[i] : nil })) }
    }

    /// `summary.json`'s `seasonKpis`.
    static func seasonJSON(_ summaries: [(key: String, summary: ReplicationSummary?)]) -> JSONValue {
        .object(summaries.map { .init($0.key, statistics($0.summary)) })
    }

    /// Closes the tables and writes `summary.json`.
    public func finish(scenario: String, seed: UInt64) throws {
        for w in [replications, timeseries, channelMinutes, productMinutes, stays, channels, phases, products] { try w.close() }
        try Self.write(summaryJSON(scenario: scenario, seed: seed).text(indent: 2) + "\n",
                       to: (directory as NSString).appendingPathComponent(ResultFileName.summary))
    }

    /// `summary.json`: per KPI mean, sd, ci95, p5, p50, p95 (sd and ci95 null with one replication).
    /// A season's adds `seasonKpis`, summarised the same way.
    public func summaryJSON(scenario: String, seed: UInt64) -> JSONValue {
        var json = Self.summaryJSON(summaries, scenario: scenario, seed: seed)
        if !seasonKeys.isEmpty {
            json.set("seasonKpis", Self.seasonJSON(seasonSummaries))
        }
        return json
    }

    /// `summary.json` of these per-replication KPIs.
    public static func summaryJSON(_ summaries: KPISummaries, scenario: String, seed: UInt64) -> JSONValue {
        let kpis = KPI.allCases.map { JSONValue.Member($0.key, statistics(summaries.summary($0))) }
        return .object([.init("scenario", .string(scenario)), .init("seed", .number(Double(seed))),
                        .init("replications", .number(Double(summaries.replications))), .init("kpis", .object(kpis))])
    }

    /// One KPI's entry: mean, sd, ci95, p5, p50, p95 (nulls where undefined).
    static func statistics(_ s: ReplicationSummary?) -> JSONValue {
        func num(_ x: Double?) -> JSONValue { x.map { .number($0) } ?? .null }
        return .object([
            .init("mean", num(s?.mean)), .init("sd", num(s?.standardDeviation)),
            .init("ci95", s?.confidenceInterval95.map { .array([.number($0.lowerBound), .number($0.upperBound)]) } ?? .null),
            .init("p5", num(s?.p5)), .init("p50", num(s?.p50)), .init("p95", num(s?.p95)),
        ])
    }

    /// Writes a whole text file.
    public static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
}
