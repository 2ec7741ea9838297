import Audience
@testable import Calibration
import Foundation
import Scenario

/// A small room for calibration tests: one feed channel (impressions ×
/// cover click-through), reference viewers with exponential stays, one
/// product, no day-to-day variation; an hour long, so an evaluation takes
/// milliseconds.
enum CalibrationFixture {
    static let scenarioText = """
    name: small-room
    seed: 1
    replications: 1
    stream: {durationMinutes: 60}
    host: {professionalism: 0.5, charisma: 0.5, responsiveness: 0.5, sincerity: 0.5}
    viewers:
      meanStaySecondsAtReference: 120
      interactionsPerMinuteAtReference: 1.0
      clicksPerMinuteAtReference: 0.2
      clickToOrderAtReference: 0.05
      sharesPerMinuteAtReference: 0
      followPerInteractionAtReference: 0
      reentryProbability: 0
      boredom: false
      traitSpread: 0
      willingnessToPayVariation: 0
      effects: {interactionOnStay: 0, interactionOnClick: 0, interactionOnPurchase: 0}
      segments:
        neutral: {priceSensitivity: 0.5, interest: 0.5, trust: 0.5, patience: 0.5, sociability: 0.5,
                  urgencyResponse: 0.5, willingnessToPay: 1}
    channels:
      feed: {impressionsPerMinute: 6000, coverClickThrough: 0.02, segmentMix: {neutral: 1}}
    products:
      - {id: item, referencePriceYuan: 100}
    runOfShow:
      - {product: item, fromMinute: 0, toMinute: 60}

    """

    /// A new temporary folder.
    static func temporaryFolder(_ name: String) -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("calibration-tests-\(getpid())-\(name)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The fixture written to a temporary folder and loaded.
    static func base() throws -> LoadedScenario {
        let folder = temporaryFolder("scenario")
        let file = (folder as NSString).appendingPathComponent("small-room.yaml")
        try scenarioText.write(toFile: file, atomically: true, encoding: .utf8)
        return try ScenarioLoader.load(file: file)
    }

    /// "Observed" series: the mean of `replications` replications of the
    /// scenario with `values` at `paths`, on `seed` (not the calibration's).
    static func observed(_ base: LoadedScenario, paths: [String], values: [Double], seed: UInt64, replications: Int) throws -> [String: [Double]] {
        let configuration = try ScenarioValues.configuration(base, paths: paths, values: values, file: base.file)
        let simulation = try Simulation(configuration: configuration)
        var sums: [String: [Double]] = [:]
        for r in 0..<replications {
            let minutes = simulation.run(seed: seed, replication: r).minutes
            for name in CalibrationProblem.seriesNames {
                let series = SeriesStatistics.series(name, of: minutes)
                sums[name] = zip(sums[name] ?? Array(repeating: 0, count: series.count), series).map { $0 + $1 }
            }
        }
        return sums.mapValues { $0.map { $0 / Double(replications) } }
    }

    static func problem(_ base: LoadedScenario, parameters: [CalibrationProblem.Parameter], observed: [String: [Double]],
                        targets: [String], replications: Int = 3, budget: Int, seed: UInt64 = 7) -> CalibrationProblem {
        let stream = CalibrationProblem.Stream(name: "past-stream", file: "past-stream.csv", sha256: "", scenario: base, observed: observed)
        return CalibrationProblem(name: "small-room", base: base, parameters: parameters, streams: [stream], targets: targets,
                                  replications: replications, budget: budget, seed: seed, fingerprint: "test")
    }

    /// Every file of a folder but the store and the manifest (which holds times and the thread count), as bytes.
    static func outputs(_ folder: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in CalibrationFileName.all where name != CalibrationFileName.store && name != CalibrationFileName.manifest {
            out[name] = try Data(contentsOf: URL(fileURLWithPath: (folder as NSString).appendingPathComponent(name)))
        }
        return out
    }

    /// A CSV file's rows (split on commas: the test files hold no quoted fields).
    static func csv(_ folder: String, _ name: String) throws -> [[String]] {
        let text = try String(contentsOfFile: (folder as NSString).appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }
}
