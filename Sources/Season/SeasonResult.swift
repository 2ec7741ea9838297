import Audience

/// The season KPIs (Docs/model.md), keyed as in result files, in output order.
public enum SeasonKPI: String, CaseIterable, Sendable {
    case streams, seasonViews, seasonGmvYuan, seasonNetGmvYuan, seasonOrders
    case people, seasonBuyers, repeatBuyers, repurchaseRate30Days, repurchaseRate90Days
    case retainedNextStream, clickersLaterConversion, followersStart, followersEnd, followerGrowth, seasonNewFollows
    case followersChurned, membersEnd, paidMembersEnd, churnedPeople
    case lifetimeValueYuan, acquisitionCostYuan, acquisitionCostPerPersonYuan, lifetimeValueToAcquisitionCost
    case retentionCostYuan, memberDiscountsYuan, couponsSent, couponsRedeemed, couponCostYuan
    case remindersSent, birthdayGiftsSent, membershipFeesYuan
    case retentionOrders, retentionGmvYuan, retentionRoi, seasonProfitYuan

    /// The key in result files.
    public var key: String { rawValue }

    /// How a value reads: yuan, a share (fraction), a ratio, or a count.
    public enum Unit: Sendable { case yuan, share, ratio, count }

    public var unit: Unit {
        switch self {
        case .repurchaseRate30Days, .repurchaseRate90Days, .retainedNextStream, .clickersLaterConversion: .share
        case .lifetimeValueToAcquisitionCost, .retentionRoi: .ratio
        default: key.hasSuffix("Yuan") ? .yuan : .count
        }
    }

    /// Whether less is better (costs, churn): used when ranking strategies.
    public var lowerIsBetter: Bool {
        switch self {
        case .acquisitionCostYuan, .acquisitionCostPerPersonYuan, .retentionCostYuan, .memberDiscountsYuan,
             .couponCostYuan, .followersChurned, .churnedPeople: true
        default: false
        }
    }
}

/// One value per season KPI; nil where a ratio's denominator is zero.
public struct SeasonKPIValues: Sendable, Equatable {
    public private(set) var values: [Double?] = Array(repeating: nil, count: SeasonKPI.allCases.count)
    public init() {}
    public subscript(kpi: SeasonKPI) -> Double? {
        get { values[SeasonKPI.allCases.firstIndex(of: kpi)!] }
        set { values[SeasonKPI.allCases.firstIndex(of: kpi)!] = newValue }
    }
}

/// Everything one replication of a season measured.
public struct SeasonResult: Sendable {
    /// One per stream, in calendar order.
    public var streams: [StreamResult]
    public var kpis: SeasonKPIValues
    /// Retention of the people each stream acquired, by channel row.
    public var cohorts: [CohortRow]
    /// Of each stream's buyers, how many came back `streamsLater` streams on (summed over streams).
    public var buyerRetention: [BuyerRetentionRow]
    /// Acquisition and lifetime value by channel row.
    public var channels: [SeasonChannelRow]
    /// The channel rows of the season's streams (every stream has the same).
    public var channelRows: [ChannelRow]

    /// The stream KPIs averaged over the season's streams (a stream KPI
    /// undefined in some streams averages over those where it is defined).
    public var averageStreamKPIs: KPIValues {
        var out = KPIValues()
        for k in KPI.allCases {
            let defined = streams.compactMap { $0.kpis[k] }
            out[k] = defined.isEmpty ? nil : defined.reduce(0, +) / Double(defined.count)
        }
        return out
    }
}

/// The people stream `cohortStream` acquired through one channel row, seen
/// `streamsLater` streams on.
public struct CohortRow: Sendable, Equatable {
    public var cohortStream: Int
    public var row: Int
    public var streamsLater: Int
    /// People of the cohort (the same on every row of the cohort).
    public var people: Int
    /// Of them, those who came to that stream, and who bought there.
    public var visitors = 0
    public var buyers = 0
    public var gmvYuan = 0.0
}

public struct BuyerRetentionRow: Sendable, Equatable {
    public var streamsLater: Int
    /// Buyers of streams that have a stream `streamsLater` on.
    public var buyers = 0
    /// Of them, those who came to that later stream.
    public var returned = 0
    public var share: Double? { buyers > 0 ? Double(returned) / Double(buyers) : nil }
}

public struct SeasonChannelRow: Sendable, Equatable {
    public var row: Int
    /// People first seen through this row.
    public var acquired = 0
    public var buyers = 0
    /// Their season GMV net of returns.
    public var gmvYuan = 0.0
    /// The row's channel costs summed over the streams.
    public var costYuan = 0.0
    public var lifetimeValueYuan: Double? { acquired > 0 ? gmvYuan / Double(acquired) : nil }
    public var acquisitionCostPerPersonYuan: Double? { acquired > 0 ? costYuan / Double(acquired) : nil }
    public var lifetimeValueToAcquisitionCost: Double? {
        guard let ltv = lifetimeValueYuan, let cac = acquisitionCostPerPersonYuan, cac > 0 else { return nil }
        return ltv / cac
    }
}
