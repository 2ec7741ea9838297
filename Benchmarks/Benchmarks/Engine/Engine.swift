import Benchmark
import SimCore

/// Event queues (hold model) at 10³–10⁷ pending events, and each sampler.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
                                           maxDuration: .seconds(2))

    /// The hold model: pop the earliest, push one an exponential time later
    /// (mean 100 time units, like a viewer's next candidate).
    func hold<Queue: EventQueue & ~Copyable>(_ name: String, pending: Int, _ make: @escaping @Sendable () -> Queue) {
        Benchmark("\(name) hold \(pending) pending", configuration: .init(scalingFactor: .mega, maxIterations: 3)) { benchmark in
            var queue = make()
            var stream = RandomStream(seed: 1)
            var sequence: UInt64 = 0
            for _ in 0..<pending {
                queue.insert(Event(time: stream.exponential(mean: 100), sequence: sequence, kind: 0)); sequence += 1
            }
            // Warm up (the bucket queue lays itself out on the first pops):
            // the figure is the steady state.
            for _ in 0..<min(pending, 1_000_000) {
                let e = queue.popFirst()!
                queue.insert(Event(time: e.time + stream.exponential(mean: 100), sequence: sequence, kind: 0))
                sequence += 1
            }
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                let e = queue.popFirst()!
                queue.insert(Event(time: e.time + stream.exponential(mean: 100), sequence: sequence, kind: 0))
                sequence += 1
            }
            blackHole(queue.count)
        }
    }
    for pending in [1_000, 100_000, 1_000_000, 10_000_000] {
        hold("QuaternaryHeap", pending: pending) { QuaternaryHeap(minimumCapacity: pending) }
        hold("BucketQueue", pending: pending) { BucketQueue() }
    }

    var stream = RandomStream(seed: 2)
    Benchmark("exponential(mean:)", configuration: .init(scalingFactor: .mega)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(stream.exponential(mean: 120)) }
    }
    Benchmark("gamma(shape:scale:)", configuration: .init(scalingFactor: .mega)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(stream.gamma(shape: 2.5, scale: 1.5)) }
    }
    Benchmark("lognormal(logMean:logSD:)", configuration: .init(scalingFactor: .mega)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(stream.lognormal(logMean: 1, logSD: 0.5)) }
    }
    Benchmark("weibull(scale:shape:)", configuration: .init(scalingFactor: .mega)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(stream.weibull(scale: 2, shape: 1.5)) }
    }
    Benchmark("poisson(mean:)", configuration: .init(scalingFactor: .mega)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(stream.poisson(mean: 4.5)) }
    }
    Benchmark("binomial(trials:probability:)", configuration: .init(scalingFactor: .mega)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(stream.binomial(trials: 20, probability: 0.3)) }
    }
    Benchmark("bernoulli(probability:)", configuration: .init(scalingFactor: .mega)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(stream.bernoulli(probability: 0.3)) }
    }
    Benchmark("normal(mean:standardDeviation:) by inversion", configuration: .init(scalingFactor: .mega)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(stream.normal(mean: 0, standardDeviation: 1)) }
    }
    let table = CategoricalDistribution(weights: [0.3, 0.1, 0.3, 0.3])!
    Benchmark("CategoricalDistribution.sample", configuration: .init(scalingFactor: .mega)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(table.sample(using: &stream)) }
    }
}
