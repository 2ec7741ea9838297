/// What a season brings into one of its streams: the known people who come
/// back, when, under which channel row, and the perks the season gave them.
/// A stream without a season has none (``Simulation/run(seed:replication:sink:progress:season:)``).
public struct SeasonStreamInput: Sendable {
    /// The stream's place in the season (0 for the first); keys the
    /// returning people's draws in this stream.
    public var streamIndex: Int
    /// In time order.
    public var visits: [ReturningVisit]

    public init(streamIndex: Int, visits: [ReturningVisit]) {
        precondition(zip(visits, visits.dropFirst()).allSatisfy { $0.time <= $1.time }, "visits must be in time order")
        self.streamIndex = streamIndex
        self.visits = visits
    }
}

/// One known person's visit to a stream of a season.
public struct ReturningVisit: Sendable, Equatable {
    /// Seconds from the stream's start.
    public var time: Double
    /// Who the person is: the seed of the stream their traits were drawn from
    /// at their first arrival (so they have the same traits in every stream).
    public var identity: UInt64
    /// The channel row they first came through (its shifts made their traits).
    public var acquisitionRow: UInt16
    public var segment: UInt8
    /// The channel row this visit counts under: followers for the push, else
    /// the row they first came through (views and sales are attributed to
    /// the channel of a person's first entry).
    public var row: UInt16
    public var follower: Bool
    public var fanGroupMember: Bool
    public var perks: VisitPerks

    public init(time: Double, identity: UInt64, acquisitionRow: UInt16, segment: UInt8, row: UInt16,
                follower: Bool, fanGroupMember: Bool, perks: VisitPerks = VisitPerks()) {
        self.time = time; self.identity = identity; self.acquisitionRow = acquisitionRow; self.segment = segment
        self.row = row; self.follower = follower; self.fanGroupMember = fanGroupMember; self.perks = perks
    }
}

/// Benefits a known person brings to a visit: membership's discount and
/// purchase boost, a birthday gift's boost, a retargeting coupon, a reminder
/// for a product.
public struct VisitPerks: Sendable, Equatable {
    /// Share off every price (member level, paid membership).
    public var discountRate = 0.0
    /// Purchase log-odds added on every product (membership, birthday gift).
    public var purchaseLogitBoost = 0.0
    /// A coupon: yuan off one order reaching the threshold (0: none).
    public var couponValueYuan = 0.0
    public var couponThresholdYuan = 0.0
    /// The reminded product (index into the configuration's products), or −1.
    public var remindedProduct = -1
    public var reminderLogitBoost = 0.0

    public init() {}

    /// Whether the perks change any purchase decision.
    public var changesPurchases: Bool {
        discountRate > 0 || purchaseLogitBoost != 0 || couponValueYuan > 0 || remindedProduct >= 0
    }
}
