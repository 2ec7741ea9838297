import Audience
import Benchmark
import SimCore

/// The reference model (Scenarios/reference-viewers.yaml) at 10, 100 and
/// 1,000 arrivals per second. Throughput is in events: arrivals + leaves +
/// interactions + clicks (thinning rejections and stale events not counted).
func referenceModel(perSecond: Double, minutes: Double) -> StreamConfiguration {
    var c = StreamConfiguration()
    c.durationMinutes = minutes
    var search = SearchChannel()
    search.perMinute = perSecond * 60
    search.intentShift = 0
    search.segmentMix = ["neutral": 1]
    c.channels.search = search
    c.viewers.segments = ["neutral": Segment()]
    c.viewers.traitSpread = 0
    c.viewers.willingnessToPayVariation = 0
    c.viewers.boredom = false
    c.viewers.reentryProbability = 0
    c.viewers.sharesPerMinuteAtReference = 0
    c.viewers.followPerInteractionAtReference = 0
    c.viewers.interactionsPerMinuteAtReference = 1
    c.viewers.clicksPerMinuteAtReference = 0.2
    c.viewers.clickToOrderAtReference = 0.1
    c.products = [Product(id: "item", referencePriceYuan: 100)]
    c.runOfShow = [FeaturedWindow(product: "item", fromMinute: 0, toMinute: minutes)]
    return c
}

func events(_ r: StreamResult) -> Int {
    Int(2 * r.kpis[.views]! + r.kpis[.interactions]! + r.kpis[.productClicks]!)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
                                           maxDuration: .seconds(10), maxIterations: 5)
    for rate in [10.0, 100.0, 1_000.0] {
        let simulation = try! Simulation(configuration: referenceModel(perSecond: rate, minutes: 30))
        Benchmark("reference model, \(Int(rate)) arrivals/s, 30 min (events)",
                  configuration: .init(scalingFactor: .one)) { benchmark in
            let r = simulation.run(seed: 1, replication: 0)
            benchmark.measurement(.custom("events"), events(r))
            blackHole(r)
        }
    }
}
