import Audience
import Experiments
import Foundation
import JSON
import Scenario
import SimCore

/// What each channel really adds: the stream run as planned and with each
/// channel (each partner of `kol`, `koc` and `crossBrand`) switched off in
/// turn, all on the same replications (common random numbers), and the
/// paired differences — what the stream would lose without it, the shares
/// and followers it brought included. A dashboard credits a viewer's orders
/// to the channel of their first entry; that is not what switching the
/// channel off would change (the room weight it fed, the shares its viewers
/// made, the viewers another channel would have brought anyway). The library
/// form of `livesim contribution`.
///
///     let scenario = try ScenarioLoader.load(file: "Scenarios/baseline.yaml")
///     let outcome = try ChannelContribution(scenario, settings: ReplicationSettings(seed: 1, replications: 20)).run()
///     for row in outcome.rows { print(row.channel, row.partner, row.gmvYuan.mean, row.incrementalRoi ?? .nan) }
public struct ChannelContribution: Sendable {
    public let scenario: LoadedScenario
    public let settings: ReplicationSettings
    /// One per channel row of the scenario, in channel order then partner order.
    public let variants: [Variant]

    /// A channel switched off: which, and the scenario without it.
    public struct Variant: Sendable {
        public var channel: ChannelKind
        /// The partner's name for `kol`, `koc` and `crossBrand`; empty otherwise.
        public var partner: String
        /// The field path set and its value (null, or the partner list without this partner).
        public var path: String
        public var value: JSONValue
    }

    /// A season (a scenario with `season:`) is measured on its totals over all its streams.
    /// - Throws: ``ExperimentError`` (bad input) for a scenario without channels.
    public init(_ scenario: LoadedScenario, settings: ReplicationSettings) throws(ExperimentError) {
        self.scenario = scenario
        self.settings = settings
        let rows = scenario.document.configuration.channelRows
        guard !rows.isEmpty else { throw .badInput("\(scenario.file): no channel brings viewers; expected at least one channel under `channels:`") }
        var variants: [Variant] = []
        var partnerIndex: [ChannelKind: Int] = [:]
        for row in rows {
            switch row.channel {
            case .kol, .koc, .crossBrand:
                let i = partnerIndex[row.channel, default: 0]
                partnerIndex[row.channel] = i + 1
                guard case .array(var partners)? = scenario.resolved["channels"]?[row.channel.key] else { continue }
                partners.remove(at: i)
                variants.append(Variant(channel: row.channel, partner: row.partner, path: "channels.\(row.channel.key)", value: .array(partners)))
            default:
                variants.append(Variant(channel: row.channel, partner: "", path: "channels.\(row.channel.key)", value: .null))
            }
        }
        self.variants = variants
    }

    /// Runs the scenario and every variant on replications 0..<R of the seed.
    /// - Parameter progress: replications done of (variants + 1) × R.
    public func run(progress: ProgressHandler? = nil) throws -> ContributionOutcome {
        let r = settings.replications, seed = settings.seed
        let total = (variants.count + 1) * r
        // Model 0 is the scenario as planned, model k the scenario without variant k − 1.
        let (scenario, variants) = (self.scenario, self.variants)
        let models = ModelCache<Int> { k in
            guard k > 0 else { return try Replicable(scenario) }
            let v = variants[k - 1]
            let without: LoadedScenario
            do { without = try scenario.source.load(overrides: [(v.path, v.value)]) } catch {
                throw ExperimentError.badInput("\(scenario.file): without \(v.channel.key)\(v.partner.isEmpty ? "" : " \(v.partner)") the scenario is invalid (\((error as? ScenarioErrors)?.errors.first?.description ?? "\(error)")); expected every channel to be optional")
            }
            return try Replicable(without)
        }
        let tasks = (0...variants.count).flatMap { k in (0..<r).map { ReplicationRunner.Task(model: k, seed: seed, replication: $0) } }
        var kpis: [[KPIValues]] = Array(repeating: [], count: variants.count + 1)
        var baseChannels: [[ChannelResult]] = []
        var rows: [ContributionRow] = []
        try ReplicationRunner.run(tasks: tasks, models: models, jobs: settings.jobs, consume: { task, outcome in
            let k = task.model
            kpis[k].append(outcome.kpis)
            if k == 0 {
                switch outcome {
                case .stream(let s): baseChannels.append(s.channels)
                case .season(let season): baseChannels.append(Self.totals(season.streams.map(\.channels)))
                }
            }
            if k > 0 && kpis[k].count == r {
                rows.append(Self.row(variants[k - 1], base: kpis[0], without: kpis[k], baseChannels: baseChannels))
                kpis[k] = []
            }
        }, progress: { done in progress?(ExperimentProgress(replicationsDone: done, replicationsTotal: total)) })
        let base = kpis[0]
        let baseSummary = KPI.allCases.map { kpi in (kpi, ReplicationSummary(base.compactMap { $0[kpi] })) }
        return ContributionOutcome(scenario: scenario.document.name, seed: settings.seed, replications: r, rows: rows,
                                   base: Dictionary(uniqueKeysWithValues: baseSummary.compactMap { k, s in s.map { (k, $0) } }))
    }
}

