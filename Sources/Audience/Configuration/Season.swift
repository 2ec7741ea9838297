/// A season (Docs/model.md): a calendar of streams over one persistent
/// population, so that what happens in one stream changes the next — follows
/// feed the followers push, buyers become members, clickers get coupons.
/// Each mechanism is an optional section: absent, it is off and costs nothing.
public struct SeasonSettings: Sendable, Equatable, Codable {
    /// Streams in the season (1: a single stream, exactly as `run` without a season).
    public var streams = 30
    /// Days from one stream's start to the next.
    public var everyDays = 1.0
    public var population = PopulationSettings()
    /// Follows made in a stream join the next stream's followers push.
    public var followsJoinFollowers = true
    public var fanGroups: FanGroupSettings?
    public var membership: MembershipSettings?
    public var retargetingCoupons: CouponSettings?
    public var repurchaseReminders: ReminderSettings?
    public var birthdayGifts: BirthdayGiftSettings?

    public init() {}

    /// Season day on which stream `k` (from 0) starts.
    public func day(ofStream k: Int) -> Double { Double(k) * everyDays }
}

/// Who comes back by themselves, and who stops coming.
public struct PopulationSettings: Sendable, Equatable, Codable {
    /// Chance per stream that a past viewer who does not follow comes back unprompted.
    public var organicReturnProbability = 0.01
    /// Chance per stream that a person stops coming for good (churn).
    public var churnPerStream = 0.02
    /// Churn per stream by segment (segments not named use `churnPerStream`).
    public var churnBySegment: [String: Double] = [:]
    /// Mean minutes from a stream's start to a returning person's arrival.
    public var meanReturnDelayMinutes = 10.0
    public init() {}
}

/// Fan groups (粉丝群, private domain): followers who join open the push at
/// the followers channel's `fanGroupOpenRate` instead of `openRate`.
public struct FanGroupSettings: Sendable, Equatable, Codable {
    /// Chance that a follow made in a stream comes with joining the fan group.
    public var joinProbabilityOnFollow = 0.25
    /// Chance that a buyer who follows joins the fan group.
    public var joinProbabilityOnOrder = 0.2
    public init() {}
}

/// Membership (会员): buyers join and earn points per yuan; levels by points
/// give discounts, a higher chance to buy and to come back, and less churn.
/// Paid membership (付费会员) is offered to buyers for a fee.
public struct MembershipSettings: Sendable, Equatable, Codable {
    public var pointsPerYuan = 1.0
    /// From the lowest level (a buyer's first) up; `minimumPoints` increasing.
    public var levels: [MemberLevel] = [
        MemberLevel(name: "member", minimumPoints: 0, discountRate: 0, purchaseLogitBoost: 0.2, returnMultiplier: 1.5),
        MemberLevel(name: "silver", minimumPoints: 500, discountRate: 0.03, purchaseLogitBoost: 0.3, returnMultiplier: 2),
        MemberLevel(name: "gold", minimumPoints: 2_000, discountRate: 0.05, purchaseLogitBoost: 0.4, returnMultiplier: 2.5),
    ]
    /// Members' churn is multiplied by this.
    public var churnMultiplier = 0.5
    /// Chance that a buyer who is not a paid member takes the paid offer.
    public var paidJoinProbability = 0.03
    public var paidFeeYuan = 88.0
    /// Paid members' benefits, on top of their level's.
    public var paidDiscountRate = 0.05
    public var paidPurchaseLogitBoost = 0.3
    public var paidReturnMultiplier = 1.5
    public init() {}
}

public struct MemberLevel: Sendable, Equatable, Codable {
    public var name: String
    public var minimumPoints: Double
    /// Share off every price (a cost of retention).
    public var discountRate = 0.0
    public var purchaseLogitBoost = 0.0
    /// Multiplies the chance to come back to a stream.
    public var returnMultiplier = 1.0
    public init(name: String, minimumPoints: Double, discountRate: Double = 0, purchaseLogitBoost: Double = 0, returnMultiplier: Double = 1) {
        self.name = name; self.minimumPoints = minimumPoints; self.discountRate = discountRate
        self.purchaseLogitBoost = purchaseLogitBoost; self.returnMultiplier = returnMultiplier
    }
}

