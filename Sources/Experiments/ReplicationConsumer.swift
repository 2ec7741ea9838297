import Audience
import Reports
import Season
import SimCore

/// Where an experiment's replications go, one at a time and in replication
/// order: result files, a results store, memory. Experiments hand every
/// replication to each consumer they are given; a consumer keeps what it needs.
public protocol ReplicationConsumer: AnyObject {
    /// Takes one replication's outcome (called in replication order).
    func consume(replication: Int, _ outcome: ReplicationOutcome) throws
}

/// Keeps the KPIs of every replication in memory: the stream KPIs (a
/// season's totals) and, for a season, its season KPIs.
public final class KPICollector: ReplicationConsumer {
    /// Per KPI, its value in each replication consumed.
    public private(set) var summaries = KPISummaries()
    /// Per replication, the season KPIs in ``SeasonKPI`` order (empty rows for a stream).
    public private(set) var seasonValues: [[Double?]] = []
    /// The replication indices consumed, in order.
    public private(set) var replications: [Int] = []
    /// Per replication, the shares of stream time the feed multiplier sat at
    /// each end of its clamp (a season's: the mean over its streams).
    public private(set) var feedMultiplierClampShares: [FeedMultiplierClampShares] = []
    /// The clamp's ends, for the note.
    let clamp: (minimum: Double, maximum: Double)?

    /// - Parameter roomWeight: the scenario's room-weight settings (nil: no
    ///   thinned feed, and no note).
    public init(roomWeight: RoomWeightSettings? = nil) {
        clamp = roomWeight.map { ($0.minimumMultiplier, $0.maximumMultiplier) }
    }

    public func consume(replication: Int, _ outcome: ReplicationOutcome) {
        replications.append(replication)
        summaries.add(outcome.kpis)
        seasonValues.append(outcome.seasonKPIs)
        feedMultiplierClampShares.append(outcome.feedMultiplierClampShares)
    }

    /// A warning when the feed multiplier sat at one end of its clamp for more
    /// than half the stream (mean over replications): the room-weight loop is
    /// then mostly a constant traffic factor, not a feedback (nil otherwise).
    public var feedMultiplierClampNote: String? {
        guard let clamp, !feedMultiplierClampShares.isEmpty else { return nil }
        let n = Double(feedMultiplierClampShares.count)
        let upper = feedMultiplierClampShares.reduce(0) { $0 + $1.upper } / n
        let lower = feedMultiplierClampShares.reduce(0) { $0 + $1.lower } / n
        guard max(upper, lower) > 0.5 else { return nil }
        let (end, value, share) = upper >= lower ? ("upper", clamp.maximum, upper) : ("lower", clamp.minimum, lower)
        let percent = Int((share * 100).rounded())
        return "note: the feed multiplier was at its \(end) clamp \(KPITable.short(value)) for \(percent)% of the stream "
            + "(mean over replications); there the room weight does not move feed traffic, so engagement changes "
            + "cannot pay off through the feed — check roomWeight's reference… fields against what the room really shows."
    }

    /// The season KPIs summarised over the replications, in ``SeasonKPI`` order.
    public var seasonSummaries: [(kpi: SeasonKPI, summary: ReplicationSummary?)] {
        SeasonKPI.allCases.enumerated().map { k, kpi in (kpi, ReplicationSummary(seasonValues.compactMap { k < $0.count ? $0[k] : nil })) }
    }
}

/// Writes a run's result files into a folder as replications arrive: the
/// stream tables, and for a season its own tables too; ``finish(scenario:seed:)``
/// closes them and writes `summary.json`.
public final class ResultFolderWriter: ReplicationConsumer {
    let files: ResultFiles
    let seasonFiles: SeasonFiles?

    /// Creates every table with its header in `directory`.
    public init(directory: String, model: Replicable) throws {
        if let settings = model.season {
            files = try ResultFiles(directory: directory, configuration: model.stream, seasonKeys: ResultTable.seasonKPIKeys)
            seasonFiles = try SeasonFiles(directory: directory, stream: model.stream, settings: settings)
        } else {
            files = try ResultFiles(directory: directory, configuration: model.stream)
            seasonFiles = nil
        }
    }

    public func consume(replication i: Int, _ outcome: ReplicationOutcome) throws {
        switch outcome {
        case .stream(let r):
            try files.append(replication: i, r)
        case .season(let r):
            try files.append(replication: i, totals: r.totalKPIs, season: outcome.seasonKPIs, streams: r.streams)
            try seasonFiles?.append(replication: i, r)
        }
    }

    /// Closes the tables and writes `summary.json`.
    public func finish(scenario: String, seed: UInt64) throws {
        try files.finish(scenario: scenario, seed: seed)
        try seasonFiles?.finish()
    }
}
