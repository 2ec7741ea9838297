import CGSL
import SimCore
import Testing

@Suite struct RandomStreamTests {
    @Test func seedsTwoToTheThirtyTwoApartGiveDifferentStreams() {
        // GSL's own generators keep 32 bits of a seed; these keep all 64.
        for s: UInt64 in [0, 1, 7, 123_456_789] {
            var a = RandomStream(seed: s), b = RandomStream(seed: s &+ (1 << 32))
            let xa = (0..<4).map { _ in a.nextUInt64() }, xb = (0..<4).map { _ in b.nextUInt64() }
            #expect(xa != xb, "seed \(s)")
            var c = RandomStream(masterSeed: s, replication: 0, stream: 0)
            var d = RandomStream(masterSeed: s &+ (1 << 32), replication: 0, stream: 0)
            #expect(c.nextUInt64() != d.nextUInt64(), "master seed \(s)")
        }
    }

    @Test func sameKeysGiveTheSameStream() {
        var a = RandomStream(masterSeed: 42, replication: 3, stream: 9)
        var b = RandomStream(masterSeed: 42, replication: 3, stream: 9)
        #expect((0..<100).map { _ in a.nextUInt64() } == (0..<100).map { _ in b.nextUInt64() })
    }

    @Test func everyKeyChangesTheStream() {
        let base = RandomStream.seed(masterSeed: 1, replication: 2, stream: 3)
        #expect(base != RandomStream.seed(masterSeed: 2, replication: 2, stream: 3))
        #expect(base != RandomStream.seed(masterSeed: 1, replication: 3, stream: 3))
        #expect(base != RandomStream.seed(masterSeed: 1, replication: 2, stream: 4))
        // The keys are not symmetric: swapping replication and stream differs.
        #expect(base != RandomStream.seed(masterSeed: 1, replication: 3, stream: 2))
    }

    @Test func gslSamplersDrawFromTheStream() {
        var stream = RandomStream(seed: 5)
        var copy = stream
        let viaGSL = stream.withGSLGenerator { gsl_rng_uniform($0) }
        #expect(viaGSL == copy.uniform())
        #expect(stream == copy, "the GSL view must advance the stream's own state")
        let name = stream.withGSLGenerator { String(cString: gsl_rng_name($0)) }
        #expect(name == "xoshiro256**")
    }

    @Test func keyedSubstreamsDependOnlyOnTheirKeys() {
        var first = RandomStream(seed: 99, key: 7)
        var neighbour = RandomStream(seed: 99, key: 6)
        _ = neighbour.nextUInt64()
        var again = RandomStream(seed: 99, key: 7)
        #expect(first.nextUInt64() == again.nextUInt64())
        let other = RandomStream(seed: 99, key: 8)
        #expect(RandomStream(seed: 99, key: 7) != other)
    }

    @Test func uniformsAreUniformOnTheOpenInterval() {
        let xs = draws(50_000, seed: 11) { $0.uniform() }
        #expect(xs.allSatisfy { $0 > 0 && $0 < 1 })
        // KS against U(0, 1); a fixed seed, rejected only at p < 0.001.
        let ks = GoodnessOfFit.kolmogorovSmirnov(xs) { $0 }
        #expect(ks.pValue > 0.001, "D = \(ks.statistic), p = \(ks.pValue)")
        // Mean within 4 standard errors of 1/2 (sd of U(0,1) is 1/√12).
        let m = moments(xs).mean
        #expect(abs(m - 0.5) < 4 * (1 / 12.0).squareRoot() / Double(xs.count).squareRoot(), "mean \(m)")
    }
}
