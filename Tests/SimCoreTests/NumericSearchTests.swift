import SimCore
import Testing

/// The search building blocks the calibration and the optimiser share, on
/// problems whose answers are known by hand.
@Suite struct NumericSearchTests {
    @Test func sobolPointsFillTheCubeAndRepeat() {
        let points = SobolDesign.points(count: 64, dimension: 3)
        #expect(points.count == 64)
        #expect(points.allSatisfy { $0.count == 3 && $0.allSatisfy { (0...1).contains($0) } })
        #expect(Set(points.map { $0.map(\.bitPattern) }).count == 64)
        #expect(SobolDesign.points(count: 64, dimension: 3) == points)
        // Balanced (a Sobol property of the first 2^k points; one is skipped): about half in each half of every axis.
        for axis in 0..<3 { #expect((31...33).contains(points.filter { $0[axis] < 0.5 }.count)) }
    }

    @Test func nelderMeadFindsAQuadraticMinimumAndStopsWhenTold() throws {
        let result = try NelderMead.minimize(start: [0, 0], step: 0.5, tolerance: 1e-6) { x in
            (x[0] - 1) * (x[0] - 1) + 10 * (x[1] + 0.5) * (x[1] + 0.5)
        }
        let r = try #require(result)
        #expect(r.converged)
        #expect(abs(r.point[0] - 1) < 1e-3 && abs(r.point[1] + 0.5) < 1e-3)
        var calls = 0
        let limited = try NelderMead.minimize(start: [0, 0], step: 0.5, tolerance: 1e-9) { x in
            calls += 1
            return calls > 7 ? nil : x[0] * x[0] + x[1] * x[1]
        }
        #expect(calls == 8)
        #expect(limited?.converged == false)
    }
}
