import SimCore

/// Everything one replication of a stream measured: the KPIs and the tables
/// of Docs/formats.md (per channel row, per minute, per product, per phase).
public struct StreamResult: Sendable {
    public var kpis: KPIValues
    /// Aligned with ``StreamConfiguration/channelRows``.
    public var channels: [ChannelResult]
    /// One per minute of the stream.
    public var minutes: [MinuteResult]
    /// Entries per channel row (outer) and minute (inner).
    public var channelMinuteEntries: [[Int]]
    /// Per product (outer, aligned with the configuration's products) and minute.
    public var productMinutes: [[ProductMinute]]
    /// Per product and offer: the selling-price row, then one per offer that applies to it.
    public var products: [ProductResult]
    /// Promotion phases, with `unscheduled` for time outside every phase.
    public var phases: [PhaseResult]
    /// Stays (one per view) in 1-second bins from 0 to the stream's length.
    public var stays: Histogram
    /// Shares of the stream's time during which the feed multiplier sat at
    /// the clamp's upper and lower ends (0 without a thinned feed). Above
    /// one half, the room-weight loop is mostly a constant, not a feedback.
    public var feedMultiplierClampShares = FeedMultiplierClampShares()
    public var diagnostics: RunDiagnostics
    /// The stream's day draws (``DayDraws/none`` without `variation:`); not
    /// written to the result files.
    public var day = DayDraws.none
}

/// Time shares of a stream with the feed multiplier at each end of its clamp.
public struct FeedMultiplierClampShares: Sendable, Equatable {
    public var upper = 0.0
    public var lower = 0.0
    /// At either end.
    public var either: Double { upper + lower }
    public init(upper: Double = 0, lower: Double = 0) {
        self.upper = upper
        self.lower = lower
    }
}

/// One channel row's totals; views, orders and yuan attributed to the
/// channel of the viewer's first entry.
public struct ChannelResult: Sendable, Equatable {
    public var row: ChannelRow
    public var views = 0
    public var uniqueViewers = 0
    public var productExposures = 0
    public var productClicks = 0
    public var buyers = 0
    public var orders = 0
    public var gmvYuan = 0.0
    /// The channel's own cost (boosts, partner fee and commission, fixed costs).
    public var costYuan = 0.0
    public var totalStaySeconds = 0.0
    /// Yuan of its orders that came back (returns go to the channel of the order's viewer).
    public var returnedYuan = 0.0
    /// Cost of goods of its orders kept: units × unit cost, less the returned units'.
    public var costOfGoodsYuan = 0.0
    /// Gifts given with its orders (`giftCostYuan` of a gift offer).
    public var giftCostYuan = 0.0
    /// Attributed GMV / cost; nil without cost.
    public var roi: Double? { ratio(gmvYuan, costYuan) }
    public var averageStaySeconds: Double? { ratio(totalStaySeconds, Double(views)) }
    /// Attributed GMV less its returns.
    public var netGmvYuan: Double { gmvYuan - returnedYuan }
    /// Net GMV less the cost of goods kept, the gifts and the channel's own
    /// cost: what the attributed orders leave after paying for themselves
    /// (attribution, not what switching the channel off would change).
    public var contributionYuan: Double { netGmvYuan - costOfGoodsYuan - giftCostYuan - costYuan }
}

/// One minute of the stream.
public struct MinuteResult: Sendable, Equatable {
    /// Time-average over the minute, so the column's mean is `averageConcurrent`.
    public var concurrentViewers = 0.0
    public var entries = 0
    public var exits = 0
    public var interactions = 0
    public var productClicks = 0
    public var orders = 0
    public var gmvYuan = 0.0
    /// Room weight at the minute's end (1 until room weight is modelled).
    public var roomWeight = 1.0
    public var stalledSeconds = 0.0
    /// The multiplier the feed applied, time-averaged over the minute (1
    /// without room weight), so the column's mean is the stream's time average.
    public var feedMultiplier = 1.0
}

public struct ProductMinute: Sendable, Equatable {
    public var orders = 0
    public var unitsSold = 0
    public var gmvYuan = 0.0
}

/// Sales of one product under one offer (`offer` empty: list price).
public struct ProductResult: Sendable, Equatable {
    public var product: String
    public var offer: String
    public var unitsSold = 0
    public var gmvYuan = 0.0
    /// Units in stock at the start; nil for unlimited.
    public var inventory: Int?
    /// Minute the stock ran out; nil if it did not.
    public var selloutMinute: Double?
    public var lostSalesUnits = 0
    public var returns = 0
}

public struct PhaseResult: Sendable, Equatable {
    public var phase: String
    public var fromMinute: Double
    public var toMinute: Double
    public var views = 0
    public var orders = 0
    public var gmvYuan = 0.0
    public var averageConcurrent = 0.0
}

/// How the engine worked, for benchmarks and sanity checks; not KPIs.
public struct RunDiagnostics: Sendable, Equatable {
    /// Events popped and handled (arrivals, viewer candidates, re-entries, invitees).
    public var eventsProcessed = 0
    public var staleEventsSkipped = 0
    /// Viewer candidates drawn against the majorant, and those rejected.
    public var candidates = 0
    public var thinningRejections = 0
    /// Thinned candidates at which a rate exceeded its majorant (must be 0).
    public var boundViolations = 0
    /// Feed candidates thinned away by the room-weight multiplier.
    public var feedCandidatesRejected = 0
    /// Viewers in the room at the end (their stays were cut there).
    public var presentAtEnd = 0
    /// Most viewers held in memory at once (room, away and pending invitees).
    public var peakAgents = 0
}
