@testable import Audience
import SimCore
import Testing

/// Trait draws keep every viewer's stream aligned: they come from a stream of
/// their own, and the no-spread shortcut gives exactly the drawn traits.
@Suite struct TraitDrawTests {
    func model(spread: Double, wtpVariation: Double) -> BehaviourModel {
        var c = Fixtures.mixedStream()
        c.viewers.traitSpread = spread
        c.viewers.willingnessToPayVariation = wtpVariation
        return BehaviourModel(configuration: c)
    }

    /// Traits come from a stream of their own: whether they are drawn (a
    /// spread, however small) or fixed (none), every viewer then behaves from
    /// the same draws, so the runs match event for event (times to rounding).
    @Test func drawnOrFixedTraitsLeaveBehaviourDrawsAligned() throws {
        func events(spread: Double) throws -> [ViewerEvent] {
            var c = Fixtures.mixedStream()
            c.viewers.traitSpread = spread
            c.viewers.willingnessToPayVariation = 0
            var sink = EventCollector()
            _ = try Simulation(configuration: c).run(seed: 4, replication: 0, sink: &sink)
            return Array(sink.events.prefix(2_000))
        }
        let fixed = try events(spread: 0), drawn = try events(spread: 1e-12)
        #expect(fixed.count == 2_000)
        for (a, b) in zip(fixed, drawn) {
            #expect(a.kind == b.kind && a.viewer == b.viewer && abs(a.time - b.time) <= 1e-6 * max(1, a.time))
        }
        // A real spread moves them (the check above could fail).
        let spread = try events(spread: 0.8)
        #expect(zip(fixed, spread).contains { $0.kind != $1.kind || $0.viewer != $1.viewer || $0.time != $1.time })
    }

    @Test func fixedTraitsEqualDrawnTraitsWithoutSpread() {
        let m = model(spread: 0, wtpVariation: 0)
        #expect(m.traitsAreFixed)
        #expect(!model(spread: 0.1, wtpVariation: 0).traitsAreFixed && !model(spread: 0, wtpVariation: 0.1).traitsAreFixed)
        for segment in m.segmentLogits.indices {
            let fixed = m.fixedTraits(segment: segment, intentShift: 0.4, trustShift: 0.1)
            for seed in 0..<50 as Range<UInt64> {
                var stream = RandomStream(seed: seed)
                #expect(m.drawTraits(segment: segment, intentShift: 0.4, trustShift: 0.1, using: &stream) == fixed)
            }
        }
    }

    /// Memory follows viewers present: the record is two cache lines, and
    /// the pool puts it on a line boundary.
    @Test func viewerRecordIsTwoCacheLines() {
        #expect(MemoryLayout<Viewer>.stride == 128)
        #expect(MemoryLayout<Viewer>.offset(of: \Viewer.poolGeneration)! + 4 <= 64, "the event's fields fit the first line")
    }
}
