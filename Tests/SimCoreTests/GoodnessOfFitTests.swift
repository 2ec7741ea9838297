import SimCore
import Testing

@Suite struct GoodnessOfFitTests {
    @Test func kolmogorovSurvivalAtKnownCriticalValues() {
        // Q_KS(1.3581) = 0.05 and Q_KS(1.6276) = 0.01 (standard tables).
        #expect(abs(GoodnessOfFit.kolmogorovSurvival(1.3581) - 0.05) < 1e-4)
        #expect(abs(GoodnessOfFit.kolmogorovSurvival(1.6276) - 0.01) < 1e-4)
        #expect(GoodnessOfFit.kolmogorovSurvival(0.1) == 1)
    }

    @Test func ksRejectsAWrongDistribution() {
        let xs = draws(5_000, seed: 1) { $0.exponential(mean: 1) }
        #expect(GoodnessOfFit.kolmogorovSmirnov(xs) { min(1, $0 / 5) }.pValue < 1e-6)
    }

    @Test func chiSquarePoolsSmallBinsAndDetectsMisfit() {
        let fit = GoodnessOfFit.chiSquare(observed: [10, 20, 30, 1], expected: [10, 20, 30, 1])
        #expect(fit.statistic == 0 && fit.degreesOfFreedom == 2 && fit.pValue == 1)
        let misfit = GoodnessOfFit.chiSquare(observed: [50, 10], expected: [30, 30])
        #expect(misfit.pValue < 1e-6)
    }
}
