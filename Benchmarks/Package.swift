// swift-tools-version: 6.1
// LiveSim's benchmarks, in their own package so the main build stays lean.
// `make bench` runs them; CI builds them so they cannot rot.
import PackageDescription

let package = Package(
    name: "LiveSimBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "LiveSim", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Micro: the event queues, samplers.
        .executableTarget(
            name: "Engine",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "SimCore", package: "LiveSim"),
            ],
            path: "Benchmarks/Engine",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // One viewer decision (micro); macro: the reference model at 10, 100 and 1,000 arrivals/s (trace off
        // and written to a file), the shipped baseline, a ten-million-view stream.
        .executableTarget(
            name: "Model",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Audience", package: "LiveSim"),
                .product(name: "Reports", package: "LiveSim"),
                .product(name: "Scenario", package: "LiveSim"),
                .product(name: "SimCore", package: "LiveSim"),
            ],
            path: "Benchmarks/Model",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // One replication in-process, timed in its parts (load, build, run), with its event counts:
        // what callgrind measures instructions per event on, and an evaluation's set-up cost.
        .executableTarget(
            name: "Profile",
            dependencies: [
                .product(name: "Audience", package: "LiveSim"),
                .product(name: "Experiments", package: "LiveSim"),
                .product(name: "Scenario", package: "LiveSim"),
            ],
            path: "Benchmarks/Profile"
        ),
    ]
)