extension ChannelContribution {
    /// Variant `v`'s row: the paired losses without it, and its cost and the
    /// GMV a dashboard would credit it with, from the planned stream.
    static func row(_ v: Variant, base: [KPIValues], without runs: [KPIValues], baseChannels: [[ChannelResult]]) -> ContributionRow {
        func loss(_ kpi: KPI) -> Interval {
            Interval(zip(base, runs).compactMap { a, b in a[kpi].flatMap { x in b[kpi].map { x - $0 } } })
        }
        let own = baseChannels.map { $0.first { $0.row.channel == v.channel && $0.row.partner == v.partner } }
        let cost = own.compactMap { $0?.costYuan }.reduce(0, +) / Double(max(1, own.count))
        let attributed = own.compactMap { $0?.gmvYuan }.reduce(0, +) / Double(max(1, own.count))
        let attributedProfit = own.compactMap { $0?.contributionYuan }.reduce(0, +) / Double(max(1, own.count))
        let profit = loss(.profitYuan)
        return ContributionRow(channel: v.channel, partner: v.partner, views: loss(.views), gmvYuan: loss(.gmvYuan), profitYuan: profit,
                               orders: loss(.orders), newFollows: loss(.newFollows), costYuan: cost, attributedGmvYuan: attributed,
                               attributedProfitYuan: attributedProfit, incrementalRoi: cost > 0 ? profit.mean / cost : nil)
    }

    /// A season's channel rows summed over its streams (every stream has the same rows).
    static func totals(_ streams: [[ChannelResult]]) -> [ChannelResult] {
        guard var out = streams.first else { return [] }
        for s in streams.dropFirst() {
            for (i, c) in s.enumerated() where i < out.count {
                out[i].views += c.views; out[i].orders += c.orders; out[i].gmvYuan += c.gmvYuan; out[i].costYuan += c.costYuan
                out[i].returnedYuan += c.returnedYuan; out[i].costOfGoodsYuan += c.costOfGoodsYuan; out[i].giftCostYuan += c.giftCostYuan
            }
        }
        return out
    }
}

/// A paired difference's mean and 95% interval (Student's t over the replications).
public struct Interval: Sendable, Equatable {
    public var mean: Double
    public var low: Double
    public var high: Double

    init(_ values: [Double]) {
        let s = ReplicationSummary(values)
        mean = s?.mean ?? .nan
        low = s?.confidenceInterval95?.lowerBound ?? mean
        high = s?.confidenceInterval95?.upperBound ?? mean
    }
}

/// What the stream loses without one channel (planned − without, paired).
public struct ContributionRow: Sendable, Equatable {
    public var channel: ChannelKind
    public var partner: String
    public var views: Interval
    public var gmvYuan: Interval
    public var profitYuan: Interval
    public var orders: Interval
    public var newFollows: Interval
    /// The channel's own cost in the planned stream (fees, commission, boosts, fixed costs), the mean over replications.
    public var costYuan: Double
    /// GMV a last-touch dashboard credits it with (orders of viewers who first entered through it), the mean.
    public var attributedGmvYuan: Double
    /// The profit a dashboard credits it with: its attributed orders' net GMV less their goods, gifts and
    /// the channel's own cost (`channels.csv`'s figures), the mean.
    public var attributedProfitYuan: Double
    /// Incremental profit / cost: the profit the stream loses without it (already net of its cost) per yuan it costs; nil without cost.
    public var incrementalRoi: Double?

    /// The dashboard and the experiment disagree in sign on the channel's profit:
    /// credited with a profit it does not make (the stream earns more without it), or the reverse.
    public var attributionMisleads: Bool {
        (attributedProfitYuan > 0 && profitYuan.high < 0) || (attributedProfitYuan < 0 && profitYuan.low > 0)
    }
}

/// A contribution experiment's rows and the planned stream's KPIs.
public struct ContributionOutcome: Sendable {
    public let scenario: String
    public let seed: UInt64
    public let replications: Int
    public let rows: [ContributionRow]
    /// The planned stream's KPIs over the same replications.
    public let base: [KPI: ReplicationSummary]
}
