// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "LiveSim",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "livesim", targets: ["livesim"]),
        .library(name: "SimCore", targets: ["SimCore"]),
        .library(name: "Audience", targets: ["Audience"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // GNU GSL, found through pkg-config; `make` installs libgsl-dev where missing.
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        // Discrete-event engine, random streams, samplers and statistics. No domain words.
        .target(name: "SimCore", dependencies: ["CGSL"]),
        // The live-commerce model: channels, viewers, host, products, KPIs. No files, no terminals.
        .target(name: "Audience", dependencies: ["SimCore"]),
        .executableTarget(
            name: "livesim",
            dependencies: [
                "SimCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .testTarget(name: "SimCoreTests", dependencies: ["SimCore"]),
        .testTarget(name: "AudienceTests", dependencies: ["Audience", "SimCore"]),
    ]
)
