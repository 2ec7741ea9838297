import Audience
import SimCore

/// Simulates a season (Docs/model.md): the stream scenario run on every date of
/// the calendar over one persistent ``Population``. The library entry point:
///
///     let season = try SeasonSimulation(stream: config, season: settings)
///     let result = season.run(seed: 7, replication: 0)
///
/// Stream 0 runs exactly as the stream on its own (a season of one stream
/// is a single run, bit for bit); later streams draw their new arrivals from
/// their own seeds, and bring back known people — followers opening the
/// push, members, coupon holders, reminded buyers, birthday gifts — as
/// arrivals with their own identities, traits and perks. Every person's
/// draws are keyed by identity and stream, so the same seed gives the same
/// people in two seasons wherever they agree (common random numbers).
public struct SeasonSimulation: Sendable {
    /// The stream scenario as each stream runs it (with the followers row
    /// every season stream has).
    public let stream: StreamConfiguration
    public let settings: SeasonSettings
    let rows: [ChannelRow]
    let followersRow: Int
    let first: Simulation

    /// Checks the stream and the season settings (every problem at once).
    public init(stream: StreamConfiguration, season: SeasonSettings) throws {
        let c = stream.asSeasonStream
        let issues = c.validate() + season.validate(stream: c)
        guard issues.isEmpty else { throw InvalidConfiguration(issues: issues) }
        self.stream = c
        settings = season
        rows = c.channelRows
        followersRow = rows.firstIndex { $0.channel == .followers }!
        first = try Simulation(configuration: c)
    }

    /// Runs replication `replication` of the season under master seed `seed`.
    /// - Parameter progress: called after each stream with the share of the
    ///   season's streams done.
    /// - Parameter stop: once raised, each remaining stream ends after its first 2¹⁸ events (the result is partial).
    public func run(seed: UInt64, replication: Int, progress: ((Double) -> Void)? = nil, stop: StopSignal? = nil) -> SeasonResult {
        let ledger = SeasonLedger(season: self)
        return ledger.run(seed: seed, replication: replication, progress: progress, stop: stop)
    }

    /// The master seed of stream `k`: the season's own for the first stream
    /// (so that it is the single run), a keyed one for each later stream.
    public static func streamSeed(_ seed: UInt64, stream k: Int) -> UInt64 {
        k == 0 ? seed : SplitMix64.combine(seed, stableHash("season/stream") &+ UInt64(k))
    }
}
