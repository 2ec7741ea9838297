import Foundation
import JSON
import Scenario

/// One scenario field path a calibration fits, with its bounds: the
/// engine's parameter, as the calibration file states it.
public typealias FitParameter = CalibrationProblem.Parameter

/// One past stream of a calibration: its export read, and what that stream
/// did differently from the base scenario (its `set:` overrides).
public struct CalibrationStream: Sendable {
    /// The export, read.
    public var observed: ObservedStream
    /// Field path → value, applied to the base before the fitted values.
    public var set: [(path: String, value: JSONValue)]

    public init(observed: ObservedStream, set: [(path: String, value: JSONValue)] = []) {
        self.observed = observed; self.set = set
    }
}

/// A calibration file read and checked: the base scenario, the past streams
/// it is fitted to (their exports read), the field paths fitted with their
/// bounds, the series compared, and the budget of simulator evaluations.
///
///     base: ../baseline.yaml        # relative to this file
///     observed:
///       - file: past/2026-11-20.csv # relative to this file; CSV or .xlsx
///         columns: {在线: concurrentViewers}
///         set: {host.charisma: 0.7}
///     fit:
///       viewers.meanStaySecondsAtReference: {min: 30, max: 400}
///       viewers.clickToOrderAtReference: {min: 0.0005, max: 0.05, scale: log}
///     targets: [concurrentViewers, orders]   # default: every series the files have
///     replications: 4
///     budget: 400
public struct CalibrationDefinition: Sendable {
    /// The calibration file as given.
    public var file: String
    /// Used in the default output folder's name (the file's name without extension, unless `name` is given).
    public var name: String
    /// Free text for people (`description:`), empty when absent.
    public var description: String
    /// SHA-256 of the calibration file's bytes.
    public var sha256: String
    /// The base scenario, with no override.
    public var base: LoadedScenario
    /// The base file's path, relative to the working directory.
    public var baseFile: String
    /// The past streams, in the file's order.
    public var streams: [CalibrationStream]
    /// The fitted paths, in the file's order (the order of `values` in ``scenario(stream:values:)``).
    public var fit: [FitParameter]
    /// The series compared, in the contract's order.
    public var targets: [ObservedSeries]
    /// Replications per evaluation.
    public var replications: Int
    /// Simulator evaluations at most.
    public var budget: Int
    /// The seed every evaluation shares (common random numbers across evaluations).
    public var seed: UInt64

    /// Replications per evaluation when the file gives none.
    public static let defaultReplications = 4
    /// Most replications per evaluation.
    public static let maximumReplications = 1_000
    /// Evaluations when the file gives none (raised to ``recommendedBudget(parameters:)`` for many paths).
    public static let defaultBudget = 400
    /// Most evaluations.
    public static let maximumBudget = 100_000
    /// Fewest evaluations for `parameters` fitted paths: ten per dimension
    /// of the search, counting the objective's level as one, below which no
    /// search can tell a direction from noise.
    public static func minimumBudget(parameters: Int) -> Int { 10 * (parameters + 1) }

    /// The observed streams' notes (ignored columns and the like), each
    /// prefixed with its export's file name.
    public var notes: [String] {
        var notes = streams.flatMap { s in s.observed.notes.map { "\(s.observed.file): \($0)" } }
        let recommended = Self.recommendedBudget(parameters: fit.count)
        if budget < recommended {
            notes.append("\(file): budget \(budget) for \(fit.count) fitted paths: the intervals may come out too narrow below about \(recommended) (20 × paths²; Docs/experiments.md)")
        }
        return notes
    }

    /// The budget below which the profiles get too few evaluations for honest
    /// intervals, as measured on the shipped example: three paths were
    /// recovered well at 200 (22 × 3²), six were too narrow at 400
    /// (11 × 6²) and recovered well at 1,000 (28 × 6²). A rule of thumb, 20 × d².
    public static func recommendedBudget(parameters d: Int) -> Int { 20 * d * d }

    /// The scenario of past stream `stream` with the fitted paths at
    /// `values` (one per ``fit`` entry, in order): the base, the stream's
    /// `set:`, then the values (rounded where the scenario wants whole numbers).
    public func scenario(stream: Int, values: [Double]) throws(ScenarioErrors) -> LoadedScenario {
        precondition(values.count == fit.count, "one value per fitted path")
        let fitted = zip(fit, values).map { parameter, value in
            (path: parameter.path, value: JSONValue.number(parameter.integer ? value.rounded() : value))
        }
        return try base.source.load(overrides: streams[stream].set + fitted)
    }

