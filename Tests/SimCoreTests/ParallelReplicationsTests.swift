import Foundation
import SimCore
import Synchronization
import Testing

/// The in-order hand-over behind every experiment's thread pool.
struct ParallelReplicationsTests {
    /// Later tasks finish first (they sleep less), yet results arrive in index
    /// order and equal the serial ones, for any thread count.
    @Test(arguments: [1, 2, 3])
    func resultsArriveInIndexOrderWhateverFinishesFirst(jobs: Int) {
        let count = 24
        var seen: [Int] = []
        ParallelReplications.forEachInOrder(count: count, jobs: jobs, window: 4) { i in
            usleep(UInt32((count - i) * 300))
            return i * i
        } consume: { i, square in
            #expect(square == i * i)
            seen.append(i)
        }
        #expect(seen == Array(0..<count))
    }

    /// No more than `window` tasks are ever pending (claimed and not yet handed over).
    @Test func pendingTasksStayWithinTheWindow() {
        let pending = Atomic<Int>(0), most = Atomic<Int>(0)
        ParallelReplications.forEachInOrder(count: 40, jobs: 3, window: 5) { i in
            let now = pending.wrappingAdd(1, ordering: .sequentiallyConsistent).newValue
            _ = most.max(now, ordering: .sequentiallyConsistent)
            usleep(i % 3 == 0 ? 2_000 : 200)
            return i
        } consume: { _, _ in
            _ = pending.wrappingSubtract(1, ordering: .sequentiallyConsistent)
        }
        // The count drops in `consume`, just after the slot is freed: one more may have started by then.
        #expect(most.load(ordering: .sequentiallyConsistent) <= 5 + 1)
        #expect(most.load(ordering: .sequentiallyConsistent) >= 2)
    }

    struct Stop: Error {}

    /// A throwing consumer ends the run: its error comes back, and no task
    /// past the window after it starts.
    @Test func aThrowingConsumerStopsNewTasks() {
        let started = Atomic<Int>(0)
        #expect(throws: Stop.self) {
            try ParallelReplications.forEachInOrder(count: 1_000, jobs: 2, window: 4) { i in
                _ = started.wrappingAdd(1, ordering: .sequentiallyConsistent)
                usleep(100)
                return i
            } consume: { i, _ in
                if i == 10 { throw Stop() }
            }
        }
        #expect(started.load(ordering: .sequentiallyConsistent) <= 11 + 4)
    }
}
