import Audience
import Foundation
import Season

/// A season's own result files, beside the stream tables ``ResultFiles``
/// writes (one row set per stream, its totals in replications.csv):
///
/// - `streams.csv`: one row per replication and stream — the stream's day and every stream KPI;
/// - `cohorts.csv`: the people each stream acquired through each channel row,
///   and how many of them came and bought `streamsLater` streams on;
/// - `retention.csv`: of each stream's buyers, how many came back `streamsLater` streams on;
/// - `season-channels.csv`: per channel row, people acquired, their season GMV,
///   the row's cost over the season, lifetime value and acquisition cost per person.
public final class SeasonFiles {
    let settings: SeasonSettings
    let rows: [ChannelRow]
    private let streams: BufferedWriter
    private let cohorts: BufferedWriter
    private let retention: BufferedWriter
    private let channels: BufferedWriter

    /// The season's own tables, each starting with its `replication` column.

    public init(directory: String, stream: StreamConfiguration, settings: SeasonSettings) throws {
        self.settings = settings
        rows = stream.asSeasonStream.channelRows
        func open(_ table: ResultTable) throws -> BufferedWriter {
            let w = try BufferedWriter(path: (directory as NSString).appendingPathComponent(table.fileName))
            try w.write(table.header + "\n")
            return w
        }
        streams = try open(.streams)
        cohorts = try open(.cohorts)
        retention = try open(.retention)
        channels = try open(.seasonChannels)
    }

    /// Appends one replication's rows.
    public func append(replication i: Int, _ r: SeasonResult) throws {
        typealias N = NumberText
        let rep = String(i)
        for (k, s) in r.streams.enumerated() {
            try streams.write(([rep, String(k), N.csv(settings.day(ofStream: k))] + KPI.allCases.map { N.csv(s.kpis[$0]) })
                .joined(separator: ",") + "\n")
        }
        for c in r.cohorts {
            let row = rows[c.row]
            try cohorts.write([rep, String(c.cohortStream), row.channel.key, N.field(row.partner), String(c.streamsLater),
                               N.csv(c.people), N.csv(c.visitors), N.csv(c.buyers), N.csv(c.gmvYuan)].joined(separator: ",") + "\n")
        }
        for b in r.buyerRetention {
            try retention.write([rep, String(b.streamsLater), N.csv(b.buyers), N.csv(b.returned), N.csv(b.share)].joined(separator: ",") + "\n")
        }
        for c in r.channels {
            let row = rows[c.row]
            try channels.write([rep, row.channel.key, N.field(row.partner), N.csv(c.acquired), N.csv(c.buyers), N.csv(c.gmvYuan),
                                N.csv(c.costYuan), N.csv(c.lifetimeValueYuan), N.csv(c.acquisitionCostPerPersonYuan),
                                N.csv(c.lifetimeValueToAcquisitionCost)].joined(separator: ",") + "\n")
        }
    }

    public func finish() throws {
        for w in [streams, cohorts, retention, channels] { try w.close() }
    }
}
