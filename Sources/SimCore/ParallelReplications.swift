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
