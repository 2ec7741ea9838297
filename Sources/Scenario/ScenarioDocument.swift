import Audience

/// A scenario file's content, shaped as the YAML is (Docs/formats.md), after
/// `extends` and defaults are applied: run settings plus the model's
/// configuration.
public struct ScenarioDocument: Sendable, Equatable, Codable {
    /// Used in output folder names.
    public var name = "scenario"
    public var description = ""
    public var seed: UInt64 = 1
    public var replications = 1
    public var stream = StreamSettings()
    public var host = Host()
    public var viewers = ViewerBehaviour()
    public var channels = Channels()
    public var products: [Product] = []
    public var runOfShow: [FeaturedWindow] = []
    public var hostSchedule: [HostShift] = []
    public var guests: [Guest] = []
    public var events: [InteractiveEvent] = []
    public var streamQuality: StreamQuality?
    public var roomWeight: RoomWeightSettings?
    public var promotions: [PromotionPhase] = []
    public var trust: TrustSettings?
    public var checkout: CheckoutSettings?
    public var returns: ReturnSettings?
    /// Stream-to-stream variation (nil: off).
    public var variation: StreamVariation?
    /// A season: this stream run on a calendar over one population (nil: one stream).
    public var season: SeasonSettings?

    public init() {}

    /// `stream:` — the stream's length and tick.
    public struct StreamSettings: Sendable, Equatable, Codable {
        public var durationMinutes = 180.0
        public var tickSeconds = 60.0
        public init() {}
    }

    /// The model's configuration.
    public var configuration: StreamConfiguration {
        var c = StreamConfiguration()
        c.name = name
        c.durationMinutes = stream.durationMinutes
        c.tickSeconds = stream.tickSeconds
        c.host = host
        c.viewers = viewers
        c.channels = channels
        c.products = products
        c.runOfShow = runOfShow
        c.hostSchedule = hostSchedule
        c.guests = guests
        c.events = events
        c.streamQuality = streamQuality
        c.roomWeight = roomWeight
        c.promotions = promotions
        c.trust = trust
        c.checkout = checkout
        c.returns = returns
        c.variation = variation
        return c
    }
}
