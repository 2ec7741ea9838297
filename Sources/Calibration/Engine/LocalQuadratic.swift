/// A quadratic surface fitted by least squares to the evaluations nearest
/// the minimum (in the unit cube): where the profiles start looking. Its
/// Hessian gives, for each parameter, the direction in which the others'
/// optimum moves as that parameter is held at other values (−H₀₀⁻¹ H₀ⱼ: the
/// valley's direction, which for two parameters acting through their
/// product is steep) and how wide the valley is across each of the others
/// (√(3.84 / Hᵢᵢ)): the profile's first guesses and step sizes. Fitted
/// again at the end, its profiles give the intervals (``Intervals``), with
/// the standard error of its minimum's position (the fit's own noise).
struct LocalQuadratic {
    let centre: [Double]
    /// First and second derivatives at the centre, in the unit cube.
    let gradient: [Double]
    let hessian: [[Double]]
    /// The root-mean-square residual of the fit: the objective's roughness
    /// (a parameter that moves arrival times moves viewers between minutes,
    /// so even under common random numbers the objective is not smooth).
    let residual: Double
    /// The fitted coefficients and the normal-equation matrix (for the coefficients' covariance residual² · A⁻¹).
    let coefficients: [Double]
    let normal: [[Double]]

    /// Fits `f(u) ≈ a + gᵀ(u − c) + ½ (u − c)ᵀ H (u − c)` to the evaluations
    /// with the lowest values: all within `within` of the lowest, and at least
    /// `minimumCount` (default twice as many as coefficients, at least 10);
    /// nil when there are too few or the system is singular.
    static func fit(units: [[Double]], values: [Double], centre: [Double], within: Double = 0,
                    minimumCount: Int? = nil) -> LocalQuadratic? {
        let d = centre.count
        let coefficients = 1 + d + d * (d + 1) / 2
        let order = values.indices.sorted { (values[$0], $0) < (values[$1], $1) }
        guard let lowest = order.first.map({ values[$0] }) else { return nil }
        let near = order.filter { values[$0] <= lowest + within }.count
        let chosen = Array(order.prefix(max(near, minimumCount ?? max(2 * coefficients, 10))))
        guard chosen.count >= coefficients + 2 else { return nil }
        func features(_ u: [Double]) -> [Double] {
            let x = zip(u, centre).map { $0 - $1 }
            var out = [1.0] + x
            for i in 0..<d { for k in i..<d { out.append(i == k ? 0.5 * x[i] * x[i] : x[i] * x[k]) } }
            return out
        }
        // Normal equations with a small ridge, solved by Gaussian elimination.
        var a = [[Double]](repeating: [Double](repeating: 0, count: coefficients), count: coefficients)
        var b = [Double](repeating: 0, count: coefficients)
        for i in chosen {
            let f = features(units[i])
            for r in 0..<coefficients {
                b[r] += f[r] * values[i]
                for c in 0..<coefficients { a[r][c] += f[r] * f[c] }
            }
        }
        let trace = (0..<coefficients).reduce(0) { $0 + a[$1][$1] }
        for r in 0..<coefficients { a[r][r] += 1e-10 * trace / Double(coefficients) }
        guard let beta = solve(a, b) else { return nil }
        var hessian = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
        var index = 1 + d
        for i in 0..<d {
            for k in i..<d {
                hessian[i][k] = beta[index]; hessian[k][i] = beta[index]
                index += 1
            }
        }
        guard hessian.joined().allSatisfy(\.isFinite) else { return nil }
        var squares = 0.0
        for i in chosen {
            let f = features(units[i])
            let fitted = zip(f, beta).reduce(0) { $0 + $1.0 * $1.1 }
            squares += (values[i] - fitted) * (values[i] - fitted)
        }
        let residual = (squares / Double(max(1, chosen.count - coefficients))).squareRoot()
        return LocalQuadratic(centre: centre, gradient: Array(beta[1...d]), hessian: hessian, residual: residual,
                              coefficients: beta, normal: a)
    }

    /// The surface of other coefficients (same centre).
    func with(coefficients beta: [Double]) -> LocalQuadratic {
        let d = centre.count
        var hessian = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
        var index = 1 + d
        for i in 0..<d {
            for k in i..<d {
                hessian[i][k] = beta[index]; hessian[k][i] = beta[index]
                index += 1
            }
        }
        return LocalQuadratic(centre: centre, gradient: Array(beta[1...d]), hessian: hessian, residual: residual,
                              coefficients: beta, normal: normal)
    }

