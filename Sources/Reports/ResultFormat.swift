import Audience
import Season

/// The names of the result files and their columns, stated once: the writers
/// build their headers from these, the shard merger joins these tables, and
/// the HTML report opens and checks them by these names.
public enum ResultTable: String, CaseIterable, Sendable {
    case replications, timeseries, channelMinutes, productMinutes, stays, channels, phases, products
    /// A season's own tables.
    case streams, cohorts, retention, seasonChannels

    /// The file name in a result folder.
    public var fileName: String {
        switch self {
        case .channelMinutes: "channel-minutes.csv"
        case .productMinutes: "product-minutes.csv"
        case .seasonChannels: "season-channels.csv"
        default: rawValue + ".csv"
        }
    }

    /// The columns, in order (a season's stream tables add ``streamColumn`` last,
    /// and its `replications.csv` the season KPI keys after the stream KPIs).
    public var columns: [String] {
        switch self {
        case .replications: ["replication"] + KPI.allCases.map(\.key)
        case .timeseries:
            ["replication", "minute", "concurrentViewers", "entries", "exits", "interactions", "productClicks", "orders",
             "gmvYuan", "roomWeight", "stalledSeconds",
             // Added in 2026-12, after the contract's columns:
             "feedMultiplier"]
        case .channelMinutes: ["replication", "minute", "channel", "entries", "partner"]
        case .productMinutes: ["replication", "minute", "product", "orders", "unitsSold", "gmvYuan"]
        case .stays: ["replication", "fromSeconds", "toSeconds", "views"]
        case .channels:
            ["replication", "channel", "partner", "views", "uniqueViewers", "productExposures", "productClicks", "buyers", "orders",
             "gmvYuan", "costYuan", "roi", "averageStaySeconds", "netGmvYuan", "contributionYuan"]
        case .phases: ["replication", "phase", "fromMinute", "toMinute", "views", "orders", "gmvYuan", "averageConcurrent"]
        case .products:
            ["replication", "product", "offer", "unitsSold", "gmvYuan", "inventory", "selloutMinute", "lostSalesUnits", "returns"]
        case .streams: ["replication", "stream", "day"] + KPI.allCases.map(\.key)
        case .cohorts: ["replication", "cohortStream", "channel", "partner", "streamsLater", "people", "visitors", "buyers", "gmvYuan"]
        case .retention: ["replication", "streamsLater", "buyers", "returned", "share"]
        case .seasonChannels:
            ["replication", "channel", "partner", "acquired", "buyers", "gmvYuan", "costYuan", "lifetimeValueYuan",
             "acquisitionCostPerPersonYuan", "lifetimeValueToAcquisitionCost"]
        }
    }

    /// The header line (without its newline).
    public var header: String { columns.joined(separator: ",") }

    /// The tables every run writes, each starting with its `replication` column.
    public static let stream: [ResultTable] = [.replications, .timeseries, .channelMinutes, .productMinutes, .stays, .channels, .phases, .products]
    /// The tables a season adds.
    public static let season: [ResultTable] = [.streams, .cohorts, .retention, .seasonChannels]

    /// The last column of a season's per-stream tables.
    public static let streamColumn = "stream"
    /// The season KPI keys, in the order of their columns in a season's `replications.csv`.
    public static var seasonKPIKeys: [String] { SeasonKPI.allCases.map(\.key) }
}

/// The other files of result folders, named once.
public enum ResultFileName {
    public static let summary = "summary.json"
    public static let manifest = "manifest.json"
    public static let comparison = "comparison.csv"
    public static let sweep = "sweep.csv"
    public static let rerun = "rerun.csv"
    public static let store = "results.sqlite"
    public static let report = "report.html"
}
