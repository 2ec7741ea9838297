import Audience

/// Everyone a season has seen, with what the season remembers of them: who
/// they are (their identity keys their traits in every stream), how they came
/// first, whether they follow, their membership, purchases and pending
/// retention actions. One 56-byte record per person, so millions fit.
///
/// The followers a stream's scenario starts with (`channels.followers.pool`)
/// are not listed until they first arrive: until then they are a count
/// (``dormantFollowers``), pushed through the followers channel as in a single
/// stream. Memory therefore follows the people seen, not the pool.
public struct Population: Sendable {
    public struct Flags: OptionSet, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// Follows the host (came as a follower, or followed in a stream).
        public static let follower = Flags(rawValue: 1 << 0)
        public static let fanGroupMember = Flags(rawValue: 1 << 1)
        public static let member = Flags(rawValue: 1 << 2)
        public static let paidMember = Flags(rawValue: 1 << 3)
        /// Stopped coming for good.
        public static let churned = Flags(rawValue: 1 << 4)
        /// Followed during the season (not one of the starting pool).
        public static let followedInSeason = Flags(rawValue: 1 << 5)
        /// Clicked a product in a stream without buying there.
        public static let clickedWithoutBuying = Flags(rawValue: 1 << 6)
        /// Bought in a stream after one in which they clicked without buying.
        public static let boughtLater = Flags(rawValue: 1 << 7)
    }

    public struct Person: Sendable {
        public var identity: UInt64
        /// Season GMV, net of returns.
        public var gmvYuan = 0.0
        public var points: Float = 0
        /// Season day of the first purchase, and of the first purchase in a
        /// later stream (NaN: none).
        public var firstPurchaseDay: Float = .nan
        public var repeatPurchaseDay: Float = .nan
        /// Day a repurchase reminder is due (NaN: none pending).
        public var reminderDay: Float = .nan
        /// Last day of a retargeting coupon (NaN: none).
        public var couponExpiryDay: Float = .nan
        public var orders: UInt32 = 0
        public var acquisitionRow: UInt16
        public var acquisitionStream: UInt16
        public var lastVisitStream: Int16 = -1
        public var lastClickStream: Int16 = -1
        public var lastOrderStream: Int16 = -1
        /// The product a reminder is about (−1: none).
        public var reminderProduct: Int16 = -1
        public var segment: UInt8
        public var flags: Flags = []
        /// Index of the membership level (meaningful for members).
        public var level: UInt8 = 0
    }

    public internal(set) var people: [Person] = []
    /// Followers of the starting pool not yet seen, and the fan-group members among them.
    public internal(set) var dormantFollowers: Double
    public internal(set) var dormantFanGroupMembers: Double

    init(followers: FollowersChannel?) {
        dormantFollowers = followers?.pool ?? 0
        dormantFanGroupMembers = min(followers?.fanGroupMembers ?? 0, dormantFollowers)
    }

    public var count: Int { people.count }

    /// Followers now: the dormant ones and every listed follower still coming.
    public var followers: Double {
        dormantFollowers + Double(people.reduce(0) { $0 + ($1.flags.contains(.follower) && !$1.flags.contains(.churned) ? 1 : 0) })
    }

    /// Members (paid or not) still coming.
    public var members: Int { people.reduce(0) { $0 + ($1.flags.contains(.member) && !$1.flags.contains(.churned) ? 1 : 0) } }
    public var paidMembers: Int { people.reduce(0) { $0 + ($1.flags.contains(.paidMember) && !$1.flags.contains(.churned) ? 1 : 0) } }
}
