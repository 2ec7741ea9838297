/// Another host for a window (a host switch, 换主播): the attributes of
/// ``Host`` apply in `[fromMinute, toMinute)` instead of the main host's.
public struct HostShift: Sendable, Equatable, Codable {
    public var name = "Second host"
    public var fromMinute = 0.0
    public var toMinute = 0.0
    public var professionalism = 0.5
    public var charisma = 0.5
    public var responsiveness = 0.5
    public var sincerity = 0.5
    public init() {}

    var host: Host { Host(name: name, professionalism: professionalism, charisma: charisma, responsiveness: responsiveness, sincerity: sincerity) }
}

/// A guest for a window (brand founder, expert): raises the content value,
/// so viewers stay longer, and may lend trust to purchases.
public struct Guest: Sendable, Equatable, Codable {
    public var name = "Guest"
    public var fromMinute = 0.0
    public var toMinute = 0.0
    /// Added to the content value (1 without guests) while the guest is on.
    public var contentBoost = 0.2
    /// Purchase log-odds added while the guest is on (a founder vouching for the product).
    public var trustBoost = 0.0
    /// Appearance fee; part of `costYuan`.
    public var feeYuan = 0.0
    public init() {}
}

/// An interactive event (Docs/model.md): a draw announced ahead (lottery 抽奖,
/// lucky bag 福袋, quiz free-order 答题免单) or a scenario demonstration
/// (场景化演绎) over a window.
///
/// Between announcement and draw the announced reward is a *pending
/// incentive*: it lowers the leave hazard of viewers who want it (bargain
/// hunters and urgency-driven viewers most), so concurrency builds until the
/// draw and falls after it. While a draw is pending, interaction rises (more
/// with a comment requirement), follows rise if it requires a follow, and
/// purchases rise a little (lucky draws raise sales while they run: Zhang et
/// al., Production and Operations Management, 2024).
public struct InteractiveEvent: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable { case lottery, luckyBag, quiz, demonstration }

    public var type: Kind
    public var name = ""
    /// Draws: when the reward is announced (default: 10 minutes before the draw).
    public var announceMinute: Double?
    /// Draws: when winners are drawn.
    public var drawMinute: Double?
    /// Demonstration: its window.
    public var fromMinute: Double?
    public var toMinute: Double?
    /// Draws: number of winners; each prize costs `prizeValueYuan`.
    public var winners = 1
    public var prizeValueYuan = 0.0
    /// Draws: viewers must follow to take part (more follows).
    public var requiresFollow = false
    /// Draws: viewers must comment to take part (more interaction).
    public var requiresComment = false
    /// Strength of the pending incentive; nil: 1.0 for a lucky bag, 0.8 for a
    /// lottery, 0.6 for a quiz (whose value latency lowers), 0 for a demonstration.
    public var incentive: Double?
    /// Demonstration: interest added (logit-free, on the 0–1 scale) for the
    /// featured product while it runs, and to the content value.
    public var interestBoost = 0.15
    /// Demonstration: only products of this category (nil: any).
    public var category: String?
    /// Fixed cost (production, props); part of `costYuan`.
    public var costYuan = 0.0

    public init(type: Kind) { self.type = type }

    /// The pending incentive's strength before latency.
    public var effectiveIncentive: Double {
        incentive ?? (type == .luckyBag ? 1.0 : type == .lottery ? 0.8 : type == .quiz ? 0.6 : 0)
    }

    /// `[announce, draw)` for draws, `[from, to)` for a demonstration, in minutes.
    public var window: (from: Double, to: Double) {
        switch type {
        case .demonstration: (fromMinute ?? 0, toMinute ?? 0)
        default: (announceMinute ?? ((drawMinute ?? 0) - 10), drawMinute ?? 0)
        }
    }

    /// Prizes plus fixed cost.
    public var totalCostYuan: Double { (type == .demonstration ? 0 : Double(winners) * prizeValueYuan) + costYuan }
}

/// Real-time delivery (Docs/model.md). Stalls freeze the broadcast for
/// everyone (the uplink); rebuffering is each viewer's own network; start-up
/// delay makes some arrivals abandon before the picture starts; latency
/// lowers the value of quizzes (and flash sales).
public struct StreamQuality: Sendable, Equatable, Codable {
    /// Stall incidents per hour (Poisson), drawn at the stream's start.
    public var stallsPerHour = 0.0
    /// Mean stall duration (exponential).
    public var stallSeconds = 3.0
    /// Mean share of each viewer's watch time spent rebuffering (exponential across viewers).
    public var rebufferRatio = 0.0
    public var startupDelaySeconds = 0.0
    /// Glass-to-glass latency.
    public var latencySeconds = 0.0
    /// Leave multiplier per unit rebuffer ratio: 1 + slope · ratio. 5.26
    /// makes 1% rebuffering cost about 5% of watch time (Krishnan &
    /// Sitaraman, IMC 2012: 5.02% per 1%).
    public var rebufferLeaveSlope = 5.26
    /// Share of arrivals who abandon per second of start-up delay beyond the
    /// grace period (Krishnan & Sitaraman, IMC 2012: 5.8%).
    public var abandonmentPerSecond = 0.058
    public var startupGraceSeconds = 2.0
    /// Leave hazard × exp(this) while the broadcast is stalled.
    public var stallLeaveEffect = 1.5
    /// A quiz's incentive × exp(−latency / this).
    public var latencyScaleSeconds = 5.0
    public init() {}

    /// Probability that an arrival abandons during start-up.
    public var abandonmentProbability: Double {
        min(1, max(0, (startupDelaySeconds - startupGraceSeconds) * abandonmentPerSecond))
    }
}

/// Room weight (直播间权重, Docs/model.md): every tick the room's recent
/// engagement — interactions per viewer-minute, orders per viewer-minute,
/// average stay of recent leavers, share of leavers who stayed 30 s (the
/// entry→stay ratio) — relative to what the *reference room* shows (a typical
/// room of the category, the `reference…` fields), is folded into an
/// exponentially weighted weight (1 = the reference room). The feed brings
/// `clamp((weight)^elasticity)` times its arrivals, with the elasticity of
/// `channels.feed.roomWeightElasticity`: a room at reference engagement gets
/// multiplier 1, a hotter room more, a colder room less.
public struct RoomWeightSettings: Sendable, Equatable, Codable {
    /// Share of the new score in each tick's update.
    public var smoothing = 0.3
    public var minimumMultiplier = 0.5
    public var maximumMultiplier = 2.0
    /// Weights of the four signals in the score's geometric mean (normalised).
    public var interactionWeight = 0.3
    public var orderWeight = 0.3
    public var stayWeight = 0.2
    public var entryStayWeight = 0.2
    // The reference room: what a typical room of the category shows (the
    // platform compares a room with rooms like it). Defaults: the shipped
    // baseline's stream averages, measured and rounded (Docs/model.md).
    /// Interactions (comments, likes) per viewer-minute.
    public var referenceInteractionsPerViewerMinute = 0.66
    /// Orders per viewer-minute.
    public var referenceOrdersPerViewerMinute = 0.0027
    /// Average stay of the viewers who leave, in seconds.
    public var referenceStaySeconds = 155.0
    /// Share of leavers who stayed at least 30 s (the entry→stay ratio).
    public var referenceEntryStayShare = 0.79
    public init() {}
}