/// Retargeting (数据驱动的关怀): a coupon to every viewer who clicked a product
/// but did not buy, valid for some days; it may bring them back, and it cuts
/// the price of one order.
public struct CouponSettings: Sendable, Equatable, Codable {
    public var valueYuan = 20.0
    /// The order must reach this amount (0: no threshold).
    public var thresholdYuan = 0.0
    public var validDays = 7.0
    /// Chance per stream that a valid coupon brings its holder back.
    public var openProbability = 0.2
    /// Cost of sending one coupon (message, push).
    public var messageCostYuan = 0.05
    public init() {}
}

/// Repurchase reminders on each product's consumption cycle
/// (`products[].consumptionCycleDays`): once per purchase, when the cycle has
/// passed, a message that may bring the buyer back, keener on that product.
public struct ReminderSettings: Sendable, Equatable, Codable {
    public var openProbability = 0.3
    /// Purchase log-odds added on the reminded product.
    public var purchaseLogitBoost = 0.5
    public var messageCostYuan = 0.05
    public init() {}
}

/// Birthday / anniversary gifts to members (to buyers without membership):
/// the gift arrives before the stream that follows the birthday.
public struct BirthdayGiftSettings: Sendable, Equatable, Codable {
    public var giftCostYuan = 10.0
    public var openProbability = 0.3
    public var purchaseLogitBoost = 0.3
    public init() {}
}

extension StreamConfiguration {
    /// This stream as a season runs it: with a followers channel (with no
    /// pool when the scenario has none: the season's follows feed it).
    public var asSeasonStream: StreamConfiguration {
        var c = self
        if c.channels.followers == nil {
            var none = FollowersChannel()
            none.pool = 0
            none.fanGroupMembers = 0
            c.channels.followers = none
        }
        return c
    }
}

extension SeasonSettings {
    /// Largest accepted season, in streams.
    public static let maximumStreams = 1_000

    /// Every problem of these settings for a season of `stream` (paths under
    /// `season.`); empty when it can run.
    public func validate(stream: StreamConfiguration) -> [ConfigurationIssue] {
        var v = Validator(duration: stream.durationMinutes)
        v.fields(self, at: "season")
        if everyDays * 1_440 < stream.durationMinutes && !v.hasIssue(at: "season.everyDays") {
            v.fail("season.everyDays", fmt(everyDays), "at least the stream's length (\(fmt(stream.durationMinutes)) minutes): streams may not overlap")
        }
        let p = population
        v.fields(p, at: "season.population")
        let names = Set(stream.viewers.segmentNames)
        for (name, x) in p.churnBySegment.sorted(by: { $0.key < $1.key }) {
            if !names.contains(name) {
                v.fail("season.population.churnBySegment.\(name)", name, "a segment name (\(names.sorted().joined(separator: ", ")))")
            }
            v.check("season.population.churnBySegment.\(name)", x, PopulationSettings.segmentChurnRange)
        }
        if let f = fanGroups { v.fields(f, at: "season.fanGroups") }
        if let m = membership {
            v.fields(m, at: "season.membership")
            if m.levels.isEmpty { v.fail("season.membership.levels", "empty", "at least one level") }
            for (i, level) in m.levels.enumerated() {
                let path = "season.membership.levels[\(i)]"
                if level.name.isEmpty { v.fail("\(path).name", "empty", "a name") }
                v.fields(level, at: path)
                if i == 0 && level.minimumPoints != 0 { v.fail("\(path).minimumPoints", fmt(level.minimumPoints), "0 for the first level (a buyer's first)") }
                if i > 0 && !(level.minimumPoints > m.levels[i - 1].minimumPoints) {
                    v.fail("\(path).minimumPoints", fmt(level.minimumPoints), "more than the level before (\(fmt(m.levels[i - 1].minimumPoints)))")
                }
            }
            if m.levels.count > 255 { v.fail("season.membership.levels", "\(m.levels.count) levels", "at most 255 levels") }
            if let top = m.levels.map(\.discountRate).max(), top + m.paidDiscountRate > 0.9 {
                v.fail("season.membership.paidDiscountRate", fmt(m.paidDiscountRate), "a total discount (level + paid) of at most 0.9")
            }
        }
        if let c = retargetingCoupons { v.fields(c, at: "season.retargetingCoupons") }
        if let r = repurchaseReminders { v.fields(r, at: "season.repurchaseReminders") }
        if let b = birthdayGifts { v.fields(b, at: "season.birthdayGifts") }
        return v.issues
    }
}