    /// A fingerprint of everything an evaluation's numbers depend on (a
    /// resumable store checks it): every resolved base input, each export's
    /// bytes and its stream's `set:`, the fitted paths with their bounds and
    /// scales, the targets, the seed and the replications. Not the budget, nor
    /// the calibration file's comments: raising the budget extends a
    /// calibration from its store.
    public var fingerprint: String {
        let parts = [base.resolvedSha256, String(seed), String(replications), targets.map(\.rawValue).joined(separator: ",")]
            + base.inputs.map(\.sha256)
            + streams.map { s in ([s.observed.sha256] + s.set.map { "\($0.path)=\($0.value.text())" }).joined(separator: " ") }
            + fit.map { "\($0.path) \($0.min) \($0.max) \($0.logScale) \($0.integer)" }
        return ScenarioLoader.sha256(Data(parts.joined(separator: "\n").utf8))
    }
}

/// Reads calibration files; every problem is reported at once, with file,
/// line, column, field path, value and what was expected. A problem in an
/// export is reported at its row and column in the export.
public enum CalibrationLoader {
    static let keys = ["name", "description", "base", "observed", "fit", "targets", "replications", "budget", "seed"]
    static let observedKeys = ["file", "columns", "set"]
    static let fitKeys = ["min", "max", "scale"]

