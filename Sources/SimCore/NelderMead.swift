import CGSL

/// Local refinement with GSL's Nelder–Mead simplex (`gsl_multimin_fminimizer_nmsimplex2`):
/// no derivatives, which a simulated objective does not have, and robust to
/// the small ripples that a finite number of replications leaves in it. The
/// calibration's search and profiles and the optimiser's refinement use it.
public enum NelderMead {
    /// What a minimisation found: the best point it evaluated and its value.
    public struct Result: Sendable {
        public var point: [Double]
        public var value: Double
        public var iterations: Int
        /// It stopped because the simplex shrank below the tolerance (not for lack of budget).
        public var converged: Bool
    }

    /// Minimises `f` from `start` with initial steps `step` until the
    /// simplex's size falls below `tolerance`, `maxIterations` pass, or `f`
    /// returns nil (the budget is spent). Errors thrown by `f` end the
    /// minimisation and are rethrown.
    public static func minimize(start: [Double], step: Double, tolerance: Double, maxIterations: Int = 10_000,
                         _ f: @escaping ([Double]) throws -> Double?) throws -> Result? {
        let n = start.count
        guard n > 0 else { return nil }
        GSLSetup.ensureConfigured()
        final class Context {
            let f: ([Double]) throws -> Double?
            var best: (point: [Double], value: Double)?
            var exhausted = false
            var error: Error?
            init(_ f: @escaping ([Double]) throws -> Double?) { self.f = f }
        }
        let context = Context(f)
        let callback: @convention(c) (UnsafePointer<gsl_vector>?, UnsafeMutableRawPointer?) -> Double = { x, parameters in
            let context = Unmanaged<Context>.fromOpaque(parameters!).takeUnretainedValue()
            guard !context.exhausted, context.error == nil, let x else { return 1e300 }
            let point = (0..<Int(x.pointee.size)).map { gsl_vector_get(x, $0) }
            do {
                guard let value = try context.f(point) else {
                    context.exhausted = true
                    return 1e300
                }
                if context.best == nil || value < context.best!.value { context.best = (point, value) }
                return value.isFinite ? value : 1e300
            } catch {
                context.error = error
                return 1e300
            }
        }
        guard let minimizer = gsl_multimin_fminimizer_alloc(livesim_multimin_nmsimplex2(), n) else { return nil }
        defer { gsl_multimin_fminimizer_free(minimizer) }
        let x = gsl_vector_alloc(n)!, steps = gsl_vector_alloc(n)!
        defer { gsl_vector_free(x); gsl_vector_free(steps) }
        for i in 0..<n { gsl_vector_set(x, i, start[i]); gsl_vector_set(steps, i, step) }
        let retained = Unmanaged.passRetained(context)
        defer { retained.release() }
        var function = gsl_multimin_function(f: callback, n: n, params: retained.toOpaque())
        var converged = false
        var iterations = 0
        if gsl_multimin_fminimizer_set(minimizer, &function, x, steps) == 0 {
            while iterations < maxIterations, !context.exhausted, context.error == nil {
                iterations += 1
                guard gsl_multimin_fminimizer_iterate(minimizer) == 0 else { break }
                if context.exhausted || context.error != nil { break }
                if gsl_multimin_fminimizer_size(minimizer) < tolerance { converged = true; break }
            }
        }
        if let error = context.error { throw error }
        guard let best = context.best else { return nil }
        return Result(point: best.point, value: best.value, iterations: iterations, converged: converged)
    }
}
