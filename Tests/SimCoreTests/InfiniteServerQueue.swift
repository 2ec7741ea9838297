import Foundation
import SimCore

/// The M/M/∞ queue (Poisson arrivals, exponential stays, no waiting): the
/// engine's reference model, with a closed-form answer to check against.
///
/// Started empty, its expected time-average occupancy over `[0, T)` is
/// λS(1 − (S/T)(1 − e^(−T/S))) (``expectedTimeAverage``). It uses every engine
/// piece the real models use: the scheduler, the agent pool, keyed random
/// streams and the time-weighted accumulator.
public struct InfiniteServerQueue: Sendable {
    /// Arrivals per unit time (λ).
    public var arrivalRate: Double
    /// Mean stay (S).
    public var meanStay: Double
    /// The run covers `[0, horizon)`; stays still running are cut there.
    public var horizon: Double

    public init(arrivalRate: Double, meanStay: Double, horizon: Double) {
        precondition(arrivalRate >= 0 && meanStay > 0 && horizon > 0, "M/M/∞ needs λ ≥ 0, S > 0, T > 0")
        self.arrivalRate = arrivalRate
        self.meanStay = meanStay
        self.horizon = horizon
    }

    /// E[(1/T) ∫₀ᵀ N(t) dt] for a queue started empty.
    public var expectedTimeAverage: Double {
        let s = meanStay, t = horizon
        return arrivalRate * s * (1 - (s / t) * -expm1(-t / s))
    }

    /// What one replication measured.
    public struct Outcome: Sendable, Equatable {
        public var arrivals = 0
        /// ∫ N(t) dt over the run, from the time-weighted accumulator.
        public var occupancyIntegral = 0.0
        /// Σ of every stay, each cut at the horizon: must equal the integral.
        public var sumOfCutStays = 0.0
        public var timeAverage = 0.0
        public var peak = 0.0
        public var presentAtEnd = 0
        public var eventsProcessed = 0
        public var staleEventsSkipped = 0
    }

    private enum Kind: UInt16 { case arrival, departure }
    private struct Customer: PoolAgent {
        var arrivalTime: Double
        var poolGeneration: UInt32 = 0
    }

    /// Runs replication `replication` under `seed`. Arrivals draw from stream 0,
    /// stays from each customer's own stream keyed by arrival index (stream 1).
    public func run(seed: UInt64, replication: Int) -> Outcome {
        var arrivalsStream = RandomStream(masterSeed: seed, replication: UInt64(replication), stream: 0)
        let staySeed = RandomStream.seed(masterSeed: seed, replication: UInt64(replication), stream: 1)
        var arrivals = PiecewiseConstantRate.constant(arrivalRate, from: 0, to: horizon)
        var scheduler = EventScheduler(queue: QuaternaryHeap(), endTime: horizon)
        var pool = AgentPool<Customer>()
        var occupancy = TimeWeightedAverage()
        var outcome = Outcome()

        if let first = arrivals.nextArrival(after: 0, before: horizon, using: &arrivalsStream) {
            scheduler.schedule(at: first, kind: Kind.arrival.rawValue)
        }
        while let event = scheduler.next(isCurrent: { pool.isCurrent(slot: $0.agent, generation: $0.generation) }) {
            let now = event.time
            switch Kind(rawValue: event.kind)! {
            case .arrival:
                var stayStream = RandomStream(seed: staySeed, key: UInt64(outcome.arrivals))
                outcome.arrivals += 1
                let handle = pool.insert(Customer(arrivalTime: now))
                occupancy.add(1, at: now)
                scheduler.schedule(at: now + stayStream.exponential(mean: meanStay), kind: Kind.departure.rawValue,
                                   agent: handle.slot, generation: handle.generation)
                if let next = arrivals.nextArrival(after: now, before: horizon, using: &arrivalsStream) {
                    scheduler.schedule(at: next, kind: Kind.arrival.rawValue)
                }
            case .departure:
                outcome.sumOfCutStays += now - pool[event.agent].arrivalTime
                pool.remove(slot: event.agent)
                occupancy.add(-1, at: now)
            }
        }
        pool.forEachSlot { outcome.sumOfCutStays += horizon - pool[$0].arrivalTime }
        outcome.presentAtEnd = pool.count
        outcome.occupancyIntegral = occupancy.integral(until: horizon)
        outcome.timeAverage = outcome.occupancyIntegral / horizon
        outcome.peak = occupancy.peak
        outcome.eventsProcessed = scheduler.eventsProcessed
        outcome.staleEventsSkipped = scheduler.staleEventsSkipped
        return outcome
    }
}
