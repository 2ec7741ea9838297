import Experiments
import Foundation
import Scenario

/// What a calibration fits: field paths of a scenario with their bounds, the
/// past streams (each a scenario and its observed per-minute series), the
/// series compared, and the effort (replications per evaluation, budget of
/// evaluations, seed). The calibration file's loader builds it; tests build
/// it in code. Nothing here reads files: every evaluation works on values
/// already in memory.
public struct CalibrationProblem: Sendable {
    /// One fitted field path (`viewers.meanStaySecondsAtReference`) and its bounds.
    public struct Parameter: Sendable, Equatable {
        /// A scenario field path, as a sweep names it.
        public var path: String
        /// The bounds: the search never leaves them (the scenario must be valid at both).
        public var min: Double
        public var max: Double
        /// Search and report it on a log scale (bounds must then be positive):
        /// for rates and probabilities spanning orders of magnitude.
        public var logScale: Bool
        /// A whole-number field (units, minutes): values are rounded before they are written in.
        public var integer: Bool

        public init(path: String, min: Double, max: Double, logScale: Bool = false, integer: Bool = false) {
            self.path = path; self.min = min; self.max = max; self.logScale = logScale; self.integer = integer
        }
    }

    /// One past stream: what it ran and what it measured.
    public struct Stream: Sendable {
        /// The stream's name in `fit.csv` and the report (the observed file's name, say).
        public var name: String
        /// The observed file, as given, and the SHA-256 of its bytes (for the manifest).
        public var file: String
        public var sha256: String
        /// The scenario this stream ran: the base with the stream's own `set`
        /// written in. The fitted paths are written into its resolved form
        /// for each evaluation (no file is read again).
        public var scenario: LoadedScenario
        /// Series name (as `timeseries.csv` names its columns: `concurrentViewers`,
        /// `entries`, `exits`, `interactions`, `productClicks`, `orders`, `gmvYuan`)
        /// → per-minute values from minute 0.
        public var observed: [String: [Double]]

        public init(name: String, file: String, sha256: String, scenario: LoadedScenario, observed: [String: [Double]]) {
            self.name = name; self.file = file; self.sha256 = sha256; self.scenario = scenario; self.observed = observed
        }
    }

    /// The calibration's name (output folder names, the report's title).
    public var name: String
    /// The calibration file as given (for the manifest); empty when built in code.
    public var file: String
    /// The base scenario with no stream's `set`: what `calibrated.yaml` writes the estimates into.
    public var base: LoadedScenario
    /// The fitted paths, in the order of every output's columns (shared by all streams: fitted jointly).
    public var parameters: [Parameter]
    /// The past streams; their deviances add up.
    public var streams: [Stream]
    /// Series compared (each must be in every stream's `observed`).
    public var targets: [String]
    /// Replications per evaluation: replications 0..<R of `seed`, the same for every evaluation.
    public var replications: Int
    /// Simulator evaluations at most (each runs `replications` replications of every stream).
    public var budget: Int
    /// The master seed of every evaluation's replications.
    public var seed: UInt64
    /// Identifies the inputs for the results store (the calibration file's and
    /// observed files' hashes, say); the engine adds its own settings to it.
    public var fingerprint: String

    public init(name: String, file: String = "", base: LoadedScenario, parameters: [Parameter], streams: [Stream], targets: [String],
                replications: Int, budget: Int, seed: UInt64, fingerprint: String) {
        self.name = name; self.file = file; self.base = base; self.parameters = parameters; self.streams = streams
        self.targets = targets; self.replications = replications; self.budget = budget; self.seed = seed
        self.fingerprint = fingerprint
    }

    /// Series a stream can be compared on, in `timeseries.csv` order.
    public static let seriesNames = ObservedSeries.allCases.map(\.rawValue)

    /// Most parameters fitted at once (Sobol points in GSL have at most 40 dimensions).
    public static let maximumParameters = 40

    /// Checks everything an evaluation relies on, so a bad problem fails
    /// before anything runs: bounds, series, observed values, streams that
    /// are streams (not seasons), paths that exist in each stream's resolved
    /// scenario, and the scenario at both corners of the box.
    public func check() throws(ExperimentError) {
        guard !parameters.isEmpty, parameters.count <= Self.maximumParameters else {
            throw .badInput("fit: \(parameters.count) parameters; expected 1 to \(Self.maximumParameters)")
        }
        var seen = Set<String>()
        for p in parameters {
            guard seen.insert(p.path).inserted else { throw .badInput("fit: \(p.path) appears twice; expected each path once") }
            guard p.min.isFinite, p.max.isFinite, p.min < p.max else {
                throw .badInput("fit.\(p.path): min \(p.min), max \(p.max); expected finite bounds with min < max")
            }
            if p.logScale, p.min <= 0 {
                throw .badInput("fit.\(p.path): min \(p.min) on a log scale; expected positive bounds")
            }
        }
        guard !streams.isEmpty else { throw .badInput("observed: no stream; expected at least one past stream") }
        guard !targets.isEmpty else { throw .badInput("targets: empty; expected at least one series") }
        for t in targets where !Self.seriesNames.contains(t) {
            throw .badInput("targets: \(t); expected one of \(Self.seriesNames.joined(separator: ", "))")
        }
        guard (2...ScenarioLoader.maximumReplications).contains(replications) else {
            throw .badInput("replications: \(replications); expected 2 to \(ScenarioLoader.maximumReplications) (the spread across replications scales the deviance)")
        }
        guard budget >= 1 else { throw .badInput("budget: \(budget); expected at least 1 evaluation") }
        try ReplicationSettings.check(seed: seed)
        for stream in streams {
            guard stream.scenario.document.season == nil else {
                throw .badInput("\(stream.file): the scenario has a season; expected a single stream to calibrate")
            }
            for t in targets {
                guard let values = stream.observed[t], !values.isEmpty else {
                    throw .badInput("\(stream.file): no \(t) series; expected every target series in every observed stream")
                }
                if let bad = values.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
                    throw .badInput("\(stream.file): \(t) at minute \(bad) is \(values[bad]); expected a finite value ≥ 0")
                }
            }
            let space = ParameterSpace(parameters)
            for corner in [0.0, 1.0] {
                _ = try ScenarioValues.configuration(stream.scenario, paths: parameters.map(\.path),
                                                     values: space.values(Array(repeating: corner, count: parameters.count)),
                                                     file: stream.file)
            }
        }
    }
}
