import Audience
import Foundation
import JSON

/// A sweep file read and checked: a base scenario, the field paths it varies
/// and the cells (one value per path each), replications per cell, the seed
/// every cell shares (common random numbers across cells) and the objective.
///
///     base: ../baseline.yaml        # relative to this file
///     replications: 10
///     objective: gmvYuan            # any KPI key
///     vary:                         # a grid: every combination, first path slowest
///       promotions[0].offers[0].priceYuan: [69, 99, 129]
///       host.charisma: [0.4, 0.8]
///     # or an explicit list of points instead of `vary`:
///     # points:
///     #   - {"promotions[0].offers[0].priceYuan": 69, host.charisma: 0.4}
public struct SweepDefinition: Sendable {
    /// The sweep file as given.
    public var file: String
    /// Used in the default output folder's name (the file's name without extension, unless `name` is given).
    public var name: String
    /// SHA-256 of the sweep file's bytes.
    public var sha256: String
    /// The base scenario, with no override.
    public var base: LoadedScenario
    /// The base file's path, relative to the working directory.
    public var baseFile: String
    public var replications: Int
    public var seed: UInt64
    public var objective: KPI
    /// The varied field paths, in column order.
    public var paths: [String]
    /// Per cell, one value per path.
    public var cells: [[JSONValue]]

    /// Most cells a sweep may have.
    public static let maximumCells = 100_000

    /// The scenario of `cell`: the base with the cell's values set.
    public func scenario(cell: Int) throws(ScenarioErrors) -> LoadedScenario {
        try base.source.load(overrides: Array(zip(paths, cells[cell])))
    }

    /// A fingerprint of everything the sweep's numbers depend on: the sweep
    /// file, every resolved base input, the seed and the replications.
    public var fingerprint: String {
        let parts = [sha256, base.resolvedSha256, String(seed), String(replications)] + base.inputs.map(\.sha256)
        return ScenarioLoader.sha256(Data(parts.joined(separator: "\n").utf8))
    }
}

/// Reads sweep files; every problem is reported at once, with file, line,
/// field path, value and what was expected.
public enum SweepLoader {
    static let keys = ["name", "description", "base", "replications", "seed", "objective", "vary", "points"]

