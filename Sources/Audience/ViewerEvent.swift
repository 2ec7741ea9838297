/// One fact of a run (arrive, leave, interact, follow, share, click, order,
/// lost sale, return), as a trivially copyable struct with integer codes:
/// what the KPI recorder counts and what an ``EventSink`` receives. Strings (channel keys,
/// partner, segment and product names) are looked up in the configuration.
public struct ViewerEvent: Sendable, Equatable, BitwiseCopyable {
    public enum Kind: UInt8, Sendable, CaseIterable, BitwiseCopyable {
        case arrive, leave, interact, follow, share, click, order, `return`
        /// A decision to buy that found no stock: what the order would have
        /// been (product, offer, units, yuan). Not in the trace by default
        /// (``TraceWriter``'s `includeLostSales`).
        case lostSale

        /// The trace's `type` value.
        public var name: String {
            switch self {
            case .arrive: "arrive"
            case .leave: "leave"
            case .interact: "interact"
            case .follow: "follow"
            case .share: "share"
            case .click: "click"
            case .order: "order"
            case .return: "return"
            case .lostSale: "lostSale"
            }
        }
    }

    /// Seconds from the stream's start.
    public var time: Double
    public var kind: Kind
    /// Unique within the run, never reused; kept across re-entries.
    public var viewer: UInt32
    /// The viewer's channel of first entry.
    public var channel: ChannelKind
    /// Index into ``StreamConfiguration/channelRows`` (channel and partner).
    public var channelRow: UInt16
    /// Index into ``ViewerBehaviour/segmentNames``.
    public var segment: UInt8
    /// `arrive`: a returning viewer.
    public var reentry: Bool
    /// `interact`, `order`: the viewer's first of this kind in the run
    /// (so interacting viewers and buyers are counted without a lookup).
    public var isFirst: Bool
    /// `leave`: the stay was cut by the stream's end, not ended by the viewer.
    public var cutAtEnd: Bool
    /// `arrive`: the place in its channel row's own arrival stream — the key
    /// that matches a viewer across two scenarios under common random numbers.
    public var arrivalIndex: UInt32
    /// `click`, `order`, `lostSale`, `return`: index into the configuration's products, else −1.
    public var product: Int16
    /// `order`, `lostSale`, `return`: index of the offer (into
    /// ``StreamConfiguration/offerIDs``), −1 for list price.
    public var offer: Int16
    /// `order`, `lostSale`, `return`: units (bought, wanted, returned).
    public var units: Int32
    /// `order`, `lostSale`, `return`: the part of the purchase log-odds that
    /// persuasion brought (urgency, scarcity, a pending draw, the engagement
    /// of an interacting viewer), at least 0 (``PurchaseDecision``). In the
    /// padding after `units`: no bigger event.
    public var persuasionLogOdds: Float = 0
    /// `order`, `lostSale`, `return`: yuan.
    public var amountYuan: Double
    /// `leave`: time in room for this view.
    public var staySeconds: Double
    /// `leave`: featured windows this view was present in (product exposures).
    public var exposures: Int32
    /// `arrive`: the viewer's traits (``ViewerTraits/none`` on other events).
    public var traits: ViewerTraits
    /// `arrive`: the seed of the viewer's own stream — who the person is,
    /// across the streams of a season.
    public var identity: UInt64 = 0
    /// `arrive`: the viewer is a fan-group member.
    public var fanGroupMember = false
    /// `order`, `lostSale`: the offer whose gift came with it (an index into
    /// the configuration's offers), −1 for none. In the padding after
    /// `fanGroupMember`: no bigger event.
    public var giftOffer: Int16 = -1
    /// `order`: yuan a season's perks took off (member discount, coupon).
    public var perkDiscountYuan: Double = 0
    /// `order`: yuan of a retargeting coupon redeemed on it (0: none; part of `perkDiscountYuan`).
    public var couponYuan: Double = 0

    public init(time: Double, kind: Kind, viewer: UInt32, channel: ChannelKind, channelRow: UInt16, segment: UInt8,
                reentry: Bool = false, isFirst: Bool = false, cutAtEnd: Bool = false, arrivalIndex: UInt32 = 0, product: Int16 = -1, offer: Int16 = -1, units: Int32 = 0,
                amountYuan: Double = 0, staySeconds: Double = 0, exposures: Int32 = 0, traits: ViewerTraits = .none) {
        self.time = time
        self.kind = kind
        self.viewer = viewer
        self.channel = channel
        self.channelRow = channelRow
        self.segment = segment
        self.reentry = reentry
        self.isFirst = isFirst
        self.cutAtEnd = cutAtEnd
        self.arrivalIndex = arrivalIndex
        self.product = product
        self.offer = offer
        self.units = units
        self.amountYuan = amountYuan
        self.staySeconds = staySeconds
        self.exposures = exposures
        self.traits = traits
    }
}

/// Receives every event of a run, in time order (returns, after the stream,
/// come last). Generic, so a sink costs nothing when it does nothing.
public protocol EventSink {
    mutating func receive(_ event: ViewerEvent)
}

/// The sink that drops everything.
public struct NoSink: EventSink {
    public init() {}
    @inlinable public mutating func receive(_ event: ViewerEvent) {}
}

/// A sink that keeps every event in memory (fixtures, tests).
public struct EventCollector: EventSink {
    public private(set) var events: [ViewerEvent] = []
    public init() {}
    public mutating func receive(_ event: ViewerEvent) { events.append(event) }
}
