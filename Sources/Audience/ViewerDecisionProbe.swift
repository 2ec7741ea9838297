import SimCore

/// One viewer decision as a run makes it, for the benchmark package: a new
/// viewer (segment, uniformly, and traits from its own stream), its hazards
/// on a segment of the stream's profile (cycling through them), and its next
/// candidate drawn and decided (leave, interact, click or share). Not part of
/// the model's API.
@_spi(Benchmarks)
public struct ViewerDecisionProbe: Sendable {
    let model: BehaviourModel
    let profile: StreamProfile
    let segments: CategoricalDistribution
    let seed: UInt64
    var index: UInt64 = 0

    public init(simulation: Simulation, seed: UInt64) {
        model = simulation.model
        profile = StreamProfile(configuration: simulation.configuration, model: model)
        segments = CategoricalDistribution(weights: Array(repeating: 1, count: model.behaviour.segmentNames.count))!
        self.seed = seed
    }

    /// The next viewer's decision: 0 leave, 1 interact, 2 click, 3 share
    /// (−1: every hazard is 0), and the candidate's delay.
    public mutating func decide() -> (choice: Int, delay: Double) {
        var stream = AgentStream(seed: SplitMix64.combine(seed, index))
        index &+= 1
        let segment = segments.sample(using: &stream)
        let traits = model.drawTraits(segment: segment, intentShift: 0, trustShift: 0, using: &stream)
        let factors = model.factors(traits)
        let s = profile.segments[Int(index % UInt64(profile.segments.count))]
        let h = model.hazards(traits, factors, s)
        let total = h.total
        guard total > 0 else { return (-1, .infinity) }
        let delay = stream.exponential(mean: 1) / total
        let u = stream.uniform() * total
        let choice = u < Double(h.leave) ? 0
            : u < Double(h.leave) + Double(h.interact) ? 1
            : u < Double(h.leave) + Double(h.interact) + Double(h.click) ? 2 : 3
        return (choice, delay)
    }
}
