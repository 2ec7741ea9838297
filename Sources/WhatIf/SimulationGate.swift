/// Admits one request at a time into the simulator (which runs its
/// replications on every thread it is given), with a bounded line behind it:
/// a request that finds the line full is turned away at once (503), so a
/// busy server never queues without bound.
actor SimulationGate {
    let queue: Int
    private var running = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(queue: Int) { self.queue = max(0, queue) }

    /// Waits for the simulator; false when the line is full.
    func enter() async -> Bool {
        if !running {
            running = true
            return true
        }
        guard waiting.count < queue else { return false }
        await withCheckedContinuation { waiting.append($0) }
        return true
    }

    /// Hands the simulator to the next in line.
    func leave() {
        if waiting.isEmpty {
            running = false
        } else {
            waiting.removeFirst().resume()
        }
    }

    /// Requests waiting now.
    var waitingCount: Int { waiting.count }
}