    /// Loads and checks `file`: the base, every export, every `set` and
    /// every bound are read here, so a bad one fails before anything runs.
    /// - Parameter seed: the command line's `--seed`, overriding the file's.
    public static func load(file: String, seed seedOverride: UInt64? = nil) throws(ScenarioErrors) -> CalibrationDefinition {
        var head = try ExperimentFileHead(file: file, kind: "calibration", keys: keys, shape: "base, observed and fit")
        let tree = head.tree, base = head.base, baseFile = head.baseFile
        func entry(_ key: String) -> YAMLNode? { head.entry(key) }
        func relative(_ name: String) -> String { head.relative(name) }
        let replications = head.integer("replications", in: 1...CalibrationDefinition.maximumReplications,
                                        default: CalibrationDefinition.defaultReplications)
        let seed = head.seed(override: seedOverride)
        var errors = head.errors

        // Overrides and bounds are each loaded onto the base; a problem is
        // reported once, where the calibration file writes the value.
        var reported = Set<String>()
        func report(_ found: [ScenarioError], at node: YAMLNode, context: String) {
            for var e in found {
                if e.file != file {
                    e.file = file; e.line = node.location.line; e.column = node.location.column
                    e.expected += " (\(context))"
                }
                if reported.insert(e.description).inserted { errors.append(e) }
            }
        }
        /// Whether `key` names a field of the base, reporting why not at `keyNode`.
        func checkPath(_ key: String, at keyNode: YAMLNode) -> FieldPath? {
            guard let path = FieldPath(key) else {
                errors.append(error(file, keyNode, key, "a field path such as promotions[0].offers[0].priceYuan", found: JSONValue.quote(key)))
                return nil
            }
            if let problem = path.problem(in: base.resolved) {
                errors.append(error(file, keyNode, key, problem.expected, found: problem.value))
                return nil
            }
            return path
        }

        // The fitted paths and their bounds.
        var fit: [FitParameter] = []
        if let fitNode = entry("fit") {
            if case .mapping(let members) = fitNode.value, !members.isEmpty {
                for member in members {
                    let keyNode = YAMLNode(.string(member.key), at: member.keyLocation)
                    let at = "fit.\(member.key)"
                    guard let path = checkPath(member.key, at: keyNode) else { continue }
                    let integer: Bool
                    switch path.schemaNode {
                    case .number?: integer = false
                    case .integer?: integer = true
                    default:
                        errors.append(error(file, keyNode, member.key, "a numeric field (a number or a whole number) to fit",
                                            found: "a field that is not a number"))
                        continue
                    }
                    guard case .mapping(let bounds) = member.value.value else {
                        errors.append(error(file, member.value, at, "a mapping {min: …, max: …, scale: linear|log}"))
                        continue
                    }
                    for b in bounds where !fitKeys.contains(b.key) {
                        errors.append(ScenarioError(file: file, line: b.keyLocation.line, column: b.keyLocation.column, path: "\(at).\(b.key)",
                                                    value: "an unknown key", expected: "one of \(fitKeys.joined(separator: ", "))"))
                    }
                    func bound(_ key: String) -> (Double, YAMLNode)? {
                        guard let node = bounds.first(where: { $0.key == key })?.value else {
                            errors.append(error(file, member.value, "\(at).\(key)", "a number", found: "missing"))
                            return nil
                        }
                        switch node.value {
                        case .integer(let i): return (Double(i), node)
                        case .number(let x) where x.isFinite: return (x, node)
                        default: errors.append(error(file, node, "\(at).\(key)", "a number")); return nil
                        }
                    }
                    let low = bound("min"), high = bound("max")
                    var logScale = false
                    if let s = bounds.first(where: { $0.key == "scale" })?.value {
                        if case .string(let t) = s.value, t == "linear" || t == "log" { logScale = t == "log" } else {
                            errors.append(error(file, s, "\(at).scale", "linear or log"))
                        }
                    }
                    guard let low, let high else { continue }
                    let (lowest, minNode) = low, (highest, maxNode) = high
                    var good = true
                    if !(lowest < highest) {
                        errors.append(error(file, maxNode, "\(at).max", "a number above min (\(minNode.summary))")); good = false
                    }
                    if logScale && lowest <= 0 {
                        errors.append(error(file, minNode, "\(at).min", "a number above 0 (scale: log)")); good = false
                    }
                    for node in [minNode, maxNode] {
                        let before = errors.count
                        do { _ = try head.base.source.load(overriding: [(member.key, node)]) } catch {
                            report(error.errors, at: node, context: "with \(member.key) = \(node.summary)")
                        }
                        if errors.count > before { good = false }
                    }
                    if good {
                        fit.append(FitParameter(path: member.key, min: lowest, max: highest, logScale: logScale, integer: integer))
                    }
                }
            } else {
                errors.append(error(file, fitNode, "fit", "a mapping of field paths to {min, max, scale}"))
            }
        } else {
            errors.append(error(file, tree, "fit", "a mapping of field paths to {min, max, scale}", found: "missing"))
        }

        /// One `observed` entry: its keys checked, its `set` loaded onto the
        /// base, its export read; nil when something is wrong (reported in `errors`).
        func readStream(_ item: YAMLNode, index i: Int) -> CalibrationStream? {
            let at = "observed[\(i)]"
            guard case .mapping(let members) = item.value else {
                errors.append(error(file, item, at, "a mapping {file, columns, set}"))
                return nil
            }
            let before = errors.count
            for m in members where !observedKeys.contains(m.key) {
                errors.append(ScenarioError(file: file, line: m.keyLocation.line, column: m.keyLocation.column, path: "\(at).\(m.key)",
                                            value: "an unknown key", expected: "one of \(observedKeys.joined(separator: ", "))"))
            }
            func member(_ key: String) -> YAMLNode? { members.first { $0.key == key }?.value }

            var columns: [String: ExportColumn] = [:]
            var columnKeys: [String: SourceLocation] = [:]
            if let node = member("columns") {
                if case .mapping(let mappings) = node.value {
                    for m in mappings {
                        guard case .string(let target) = m.value.value, let column = ExportColumn(name: target) else {
                            errors.append(error(file, m.value, "\(at).columns.\(m.key)", "one of \(ExportColumn.names.joined(separator: ", "))"))
                            continue
                        }
                        columns[m.key] = column
                        columnKeys[m.key] = m.keyLocation
                    }
                } else {
                    errors.append(error(file, node, "\(at).columns", "a mapping of column headers to series names ({在线: concurrentViewers})"))
                }
            }

            // The stream's overrides, loaded onto the base together (one may
            // need another: a shorter stream with a shorter run of show); a
            // problem at an overridden path points at its value here.
            var set: [(path: String, value: JSONValue)] = []
            var setNodes: [(path: String, node: YAMLNode)] = []
            var scenario: LoadedScenario?
            let setBefore = errors.count
            if let node = member("set") {
                if case .mapping(let overrides) = node.value {
                    for o in overrides where checkPath(o.key, at: YAMLNode(.string(o.key), at: o.keyLocation)) != nil {
                        set.append((o.key, o.value.json))
                        setNodes.append((o.key, o.value))
                    }
                } else {
                    errors.append(error(file, node, "\(at).set", "a mapping of field paths to values ({host.charisma: 0.7})"))
                }
            }
            if errors.count == setBefore {
                do { scenario = try head.base.source.load(overriding: setNodes) } catch {
                    report(error.errors, at: member("set") ?? item, context: "with \(at).set")
                }
            }

            guard let fileNode = member("file"), case .string(let exportName) = fileNode.value, !exportName.isEmpty else {
                errors.append(error(file, member("file") ?? item, "\(at).file", "the path of a per-minute export (CSV or .xlsx, relative to the calibration file)",
                                    found: member("file") == nil ? "missing" : nil))
                return nil
            }
            let observed: ObservedStream
            do { observed = try ExportReader.read(file: relative(exportName), columns: columns) } catch {
                if let mapping = error.mapping, let l = columnKeys[mapping] {
                    errors.append(ScenarioError(file: file, line: l.line, column: l.column, path: "\(at).columns.\(mapping)",
                                                value: "\(error.value) in \(error.file)", expected: error.expected))
                } else {
                    errors.append(ScenarioError(file: error.file, line: error.row, column: error.column, path: error.header ?? "",
                                                value: error.value, expected: error.expected))
                }
                return nil
            }
            guard errors.count == before, let scenario else { return nil }
            // The stream must be long enough for the export.
            let duration = scenario.configuration.durationMinutes
            if Double(observed.minutes) > duration {
                errors.append(error(file, fileNode, "\(at).file", "an export no longer than the stream it is compared with (stream.durationMinutes: \(JSONValue.format(duration)); a stream that ran longer says so in `set`)",
                                    found: "\(observed.minutes) minutes of data"))
                return nil
            }
            return CalibrationStream(observed: observed, set: set)
        }

        // The past streams.
        var streams: [CalibrationStream] = []
        var streamNodes: [YAMLNode] = []
        var allStreamsRead = false
        if let observedNode = entry("observed") {
            if case .sequence(let items) = observedNode.value, !items.isEmpty {
                for (i, item) in items.enumerated() {
                    if let stream = readStream(item, index: i) {
                        streams.append(stream)
                        streamNodes.append(item)
                    }
                }
                allStreamsRead = streams.count == items.count
            } else {
                errors.append(error(file, observedNode, "observed", "a non-empty list of past streams ({file, columns, set})"))
            }
        } else {
            errors.append(error(file, tree, "observed", "a list of past streams ({file, columns, set})", found: "missing"))
        }
        // A fitted path is the model's to find, not a stream's to set.
        for (i, stream) in streams.enumerated() {
            for (path, _) in stream.set where fit.contains(where: { $0.path == path }) {
                errors.append(error(file, streamNodes[i], "observed[\(i)].set.\(path)", "a path that is not also fitted",
                                    found: "\(path), which `fit` fits"))
            }
        }

        // The series compared: every one the files have, unless given.
        let available = Set(streams.flatMap(\.observed.observedSeries))
        var targets = available.sorted()
        if let targetsNode = entry("targets") {
            if case .sequence(let items) = targetsNode.value, !items.isEmpty {
                var chosen: [ObservedSeries] = []
                for (i, item) in items.enumerated() {
                    guard case .string(let s) = item.value, let series = ObservedSeries(rawValue: s) else {
                        errors.append(error(file, item, "targets[\(i)]", "a series: \(ObservedSeries.allCases.map(\.rawValue).joined(separator: ", "))"))
                        continue
                    }
                    if chosen.contains(series) {
                        errors.append(error(file, item, "targets[\(i)]", "each series once"))
                    } else if allStreamsRead && !available.contains(series) {
                        errors.append(error(file, item, "targets[\(i)]", "a series one of the observed files has (\(available.sorted().map(\.rawValue).joined(separator: ", ")))",
                                            found: "\(s), which no observed file has"))
                    } else {
                        chosen.append(series)
                    }
                }
                targets = chosen.sorted()
            } else {
                errors.append(error(file, targetsNode, "targets", "a non-empty list of series names"))
            }
        }

        let floor = CalibrationDefinition.minimumBudget(parameters: fit.count)
        var budget = Swift.max(CalibrationDefinition.defaultBudget, floor, CalibrationDefinition.recommendedBudget(parameters: fit.count))
        if let n = entry("budget") {
            if case .integer(let b) = n.value, (floor...CalibrationDefinition.maximumBudget).contains(b) { budget = b } else {
                errors.append(error(file, n, "budget", "a whole number of evaluations from \(floor) (10 × (fitted paths + 1)) to \(CalibrationDefinition.maximumBudget)"))
            }
        }
        guard errors.isEmpty else { throw ScenarioErrors(errors) }

        let calibration = CalibrationDefinition(file: file, name: head.name, description: head.description, sha256: head.sha256, base: base,
                                                baseFile: baseFile, streams: streams, fit: fit, targets: targets,
                                                replications: replications, budget: budget, seed: seed)
        // Every corner of the box is a valid scenario for every stream
        // (bounds fine alone may clash with a stream's `set` or each other):
        // checked at the lower and the upper corner, reported at the stream.
        for i in streams.indices {
            for corner in [fit.map(\.min), fit.map(\.max)] {
                do { _ = try calibration.scenario(stream: i, values: corner) } catch {
                    let values = zip(fit, corner).map { "\($0.path) = \(JSONValue.format($1))" }.joined(separator: ", ")
                    report(error.errors, at: streamNodes[i], context: "for observed[\(i)] with \(values)")
                }
            }
        }
        guard errors.isEmpty else { throw ScenarioErrors(errors) }
        return calibration
    }

    private static func error(_ file: String, _ node: YAMLNode, _ path: String, _ expected: String, found: String? = nil) -> ScenarioError {
        ScenarioError(file: file, line: node.location.line, column: node.location.column, path: path,
                      value: found ?? node.summary, expected: expected)
    }
}
