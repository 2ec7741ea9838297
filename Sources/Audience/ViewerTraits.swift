/// One viewer's traits (MODEL.md §3), each in (0, 1) except the
/// willingness-to-pay multiplier, which is positive with mean near the
/// segment's value.
public struct ViewerTraits: Sendable, Equatable, BitwiseCopyable {
    public var interest: Double
    public var priceSensitivity: Double
    public var willingnessToPay: Double
    public var trust: Double
    public var patience: Double
    public var sociability: Double
    public var urgencyResponse: Double

    public init(interest: Double, priceSensitivity: Double, willingnessToPay: Double, trust: Double,
                patience: Double, sociability: Double, urgencyResponse: Double) {
        self.interest = interest
        self.priceSensitivity = priceSensitivity
        self.willingnessToPay = willingnessToPay
        self.trust = trust
        self.patience = patience
        self.sociability = sociability
        self.urgencyResponse = urgencyResponse
    }
}
