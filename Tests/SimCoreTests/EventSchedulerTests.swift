import SimCore
import Testing

@Suite struct EventSchedulerTests {
    @Test func eventsAtExactlyTheEndDoNotRun() {
        var scheduler = EventScheduler(queue: QuaternaryHeap(), endTime: 10)
        scheduler.schedule(at: 10, kind: 2)
        scheduler.schedule(at: 10.0.nextDown, kind: 1)
        scheduler.schedule(at: 0, kind: 0)
        scheduler.schedule(at: 12, kind: 3)
        var kinds: [UInt16] = []
        while let e = scheduler.next() { kinds.append(e.kind) }
        #expect(kinds == [0, 1])
        #expect(scheduler.now == 10)
        #expect(scheduler.pendingCount == 2, "events at or after the end stay pending, never run")
        #expect(scheduler.next() == nil)
    }

    @Test func staleEventsOfARecycledSlotAreSkippedAndCounted() {
        var pool = AgentPool<Pooled<Int>>()
        var scheduler = EventScheduler(queue: QuaternaryHeap(), endTime: 100)
        let first = pool.insert(Pooled(1))
        scheduler.schedule(at: 5, kind: 1, agent: first.slot, generation: first.generation)
        pool.remove(slot: first.slot)
        let second = pool.insert(Pooled(2))
        #expect(second.slot == first.slot && second.generation != first.generation)
        scheduler.schedule(at: 6, kind: 2, agent: second.slot, generation: second.generation)
        scheduler.schedule(at: 7, kind: 3)
        var kinds: [UInt16] = []
        while let e = scheduler.next(isCurrent: { pool.isCurrent(slot: $0.agent, generation: $0.generation) }) {
            kinds.append(e.kind)
        }
        #expect(kinds == [2, 3])
        #expect(scheduler.staleEventsSkipped == 1)
        #expect(scheduler.eventsProcessed == 2)
    }

    @Test func equalTimesRunInSchedulingOrder() {
        var scheduler = EventScheduler(queue: QuaternaryHeap(), endTime: 1)
        for k in 0..<20 { scheduler.schedule(at: 0.5, kind: UInt16(k)) }
        var kinds: [UInt16] = []
        while let e = scheduler.next() { kinds.append(e.kind) }
        #expect(kinds == (0..<20).map(UInt16.init))
    }

    @Test func sameSeedGivesAnIdenticalRunAndAnotherSeedDoesNot() {
        let model = InfiniteServerQueue(arrivalRate: 0.5, meanStay: 120, horizon: 3600)
        let a = model.run(seed: 7, replication: 0), b = model.run(seed: 7, replication: 0)
        #expect(a == b)
        #expect(a.sumOfCutStays.bitPattern == b.sumOfCutStays.bitPattern)
        #expect(model.run(seed: 8, replication: 0) != a)
        #expect(model.run(seed: 7, replication: 1) != a)
    }
}
