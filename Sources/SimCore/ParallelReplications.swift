import Dispatch
import Foundation
import Synchronization

/// Runs independent replications on several threads and returns their
/// results in replication order, never in finish order, so any `jobs` gives
/// the same output.
public enum ParallelReplications {
    /// `body(i)` for every i in `0..<count`, on up to `jobs` threads.
    public static func map<Result: Sendable>(count: Int, jobs: Int, _ body: @Sendable (Int) -> Result) -> [Result] {
        precondition(count >= 0 && jobs >= 1, "map needs count ≥ 0 and jobs ≥ 1")
        let workers = min(jobs, count)
        if workers <= 1 { return (0..<count).map(body) }
        let slots = ResultSlots<Result>(count: count)
        let nextIndex = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = nextIndex.wrappingAdd(1, ordering: .relaxed).oldValue
                if i >= count { break }
                slots.store(body(i), at: i)
            }
        }
        return slots.collect()
    }

    /// `body(i)` for every i in `0..<count` on up to `jobs` threads, each
    /// result handed to `consume` on the calling thread in index order as soon
    /// as it and every one before it are done: no barrier between groups of
    /// tasks, so two threads stay busy across cells, variants or candidates of
    /// unequal length. At most `window` results are pending (running, or done
    /// and waiting for an earlier one) at once, which bounds memory.
    ///
    /// When `consume` throws, no new task starts, the running ones finish, and
    /// the error is rethrown. `jobs` never changes what is handed over.
    public static func forEachInOrder<Result: Sendable>(count: Int, jobs: Int, window: Int,
                                                        _ body: @escaping @Sendable (Int) -> Result,
                                                        consume: (Int, Result) throws -> Void) rethrows {
        precondition(count >= 0 && jobs >= 1 && window >= 1, "forEachInOrder needs count ≥ 0, jobs ≥ 1 and window ≥ 1")
        let workers = min(jobs, count)
        if workers <= 1 {
            for i in 0..<count { try consume(i, body(i)) }
            return
        }
        let handOver = OrderedHandOver<Result>(count: count, window: max(window, workers))
        let finished = DispatchGroup()
        for _ in 0..<workers {
            finished.enter()
            let thread = Thread {
                while let i = handOver.claim() { handOver.deliver(body(i), at: i) }
                finished.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        defer {
            handOver.cancel()
            finished.wait()
        }
        for i in 0..<count { try consume(i, handOver.take(i)) }
    }

    /// The CPUs this process may use: its affinity mask, capped by a cgroup v2
    /// CPU quota (`cpu.max`) when one is set. Not the host's core count.
    public static func availableCPUs() -> Int {
        var cpus = ProcessInfo.processInfo.activeProcessorCount
        #if os(Linux)
        // The affinity mask, as the kernel reports it: "Cpus_allowed:\tff,ffffffff".
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") }) {
            let hex = line.dropFirst("Cpus_allowed:".count).filter(\.isHexDigit)
            let bits = hex.reduce(0) { $0 + (Int(String($1), radix: 16) ?? 0).nonzeroBitCount }
            if bits > 0 { cpus = bits }
        }
        if let text = try? String(contentsOfFile: "/sys/fs/cgroup/cpu.max", encoding: .utf8) {
            let fields = text.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            if fields.count == 2, let quota = Double(fields[0]), let period = Double(fields[1]), period > 0 {
                cpus = min(cpus, max(1, Int((quota / period).rounded(.up))))
            }
        }
        #endif
        return max(1, cpus)
    }
}

/// Write-once result slots shared by the worker threads; each index is
/// written by exactly one worker, and read only after all have joined.
private final class ResultSlots<Result>: @unchecked Sendable {
    private var values: [Result?]
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func store(_ value: Result, at index: Int) {
        lock.lock(); defer { lock.unlock() }
        values[index] = value
    }

    func collect() -> [Result] { values.map { $0! } }
}

/// The shared state of ``ParallelReplications/forEachInOrder(count:jobs:window:_:consume:)``:
/// the next task to claim, the next result to hand over, and a ring of
/// `window` result slots between them (a task is claimed only when its slot
/// is free, so no two pending tasks share one).
private final class OrderedHandOver<Result>: @unchecked Sendable {
    private let condition = NSCondition()
    private var slots: [Result?]
    private let count: Int
    private var nextToClaim = 0, nextToTake = 0
    private var cancelled = false

    init(count: Int, window: Int) {
        self.count = count
        slots = Array(repeating: nil, count: window)
    }

    /// The next task for a worker, waiting while the window is full; nil when
    /// every task is claimed or the run was cancelled.
    func claim() -> Int? {
        condition.lock(); defer { condition.unlock() }
        while !cancelled && nextToClaim < count && nextToClaim >= nextToTake + slots.count { condition.wait() }
        guard !cancelled && nextToClaim < count else { return nil }
        defer { nextToClaim += 1 }
        return nextToClaim
    }

    func deliver(_ result: Result, at i: Int) {
        condition.lock(); defer { condition.unlock() }
        slots[i % slots.count] = result
        condition.broadcast()
    }

    /// Task `i`'s result, waiting for it; frees its slot for a new claim.
    func take(_ i: Int) -> Result {
        condition.lock(); defer { condition.unlock() }
        while slots[i % slots.count] == nil { condition.wait() }
        let result = slots[i % slots.count].take()!
        nextToTake = i + 1
        condition.broadcast()
        return result
    }

    /// No new task starts.
    func cancel() {
        condition.lock(); defer { condition.unlock() }
        cancelled = true
        condition.broadcast()
    }
}
