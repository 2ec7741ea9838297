@testable import Audience
import SimCore
import Testing

/// Trait draws keep every viewer's stream aligned: always the same number of
/// uniforms, and the no-spread shortcut gives exactly the drawn traits.
@Suite struct TraitDrawTests {
    func model(spread: Double, wtpVariation: Double) -> BehaviourModel {
        var c = Fixtures.mixedStream()
        c.viewers.traitSpread = spread
        c.viewers.willingnessToPayVariation = wtpVariation
        return BehaviourModel(configuration: c)
    }

    @Test(arguments: [(0.0, 0.0), (0.8, 0.3), (0.0, 0.3), (0.8, 0.0)])
    func drawTraitsConsumesTheDeclaredNumberOfUniforms(spread: Double, wtpVariation: Double) {
        let m = model(spread: spread, wtpVariation: wtpVariation)
        for seed in 0..<20 as Range<UInt64> {
            var drawn = RandomStream(seed: seed), skipped = RandomStream(seed: seed)
            _ = m.drawTraits(segment: Int(seed) % m.segmentLogits.count, intentShift: 0.3, trustShift: -0.2, using: &drawn)
            skipped.skip(BehaviourModel.traitDraws)
            #expect(drawn == skipped)
        }
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
