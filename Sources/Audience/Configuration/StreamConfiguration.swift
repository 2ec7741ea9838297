/// Everything one simulated stream needs: plain values, with the defaults of
/// Docs/model.md, so `StreamConfiguration()` is a valid (if empty) stream.
///
/// An absent channel brings nobody; an absent product list means nothing is
/// sold. The scenario layer maps YAML onto this type one key to one field.
public struct StreamConfiguration: Sendable, Equatable, Codable {
    /// Used in output folder names.
    public var name = "stream"
    /// Stream length; the run covers [0, durationMinutes · 60) seconds.
    public var durationMinutes = 180.0
    /// Period of the stream-wide tick (room weight, time series).
    public var tickSeconds = 60.0
    public var host = Host()
    public var viewers = ViewerBehaviour()
    public var channels = Channels()
    public var products: [Product] = []
    /// Which product is featured (讲解) when; windows may not overlap.
    public var runOfShow: [FeaturedWindow] = []
    /// Other hosts for windows (non-overlapping).
    public var hostSchedule: [HostShift] = []
    public var guests: [Guest] = []
    public var events: [InteractiveEvent] = []
    /// Nil: perfect delivery.
    public var streamQuality: StreamQuality?
    /// Nil: no platform feedback (the feed's multiplier stays 1).
    public var roomWeight: RoomWeightSettings?
    /// Promotion phases with their offers; outside them products sell at their selling price.
    public var promotions: [PromotionPhase] = []
    /// Nil: no endorsements.
    public var trust: TrustSettings?
    /// Nil: every decided buyer pays.
    public var checkout: CheckoutSettings?
    /// Nil: nothing is returned.
    public var returns: ReturnSettings?
    /// Nil: every stream is the configured day (no stream-to-stream variation).
    public var variation: StreamVariation?

    public init() {}

    /// The run's end, in seconds.
    public var durationSeconds: Double { durationMinutes * 60 }
}

/// The host (主播): four attributes in 0–1. 0.5 is the reference host.
public struct Host: Sendable, Equatable, Codable {
    public var name = "Host"
    /// Product knowledge: raises product clicks.
    public var professionalism = 0.5
    /// Raises interaction.
    public var charisma = 0.5
    /// Answers comments: raises interaction.
    public var responsiveness = 0.5
    /// Raises trust, hence purchase.
    public var sincerity = 0.5

    public init() {}

    public init(name: String = "Host", professionalism: Double, charisma: Double, responsiveness: Double, sincerity: Double) {
        self.name = name
        self.professionalism = professionalism
        self.charisma = charisma
        self.responsiveness = responsiveness
        self.sincerity = sincerity
    }

    /// `hostQuality`: the weighted mean of the four attributes.
    public func quality(weights w: HostQualityWeights) -> Double {
        let total = w.professionalism + w.charisma + w.responsiveness + w.sincerity
        guard total > 0 else { return 0.5 }
        return (w.professionalism * professionalism + w.charisma * charisma
                + w.responsiveness * responsiveness + w.sincerity * sincerity) / total
    }
}

/// Weights of the host attributes in `hostQuality` (normalised by their sum).
/// Defaults weigh what the viewer sees most — knowledge and charisma — highest.
public struct HostQualityWeights: Sendable, Equatable, Codable {
    public var professionalism = 0.3
    public var charisma = 0.3
    public var responsiveness = 0.2
    public var sincerity = 0.2
    public init() {}
}
