/// Day-level variation (Docs/model.md, "Stream-to-stream variation"): real
/// rooms differ from one stream to the next — traffic allocation, competing
/// rooms, the audience's mood — by tens of percent. Each stream draws one
/// traffic multiplier, one conversion shift and one stay multiplier, shared
/// by everyone in it, so replications read as days. A zero sd switches its
/// draw off; an absent section (nil in ``StreamConfiguration``) switches all
/// three off.
public struct StreamVariation: Sendable, Equatable, Codable {
    /// Sd of log(traffic multiplier): one multiplier on every channel's
    /// arrival rate (and burst size) that stream; median 1.
    public var trafficSd = 0.0
    /// Sd of the shift added to every purchase decision's log-odds that stream; mean 0.
    public var conversionSd = 0.0
    /// Sd of log(stay multiplier): one multiplier on every leave hazard that
    /// stream (above 1: shorter stays); median 1.
    public var staySd = 0.0

    public init() {}

    public init(trafficSd: Double = 0, conversionSd: Double = 0, staySd: Double = 0) {
        self.trafficSd = trafficSd
        self.conversionSd = conversionSd
        self.staySd = staySd
    }
}
