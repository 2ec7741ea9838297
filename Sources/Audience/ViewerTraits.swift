/// One viewer's traits (Docs/model.md), each in (0, 1) except the
/// willingness-to-pay multiplier, which is positive with mean near the
/// segment's value.
///
/// Single precision: a trait is a draw, not an amount, and millions of viewers
/// present at once must fit in memory (a viewer record is two cache lines).
public struct ViewerTraits: Sendable, Equatable, BitwiseCopyable {
    public var interest: Float
    public var priceSensitivity: Float
    public var willingnessToPay: Float
    public var trust: Float
    public var patience: Float
    public var sociability: Float
    public var urgencyResponse: Float

    /// All zero: the traits field of events other than `arrive`.
    public static let none = ViewerTraits(interest: 0, priceSensitivity: 0, willingnessToPay: 0, trust: 0,
                                          patience: 0, sociability: 0, urgencyResponse: 0)

    public init(interest: Float, priceSensitivity: Float, willingnessToPay: Float, trust: Float,
                patience: Float, sociability: Float, urgencyResponse: Float) {
        self.interest = interest
        self.priceSensitivity = priceSensitivity
        self.willingnessToPay = willingnessToPay
        self.trust = trust
        self.patience = patience
        self.sociability = sociability
        self.urgencyResponse = urgencyResponse
    }
}
