import Foundation

/// The share of a sweep's cells (or a run's replications) one process does:
/// every `count`-th item from `index`, so shards of any size interleave and
/// each takes a fair mix of cheap and costly cells.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        precondition(count >= 1 && (0..<count).contains(index), "shard index out of range")
        self.index = index; self.count = count
    }

    public static let whole = Shard(index: 0, count: 1)

    public var description: String { "\(index)/\(count)" }
    public var isWhole: Bool { count == 1 }

    public func contains(_ item: Int) -> Bool { item % count == index }

    /// `--shard i/n`; else the scheduler's environment: a Slurm job array
    /// (`SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN` of `SLURM_ARRAY_TASK_COUNT`,
    /// as arrays often start at 1), or a Kubernetes Indexed Job
    /// (`JOB_COMPLETION_INDEX` of `--shards N`, since Kubernetes has no count
    /// variable); else the whole.
    public static func resolve(explicit: String?, shards: Int?, environment: [String: String]) throws(ExperimentError) -> Shard {
        if let explicit {
            let parts = explicit.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (0..<n).contains(i) else {
                throw .badInput("--shard \(explicit): expected i/n with 0 ≤ i < n, such as 0/4")
            }
            if let shards, shards != n { throw .badInput("--shards \(shards) disagrees with --shard \(explicit)") }
            return Shard(index: i, count: n)
        }
        if let id = environment["SLURM_ARRAY_TASK_ID"] {
            guard let task = Int(id), let count = environment["SLURM_ARRAY_TASK_COUNT"].flatMap(Int.init), count >= 1 else {
                throw .badInput("SLURM_ARRAY_TASK_ID \(id) without a usable SLURM_ARRAY_TASK_COUNT (\(environment["SLURM_ARRAY_TASK_COUNT"] ?? "unset")); expected a Slurm job array, or give --shard i/n")
            }
            let first = environment["SLURM_ARRAY_TASK_MIN"].flatMap(Int.init) ?? 0
            let i = task - first
            guard (0..<count).contains(i) else {
                throw .badInput("SLURM_ARRAY_TASK_ID \(task) − SLURM_ARRAY_TASK_MIN \(first) = \(i) is not in 0..<\(count) (SLURM_ARRAY_TASK_COUNT); expected a contiguous array such as --array=0-\(count - 1)")
            }
            if let shards, shards != count { throw .badInput("--shards \(shards) disagrees with SLURM_ARRAY_TASK_COUNT \(count)") }
            return Shard(index: i, count: count)
        }
        if let text = environment["JOB_COMPLETION_INDEX"] {
            guard let shards else {
                throw .badInput("JOB_COMPLETION_INDEX \(text) needs --shards N (the Indexed Job's completions; Kubernetes has no count variable)")
            }
            guard shards >= 1, let i = Int(text), (0..<shards).contains(i) else {
                throw .badInput("JOB_COMPLETION_INDEX \(text) with --shards \(shards): expected an index from 0 to \(shards - 1)")
            }
            return Shard(index: i, count: shards)
        }
        if let shards, shards != 1 {
            throw .badInput("--shards \(shards) without an index: expected --shard i/n, a Slurm job array or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX)")
        }
        return .whole
    }
}
