import CGSL

/// The space-filling start: the first points of GSL's Sobol sequence
/// (`gsl_qrng_sobol`; Halton beyond Sobol's 40 dimensions) in the unit cube.
/// Quasi-random points cover the box evenly at any count, unlike a grid
/// (which needs kᵈ points) or random points (which clump), so a few dozen
/// evaluations show where the objective is low. The sequence is fixed: the
/// same count gives the same points, on every run and every resume.
public enum SobolDesign {
    /// `count` points in [0, 1]^`dimension`, skipping the sequence's first
    /// point (the corner at 0, which says little).
    public static func points(count: Int, dimension: Int) -> [[Double]] {
        guard count > 0, dimension > 0 else { return [] }
        GSLSetup.ensureConfigured()
        let type = dimension <= 40 ? livesim_qrng_sobol() : livesim_qrng_halton()
        guard let generator = gsl_qrng_alloc(type, UInt32(dimension)) else { return [] }
        defer { gsl_qrng_free(generator) }
        var point = [Double](repeating: 0, count: dimension)
        var out: [[Double]] = []
        while out.count < count {
            _ = point.withUnsafeMutableBufferPointer { gsl_qrng_get(generator, $0.baseAddress) }
            if point.allSatisfy({ $0 == 0 }) { continue }
            out.append(point)
        }
        return out
    }
}
