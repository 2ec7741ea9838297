import Foundation

/// The fitted parameters' box as the unit cube: the search and the intervals
/// work on u ∈ [0, 1] per parameter (linear between the bounds, or linear in
/// the logarithm where `logScale`), so every parameter has the same footing
/// whatever its units. Nelder–Mead works on z with u = sin²(z), which maps
/// the whole real line onto [0, 1]: the simplex moves freely and every point
/// it tries lies inside the bounds.
struct ParameterSpace: Sendable {
    let parameters: [CalibrationProblem.Parameter]

    init(_ parameters: [CalibrationProblem.Parameter]) { self.parameters = parameters }

    var dimension: Int { parameters.count }

    /// Parameter values at unit-cube coordinates (the bounds exactly at 0 and
    /// 1; a whole-number parameter rounded, and kept inside its bounds).
    func values(_ u: [Double]) -> [Double] {
        zip(parameters, u).map { p, x in
            let x = min(1, max(0, x))
            if x == 0 { return p.min }
            if x == 1 { return p.max }
            let v = p.logScale ? exp(log(p.min) + x * (log(p.max) - log(p.min))) : p.min + x * (p.max - p.min)
            return p.integer ? min(p.max, max(p.min, v.rounded())) : v
        }
    }

    /// Unit-cube coordinate of one parameter's value.
    func unit(_ value: Double, parameter i: Int) -> Double {
        let p = parameters[i]
        let u = p.logScale ? (log(value) - log(p.min)) / (log(p.max) - log(p.min)) : (value - p.min) / (p.max - p.min)
        return min(1, max(0, u))
    }

    /// Unit-cube coordinates of parameter values.
    func units(_ values: [Double]) -> [Double] { values.indices.map { unit(values[$0], parameter: $0) } }

    /// The unbounded coordinate of a unit coordinate (u = sin²(z), z in [0, π/2]).
    static func z(_ u: Double) -> Double { asin(sqrt(min(1, max(0, u)))) }

    /// The unit coordinate of an unbounded one.
    static func u(_ z: Double) -> Double {
        let s = sin(z)
        return min(1, max(0, s * s))
    }
}
