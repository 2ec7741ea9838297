import SimCore
import Testing

@Suite struct SourceClocksTests {
    @Test func theSoonestSourceIsFoundAndTiesGoToTheLowerIndex() {
        var clocks = SourceClocks(count: 3)
        #expect(clocks.soonest == -1 && clocks.soonestTime == .infinity)
        clocks.set(1, to: 5)
        clocks.set(2, to: 3)
        #expect(clocks.soonest == 2 && clocks.soonestTime == 3)
        clocks.set(0, to: 3)
        #expect(clocks.soonest == 0, "a tie goes to the lower index")
        clocks.set(0, to: nil)
        clocks.set(2, to: nil)
        #expect(clocks.soonest == 1 && clocks.soonestTime == 5)
        #expect(clocks.time(of: 0) == .infinity)
        clocks.set(1, to: nil)
        #expect(clocks.soonest == -1 && clocks.soonestTime == .infinity)
    }

    /// Sources beside the queue interleave with queued events exactly as if
    /// their events had been queued: every event runs once, in time order.
    @Test func sourcesBesideTheQueueRunInTimeOrderWithQueuedEvents() {
        var scheduler = EventScheduler(queue: BucketQueue(), endTime: 100)
        var clocks = SourceClocks(count: 2)
        var stream = RandomStream(masterSeed: 3, replication: 0, stream: 1)
        let rates = [0.7, 2.0]
        for s in 0..<2 { clocks.set(s, to: stream.exponential(rate: rates[s])) }
        var times: [Double] = [], fromSources = 0, queued = 0
        while true {
            let due = clocks.soonestTime
            if let event = scheduler.next(before: due) {
                times.append(event.time)
                queued += 1
                continue
            }
            guard due < scheduler.endTime else { break }
            scheduler.runExternal(at: due)
            times.append(due)
            fromSources += 1
            let s = clocks.soonest
            // Each source event schedules a queued follow-up a little later.
            scheduler.schedule(at: due + stream.exponential(mean: 0.5), kind: 1)
            let next = due + stream.exponential(rate: rates[s])
            clocks.set(s, to: next < scheduler.endTime ? next : nil)
        }
        #expect(times == times.sorted())
        #expect(scheduler.eventsProcessed == fromSources + queued)
        #expect(scheduler.now == 100)
        // Poisson with mean 270 (2.7 a unit over 100): 200 is 4.3 sd below.
        // A follow-up is lost only past the end: Poisson with mean
        // 2.7 · 0.5 = 1.35 of them, six or more with probability 0.3%.
        #expect(fromSources > 200 && queued >= fromSources - 5)
    }

    @Test func nextBeforeLeavesLaterEventsQueued() {
        var scheduler = EventScheduler(queue: QuaternaryHeap(), endTime: 10)
        scheduler.schedule(at: 4, kind: 1)
        #expect(scheduler.next(before: 4) == nil, "an event at the limit is not before it")
        #expect(scheduler.now == 0 && scheduler.pendingCount == 1)
        scheduler.runExternal(at: 3)
        #expect(scheduler.now == 3 && scheduler.eventsProcessed == 1)
        #expect(scheduler.next(before: .infinity)?.kind == 1)
        #expect(scheduler.next(before: .infinity) == nil)
        #expect(scheduler.now == 10, "with nothing left before the end the clock stands at the end")
    }
}
