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
        // Micro: the event queue, samplers, one viewer decision.
        .executableTarget(
            name: "Engine",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "SimCore", package: "LiveSim"),
            ],
            path: "Benchmarks/Engine",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Macro: the reference model at 10, 100 and 1,000 arrivals/s, the shipped baseline.
        .executableTarget(
            name: "Model",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Audience", package: "LiveSim"),
                .product(name: "SimCore", package: "LiveSim"),
            ],
            path: "Benchmarks/Model",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
