@_spi(Benchmarks) import Audience
import Benchmark
import Foundation
import Reports
import Scenario
import SimCore

/// Macro benchmarks of the code every user runs. Throughput is in events:
/// arrivals + leaves + interactions + clicks (thinning rejections, stale
/// events and ticks not counted).
func events(_ r: StreamResult) -> Int {
    Int(2 * r.kpis[.views]! + r.kpis[.interactions]! + r.kpis[.productClicks]!)
}

/// A shipped scenario file, found from this source file's place in the repository.
func shipped(_ path: String) -> StreamConfiguration {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    return try! ScenarioLoader.load(file: root.appendingPathComponent("Scenarios/" + path).path).configuration
}

/// The reference model (Scenarios/reference-viewers.yaml) at `perSecond` arrivals for `minutes`.
func referenceModel(perSecond: Double, minutes: Double) -> StreamConfiguration {
    var c = shipped("reference-viewers.yaml")
    c.durationMinutes = minutes
    c.channels.search!.perMinute = perSecond * 60
    c.runOfShow = [FeaturedWindow(product: "item", fromMinute: 0, toMinute: minutes)]
    return c
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
                                           maxDuration: .seconds(10), maxIterations: 5)
    // Micro: one viewer decision on the baseline (a viewer's traits drawn, its
    // hazards on a profile segment, its next candidate drawn and decided).
    var probe = ViewerDecisionProbe(simulation: try! Simulation(configuration: shipped("baseline.yaml")), seed: 1)
    Benchmark("one viewer decision (baseline)", configuration: .init(scalingFactor: .mega)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(probe.decide()) }
    }

    for rate in [10.0, 100.0, 1_000.0] {
        let simulation = try! Simulation(configuration: referenceModel(perSecond: rate, minutes: 30))
        Benchmark("reference model, \(Int(rate)) arrivals/s, 30 min (events)",
                  configuration: .init(scalingFactor: .one)) { benchmark in
            let r = simulation.run(seed: 1, replication: 0)
            benchmark.measurement(.custom("events"), events(r))
            blackHole(r)
        }
    }

    // Over 10⁷ events (15.5 million), set-up included: allocations per event
    // with the trace off and with it written to a file.
    let hour = try! Simulation(configuration: referenceModel(perSecond: 1_000, minutes: 60))
    Benchmark("reference model, 1,000 arrivals/s, 1 h, trace off (events)",
              configuration: .init(scalingFactor: .one, maxIterations: 2)) { benchmark in
        let r = hour.run(seed: 1, replication: 0)
        benchmark.measurement(.custom("events"), events(r))
        blackHole(r)
    }
    Benchmark("reference model, 1,000 arrivals/s, 1 h, trace to a file (events)",
              configuration: .init(scalingFactor: .one, maxIterations: 2)) { benchmark in
        let path = NSTemporaryDirectory() + "livesim-bench-trace-\(getpid()).jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        var trace = try! TraceWriter(writer: BufferedWriter(path: path), format: .jsonl, configuration: hour.configuration)
        let r = hour.run(seed: 1, replication: 0, sink: &trace)
        try! trace.finish()
        benchmark.measurement(.custom("events"), events(r))
    }

    let baseline = try! Simulation(configuration: shipped("baseline.yaml"))
    Benchmark("baseline scenario, one replication (events)", configuration: .init(scalingFactor: .one)) { benchmark in
        let r = baseline.run(seed: 1, replication: 0)
        benchmark.measurement(.custom("events"), events(r))
        blackHole(r)
    }

    let tenMillion = try! Simulation(configuration: shipped("scale/ten-million-views.yaml"))
    Benchmark("ten-million-view stream (events)", configuration: .init(scalingFactor: .one, maxIterations: 1)) { benchmark in
        let r = tenMillion.run(seed: 1, replication: 0)
        benchmark.measurement(.custom("events"), events(r))
        blackHole(r)
    }
}