    /// Loads and checks `file`; every cell's scenario is loaded once here, so
    /// a bad value fails before anything runs.
    /// - Parameters: seed, replications: command-line overrides.
    public static func load(file: String, seed seedOverride: UInt64? = nil,
                            replications replicationsOverride: Int? = nil) throws(ScenarioErrors) -> SweepDefinition {
        var head = try ExperimentFileHead(file: file, kind: "sweep", keys: keys, shape: "base, replications, objective and vary or points")
        let tree = head.tree, base = head.base, baseFile = head.baseFile
        func entry(_ key: String) -> YAMLNode? { head.entry(key) }
        let replications = head.integer("replications", in: 1...ScenarioLoader.maximumReplications, default: base.document.replications)
        let seed = head.seed(override: nil)
        var errors = head.errors
        var objective = KPI.gmvYuan
        if let n = entry("objective") {
            if case .string(let s) = n.value, let k = KPI(rawValue: s) { objective = k } else {
                errors.append(error(file, n, "objective", "a KPI key (\(KPI.allCases.map(\.key).joined(separator: ", ")))"))
            }
        }

        // The cells: a grid (`vary`) or explicit points. Each value is kept as
        // its node, so a bad one is reported where the sweep file writes it.
        var paths: [String] = []
        var pathNodes: [YAMLNode] = []
        var valueNodes: [[YAMLNode]] = []
        var cells: [[JSONValue]] = []
        switch (entry("vary"), entry("points")) {
        case (let vary?, nil):
            guard case .mapping(let axes) = vary.value, !axes.isEmpty else {
                errors.append(error(file, vary, "vary", "a mapping of field paths to lists of values"))
                break
            }
            for axis in axes {
                guard case .sequence(let values) = axis.value.value, !values.isEmpty else {
                    errors.append(error(file, axis.value, "vary.\(axis.key)", "a non-empty list of values for \(axis.key)"))
                    continue
                }
                paths.append(axis.key)
                pathNodes.append(YAMLNode(value: .string(axis.key), location: axis.keyLocation))
                valueNodes.append(values)
            }
            let count = valueNodes.reduce(1) { $0 * $1.count }
            guard errors.isEmpty, count <= SweepDefinition.maximumCells else {
                if count > SweepDefinition.maximumCells {
                    errors.append(error(file, vary, "vary", "at most \(SweepDefinition.maximumCells) cells", found: "\(count) cells"))
                }
                break
            }
            cells = [[]]
            for values in valueNodes { cells = cells.flatMap { prefix in values.map { prefix + [$0.json] } } }
        case (nil, let points?):
            guard case .sequence(let list) = points.value, !list.isEmpty, list.count <= SweepDefinition.maximumCells else {
                errors.append(error(file, points, "points", "a non-empty list of at most \(SweepDefinition.maximumCells) mappings of field paths to values"))
                break
            }
            for (i, point) in list.enumerated() {
                guard case .mapping(let members) = point.value, !members.isEmpty else {
                    errors.append(error(file, point, "points[\(i)]", "a mapping of field paths to values"))
                    continue
                }
                if i == 0 {
                    paths = members.map(\.key)
                    pathNodes = members.map { YAMLNode(value: .string($0.key), location: $0.keyLocation) }
                }
                guard Set(members.map(\.key)) == Set(paths), members.count == paths.count else {
                    errors.append(error(file, point, "points[\(i)]", "the same field paths as points[0] (\(paths.joined(separator: ", ")))"))
                    continue
                }
                cells.append(paths.map { path in members.first { $0.key == path }!.value.json })
            }
        case (nil, nil):
            errors.append(error(file, tree, "vary", "a `vary` grid or a `points` list", found: "neither"))
        case (_?, _?):
            errors.append(error(file, entry("points")!, "points", "either `vary` or `points`, not both"))
        }
        // Each path once, where the sweep file writes it.
        var goodPaths = Set<String>()
        for (path, node) in zip(paths, pathNodes) {
            guard let fieldPath = FieldPath(path) else {
                errors.append(error(file, node, path, "a field path such as promotions[0].offers[0].priceYuan"))
                continue
            }
            if let problem = fieldPath.problem(in: base.resolved) {
                errors.append(error(file, node, path, problem.expected, found: problem.value))
            } else {
                goodPaths.insert(path)
            }
        }
        // Each value of a grid once, alone on the base, where it is written.
        var reported = Set<String>()
        func report(_ found: [ScenarioError], at node: YAMLNode, context: String) {
            for var e in found where reported.insert("\(e.path)\u{0}\(e.value)\u{0}\(e.expected)").inserted {
                if e.file != file {
                    e.file = file; e.line = node.location.line; e.column = node.location.column
                    e.expected += " (\(context))"
                }
                errors.append(e)
            }
        }
        for (path, values) in zip(paths, valueNodes) where goodPaths.contains(path) {
            for value in values {
                do { _ = try head.base.source.load(overriding: [(path, value)]) } catch {
                    report(error.errors, at: value, context: "with \(path) = \(value.summary)")
                }
            }
        }
        guard errors.isEmpty else { throw ScenarioErrors(errors) }

        let sweep = SweepDefinition(file: file, name: head.name, sha256: head.sha256, base: base, baseFile: baseFile,
                                    replications: replicationsOverride ?? replications, seed: seedOverride ?? seed,
                                    objective: objective, paths: paths, cells: cells)
        guard (1...ScenarioLoader.maximumReplications).contains(sweep.replications) else {
            throw ScenarioErrors([ScenarioError(file: file, path: "replications", value: String(sweep.replications),
                                                expected: "1 to \(ScenarioLoader.maximumReplications)")])
        }
        guard sweep.seed <= ScenarioLoader.maximumSeed else {
            throw ScenarioErrors([ScenarioError(file: file, path: "seed", value: String(sweep.seed), expected: "0 to 2^53")])
        }
        // Every cell must be a valid scenario (values that are fine alone may
        // clash); each problem is reported once, at the cell's place in the file.
        let cellNode = entry("vary") ?? entry("points") ?? tree
        for cell in cells.indices {
            do { _ = try sweep.scenario(cell: cell) } catch {
                let values = zip(paths, cells[cell]).map { "\($0) = \($1.text())" }.joined(separator: ", ")
                var at = cellNode
                if case .sequence(let list) = cellNode.value, cell < list.count { at = list[cell] }
                report(error.errors, at: at, context: "in cell \(cell): \(values)")
            }
            if errors.count >= 20 { break }
        }
        guard errors.isEmpty else { throw ScenarioErrors(errors) }
        return sweep
    }

    private static func error(_ file: String, _ node: YAMLNode, _ path: String, _ expected: String, found: String? = nil) -> ScenarioError {
        ScenarioError(file: file, line: node.location.line, column: node.location.column, path: path,
                      value: found ?? node.summary, expected: expected)
    }
}

extension YAMLNode {
    /// The node as a JSON value (integers as numbers).
    package var json: JSONValue {
        switch value {
        case .null: .null
        case .bool(let b): .bool(b)
        case .integer(let i): .number(Double(i))
        case .number(let x): .number(x)
        case .string(let s): .string(s)
        case .sequence(let items): .array(items.map(\.json))
        case .mapping(let members): .object(members.map { .init($0.key, $0.value.json) })
        }
    }
}
