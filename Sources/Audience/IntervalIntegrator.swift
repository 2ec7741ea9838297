/// ∫ level dt of a piecewise-constant level, split into fixed bins
/// (`[breakpoints[i], breakpoints[i+1])`): per-minute and per-phase average
/// concurrency from one pass, with time only moving forward.
struct IntervalIntegrator: Sendable {
    let breakpoints: [Double]
    private(set) var integrals: [Double]
    private var cursor = 0
    private var lastTime: Double

    init(breakpoints: [Double]) {
        precondition(breakpoints.count >= 2, "an integrator needs at least one bin")
        self.breakpoints = breakpoints
        integrals = Array(repeating: 0, count: breakpoints.count - 1)
        lastTime = breakpoints[0]
    }

    /// Adds `level × (time − last time)`, split across the bins it spans.
    @inline(__always)
    mutating func advance(to time: Double, level: Double) {
        guard time > lastTime else { return }
        if level != 0 {
            var t = lastTime
            while t < time && cursor < integrals.count {
                let binEnd = breakpoints[cursor + 1]
                let upTo = min(time, binEnd)
                integrals[cursor] += level * (upTo - t)
                t = upTo
                if t >= binEnd { cursor += 1 }
            }
        } else {
            while cursor < integrals.count && breakpoints[cursor + 1] <= time { cursor += 1 }
        }
        lastTime = time
    }

    /// Average level per bin (integral / bin length).
    var averages: [Double] {
        integrals.indices.map { integrals[$0] / (breakpoints[$0 + 1] - breakpoints[$0]) }
    }
}
