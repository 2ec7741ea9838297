import Audience
import Scenario
import Season
import SimCore

/// What an experiment replicates: one stream, or a season of streams over one
/// persistent population. Every experiment (run, compare, sweep, and those
/// built on them) goes through this one type, so none of them branches on
/// stream versus season itself.
public enum Replicable: Sendable {
    case stream(Simulation)
    case season(SeasonSimulation)

    /// The scenario's stream, or its season when it has a `season:` section.
    /// - Throws: ``ExperimentError`` (bad input) when the configuration cannot be simulated.
    public init(_ scenario: LoadedScenario) throws(ExperimentError) {
        do {
            if let season = scenario.document.season {
                self = .season(try SeasonSimulation(stream: scenario.configuration, season: season))
            } else {
                let configuration = scenario.configuration
                self = .stream(configuration == scenario.checkedConfiguration
                               ? Simulation(checked: configuration) : try Simulation(configuration: configuration))
            }
        } catch {
            throw .badInput("\(scenario.file): \(error)")
        }
    }

    /// The configuration of one stream (a season's as its streams run it).
    public var stream: StreamConfiguration {
        switch self {
        case .stream(let s): s.configuration
        case .season(let s): s.stream
        }
    }

    /// The season's settings (nil for a single stream).
    public var season: SeasonSettings? {
        if case .season(let s) = self { return s.settings }
        return nil
    }

    /// Runs replication `replication` of `seed`; `progress` gets the share done (0…1).
    /// Once `stop` is raised the replication ends early and its outcome is partial.
    public func run(seed: UInt64, replication: Int, progress: ((Double) -> Void)? = nil, stop: StopSignal? = nil) -> ReplicationOutcome {
        switch self {
        case .stream(let simulation):
            var sink = NoSink()
            return .stream(simulation.run(seed: seed, replication: replication, sink: &sink, progress: progress, stop: stop))
        case .season(let season):
            return .season(season.run(seed: seed, replication: replication, progress: progress, stop: stop))
        }
    }

    /// Replications pending at once per thread (running, or done and waiting
    /// to be handed on in order): enough to keep every thread busy, few
    /// enough to bound memory (a season's result holds all its streams).
    var replicationsPendingPerThread: Int {
        switch self {
        case .stream: 4
        case .season: 2
        }
    }
}

/// One replication's result: a stream's, or a season's.
public enum ReplicationOutcome: Sendable {
    case stream(StreamResult)
    case season(SeasonResult)

    /// The stream KPIs: a stream's own, or a season's totals (its streams read as one).
    public var kpis: KPIValues {
        switch self {
        case .stream(let r): r.kpis
        case .season(let r): r.totalKPIs
        }
    }

    /// The season KPIs in ``SeasonKPI`` order (empty for a stream).
    /// Shares of stream time at the feed multiplier's clamp (a season's: the
    /// time-weighted mean over its streams, which have equal lengths).
    public var feedMultiplierClampShares: FeedMultiplierClampShares {
        switch self {
        case .stream(let r): r.feedMultiplierClampShares
        case .season(let r):
            r.streams.isEmpty ? FeedMultiplierClampShares()
                : FeedMultiplierClampShares(upper: r.streams.reduce(0) { $0 + $1.feedMultiplierClampShares.upper } / Double(r.streams.count),
                                            lower: r.streams.reduce(0) { $0 + $1.feedMultiplierClampShares.lower } / Double(r.streams.count))
        }
    }

    public var seasonKPIs: [Double?] {
        switch self {
        case .stream: []
        case .season(let r): SeasonKPI.allCases.map { r.kpis[$0] }
        }
    }
}
