// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "LiveSim",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "livesim", targets: ["livesim"]),
        .library(name: "SimCore", targets: ["SimCore"]),
        .library(name: "Audience", targets: ["Audience"]),
        .library(name: "Scenario", targets: ["Scenario"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Experiments", targets: ["Experiments"]),
        .library(name: "ResultsStore", targets: ["ResultsStore"]),
        .library(name: "Charts", targets: ["Charts"]),
        .library(name: "HTMLReport", targets: ["HTMLReport"]),
        .library(name: "Season", targets: ["Season"]),
        .library(name: "JSON", targets: ["JSON"]),
        .library(name: "Calibration", targets: ["Calibration"]),
        .library(name: "Optimisation", targets: ["Optimisation"]),
        .library(name: "Measurement", targets: ["Measurement"]),
        .library(name: "WhatIf", targets: ["WhatIf"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.0"),
        .package(url: "https://github.com/drmohundro/SWXMLHash", from: "8.0.0"),
        // `livesim serve`: an HTTP server framework (SwiftNIO underneath), not a hand-written parser.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
    ],
    targets: [
        // GNU GSL, found through pkg-config; `make` installs libgsl-dev where missing.
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        // Discrete-event engine, random streams, samplers and statistics. No domain words.
        // Cache hints (prefetch) as inline C: the engine fetches an agent before its event pops.
        .target(name: "CMemoryHints"),
        // The ziggurat samplers' tables, computed in C when the program loads: a draw reads them unchecked.
        .target(name: "CZiggurat"),
        .target(name: "SimCore", dependencies: ["CGSL", "CMemoryHints", "CZiggurat"]),
        // The live-commerce model: channels, viewers, host, products, KPIs. No files, no terminals.
        .target(name: "Audience", dependencies: ["SimCore"]),
        // JSON values with ordered members and canonical text (resolved scenarios, summary.json, manifests).
        .target(name: "JSON"),
        // Scenario files: YAML → validated configuration, with file/line errors; JSON Schema.
        .target(name: "Scenario", dependencies: [
            "Audience", "JSON",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Seasons: a calendar of streams over one persistent population.
        .target(name: "Season", dependencies: ["Audience", "SimCore"]),
        // results.sqlite: a sweep's cells and replications, one transaction per cell (resumable).
        .target(name: "ResultsStore", dependencies: ["Audience", "SimCore", .product(name: "GRDB", package: "GRDB.swift")]),
        // Shortest round-trip number text into a caller's buffer (C's snprintf: no allocation per number).
        .target(name: "CNumberText"),
        // Result files (their names and columns stated once, in ResultFormat), traces and terminal tables.
        .target(name: "Reports", dependencies: ["Audience", "CNumberText", "JSON", "ResultsStore", "Season", "SimCore"]),
        // Inline SVG charts (lines with bands, stacked areas, bars, heat maps). No domain words, no dependencies.
        .target(name: "Charts"),
        // report.html: result files read back, charts drawn, Mustache templates filled, in English or Chinese.
        .target(name: "HTMLReport", dependencies: [
            "Audience", "Charts", "Reports", "Season", "SimCore", .product(name: "Mustache", package: "swift-mustache"),
        ]),
        // Orchestration: a stream or a season replicated in parallel (Replicable); run, compare, sweep,
        // shard and merge, as library calls; result consumers (files, the SQLite store) behind one protocol.
        .target(name: "Experiments", dependencies: [
            "Audience", "HTMLReport", "JSON", "Reports", "ResultsStore", "Scenario", "Season", "SimCore",
        ]),
        // Calibration: a room's past streams (per-minute exports, CSV or .xlsx, and the calibration file)
        // → fitted parameters with 95% intervals (search, profiles, outputs, report).
        .target(name: "Calibration", dependencies: [
            "Audience", "Experiments", "HTMLReport", "Charts", "JSON", "Reports", "ResultsStore", "Scenario", "SimCore", "CGSL",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "SWXMLHash", package: "SWXMLHash"),
        ]),
        // Optimisation: a plan's decisions searched under common random numbers (Sobol start, successive
        // halving, Nelder–Mead), the answer selected on fresh seeds (Kim–Nelson); outputs, report.
        .target(name: "Optimisation", dependencies: [
            "Audience", "Charts", "Experiments", "HTMLReport", "JSON", "ResultsStore", "Scenario", "SimCore",
        ]),
        // Measurement planning: what each channel adds (switched off in turn under common random numbers)
        // and how long an A/B test must run (simulated tests with stream-to-stream variation).
        .target(name: "Measurement", dependencies: [
            "Audience", "CGSL", "Charts", "Experiments", "HTMLReport", "JSON", "Scenario", "SimCore",
        ]),
        // The what-if page (`livesim serve`): levers from a scenario, plans run under common random
        // numbers with a deadline, one simulation at a time behind a bounded line; Hummingbird routes.
        .target(name: "WhatIf", dependencies: [
            "Audience", "Experiments", "HTMLReport", "JSON", "Reports", "Scenario", "SimCore",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .executableTarget(
            name: "livesim",
            dependencies: [
                "Audience", "Calibration", "Experiments", "Measurement", "Optimisation", "WhatIf", "HTMLReport", "JSON", "Reports", "Scenario", "Season", "SimCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SimCoreTests", dependencies: ["SimCore"]),
        .testTarget(name: "AudienceTests", dependencies: ["Audience", "SimCore"]),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario", "Audience", "JSON"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Audience", "SimCore"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts"]),
        .testTarget(name: "SeasonTests", dependencies: ["Season", "Audience", "SimCore"]),
        .testTarget(name: "WhatIfTests", dependencies: ["WhatIf", "Experiments", "Scenario", "JSON", "Audience", "SimCore"]),
        .testTarget(name: "MeasurementTests", dependencies: ["Measurement", "Experiments", "Scenario", "Audience", "SimCore"]),
        .testTarget(name: "OptimisationTests", dependencies: [
            "Optimisation", "Experiments", "Scenario", "JSON", "Audience", "ResultsStore",
        ]),
        .testTarget(name: "CalibrationTests", dependencies: [
            "Calibration", "Experiments", "Scenario", "JSON", "Audience", "SimCore",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "Audience", "JSON", "ResultsStore", "Scenario", "Season", "SimCore"]),
        // Runs the built binary end to end.
        .testTarget(name: "CLITests", dependencies: [
            "livesim", "Experiments", "HTMLReport", "Audience", "Reports", "ResultsStore", "Scenario", "Season", .product(name: "Yams", package: "Yams"),
        ]),
    ]
)