    /// The standard error of the minimum's coordinate `j` from the fit's
    /// residual noise (the delta method on the coefficients' covariance,
    /// derivatives by central differences); nil without a minimum.
    func minimumStandardError(_ j: Int) -> Double? {
        guard let m = minimum else { return nil }
        let count = coefficients.count
        var derivative = [Double](repeating: 0, count: count)
        for q in 0..<count {
            let h = max(1e-8, 1e-5 * abs(coefficients[q]))
            var up = coefficients, down = coefficients
            up[q] += h; down[q] -= h
            guard let a = with(coefficients: up).minimum, let b = with(coefficients: down).minimum else { return nil }
            derivative[q] = (a[j] - b[j]) / (2 * h)
        }
        // residual² · gᵀ A⁻¹ g, with A⁻¹ g solved rather than A inverted.
        guard let solved = Self.solve(normal, derivative), m[j].isFinite else { return nil }
        let variance = residual * residual * zip(derivative, solved).reduce(0) { $0 + $1.0 * $1.1 }
        return variance >= 0 ? variance.squareRoot() : nil
    }

    /// Whether the Hessian is positive definite (Cholesky succeeds): the surface has a minimum.
    var positiveDefinite: Bool {
        let d = hessian.count
        var l = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
        for i in 0..<d {
            for k in 0...i {
                var sum = hessian[i][k]
                for m in 0..<k { sum -= l[i][m] * l[k][m] }
                if i == k {
                    guard sum > 0 else { return false }
                    l[i][i] = sum.squareRoot()
                } else {
                    l[i][k] = sum / l[k][k]
                }
            }
        }
        return true
    }

    /// The fitted surface's minimum (nil unless positive definite).
    var minimum: [Double]? {
        guard positiveDefinite, let step = Self.solve(hessian, gradient.map { -$0 }) else { return nil }
        return zip(centre, step).map { $0 + $1 }
    }

    /// The profile half-width of parameter `j` at rise `rise`: the others
    /// free, the fitted profile is ½ (uⱼ − mⱼ)² / (H⁻¹)ⱼⱼ, so it reaches
    /// `rise` at √(2 · rise · (H⁻¹)ⱼⱼ). Nil unless positive definite.
    func profileHalfWidth(_ j: Int, rise: Double) -> Double? {
        guard positiveDefinite else { return nil }
        var unit = [Double](repeating: 0, count: hessian.count)
        unit[j] = 1
        guard let column = Self.solve(hessian, unit), column[j] > 0 else { return nil }
        return (2 * rise * column[j]).squareRoot()
    }

    /// How the other parameters' optimum moves per unit of parameter `j`
    /// (zero at `j`); zeros where the others' block is not positive definite.
    func valleySlope(_ j: Int) -> [Double] {
        let d = centre.count
        let others = (0..<d).filter { $0 != j }
        guard !others.isEmpty else { return [Double](repeating: 0, count: d) }
        let block = others.map { i in others.map { hessian[i][$0] } }
        guard others.allSatisfy({ hessian[$0][$0] > 0 }), let s = Self.solve(block, others.map { -hessian[$0][j] }) else {
            return [Double](repeating: 0, count: d)
        }
        var out = [Double](repeating: 0, count: d)
        for (k, i) in others.enumerated() { out[i] = s[k] }
        return out
    }

    /// The valley's 95% half-width across parameter `i` (the others fixed), in the unit cube; nil where it has no curvature.
    func width(_ i: Int) -> Double? {
        hessian[i][i] > 0 ? (2 * Objective.threshold / hessian[i][i]).squareRoot() : nil
    }

    /// Solves `a x = b` (partial pivoting); nil when singular.
    static func solve(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        let n = b.count
        var m = a, v = b
        for col in 0..<n {
            guard let pivot = (col..<n).max(by: { abs(m[$0][col]) < abs(m[$1][col]) }), abs(m[pivot][col]) > 1e-300 else { return nil }
            m.swapAt(col, pivot); v.swapAt(col, pivot)
            for r in (col + 1)..<n where r < n {
                let factor = m[r][col] / m[col][col]
                guard factor != 0 else { continue }
                for c in col..<n { m[r][c] -= factor * m[col][c] }
                v[r] -= factor * v[col]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for r in stride(from: n - 1, through: 0, by: -1) {
            var s = v[r]
            for c in (r + 1)..<n where c < n { s -= m[r][c] * x[c] }
            x[r] = s / m[r][r]
        }
        return x.allSatisfy(\.isFinite) ? x : nil
    }
}
