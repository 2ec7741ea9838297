import Audience
import Foundation
import JSON
import Scenario

/// An A/B test plan read and checked: the base plan, two arms (overrides of
/// the base; the first is the control), the metric compared per stream, the
/// test's α and the power wanted, the test lengths to evaluate and how many
/// tests to simulate at each.
///
///     base: ../baseline.yaml
///     arms:
///       A: {}
///       B: {channels.feed.coverClickThrough: 0.022}
///     design: streams                # each test stream runs one arm
///     metric: gmvYuan
///     alpha: 0.05
///     power: 0.8
///     streamsPerArm: [2, 4, 8, 16, 32]
///     simulations: 200
public struct ABTestDefinition: Sendable {
    public var file: String
    public var name: String
    public var sha256: String
    public var base: LoadedScenario
    public var baseFile: String
    /// The arms' names and overrides, the control first.
    public var arms: [(name: String, overrides: [(path: String, value: JSONValue)])]
    public var metric: KPI
    public var alpha: Double
    public var power: Double
    public var streamsPerArm: [Int]
    /// `streams` (each test stream runs one arm) or `viewers` (one stream's
    /// feed impressions split between the arms; lengths in impressions per arm).
    public var design: ABTestDesign
    /// Test lengths for `design: viewers`: feed impressions per arm.
    public var impressionsPerArm: [Int]
    public var simulations: Int
    /// Streams simulated per arm, which the simulated tests draw from.
    public var pool: Int
    public var seed: UInt64

    /// The scenario of arm `i`.
    public func scenario(arm i: Int) throws(ScenarioErrors) -> LoadedScenario {
        try base.source.load(overrides: arms[i].overrides)
    }

    /// The default pool: four times the longest test, at least 100 streams an arm.
    public static func defaultPool(_ streamsPerArm: [Int]) -> Int { max(100, 4 * (streamsPerArm.max() ?? 0)) }
}

/// How a test assigns its arms.
public enum ABTestDesign: String, Sendable {
    /// Each test stream runs one arm: streams are the unit, days differ.
    case streams
    /// One stream's feed impressions are split between two covers or titles:
    /// impressions are the unit, the metric is the arm's exposure→entry rate
    /// (its `channels.feed.coverClickThrough`), and the day is shared.
    case viewers
}

/// Reads A/B test plans; every problem is reported at once, with its line.
public enum ABTestLoader {
    static let keys = ["name", "description", "base", "arms", "design", "metric", "alpha", "power", "streamsPerArm", "impressionsPerArm",
                       "simulations", "pool", "seed"]

    public static func load(file: String, seed seedOverride: UInt64? = nil) throws(ScenarioErrors) -> ABTestDefinition {
        var head = try ExperimentFileHead(file: file, kind: "A/B test plan", keys: keys, shape: "base, arms and metric")
        func number(_ n: YAMLNode) -> Double? {
            switch n.value { case .integer(let i): Double(i); case .number(let x): x; default: nil }
        }
        var arms: [(name: String, overrides: [(path: String, value: JSONValue)])] = []
        if let node = head.entry("arms"), case .mapping(let members) = node.value, members.count == 2 {
            for m in members {
                guard case .mapping(let fields) = m.value.value else {
                    head.error(m.value, "arms.\(m.key)", "a mapping of field paths to values ({} for the base as it is)")
                    continue
                }
                var overrides: [(path: String, value: JSONValue)] = []
                for f in fields {
                    guard let path = FieldPath(f.key) else {
                        head.error(at: f.keyLocation, "arms.\(m.key).\(f.key)", value: JSONValue.quote(f.key), expected: "a field path")
                        continue
                    }
                    if let problem = path.problem(in: head.base.resolved) {
                        head.error(at: f.keyLocation, "arms.\(m.key).\(f.key)", value: problem.value, expected: problem.expected)
                        continue
                    }
                    overrides.append((f.key, f.value.json))
                }
                do { _ = try head.base.source.load(overrides: overrides) } catch {
                    for var e in error.errors.prefix(3) {
                        if e.file != file { e.file = file; e.line = m.value.location.line; e.column = m.value.location.column; e.expected += " (arm \(m.key))" }
                        head.errors.append(e)
                    }
                }
                arms.append((m.key, overrides))
            }
        } else {
            head.error(head.entry("arms") ?? head.tree, "arms", "two arms, the control first: {A: {}, B: {field.path: value}}",
                       found: head.entry("arms") == nil ? "missing" : nil)
        }
        var design = ABTestDesign.streams
        if let n = head.entry("design") {
            if case .string(let text) = n.value, let d = ABTestDesign(rawValue: text) { design = d } else {
                head.error(n, "design", "streams (each test stream runs one arm) or viewers (one stream's feed impressions split between the arms)")
            }
        }
        var impressions = [1_000, 5_000, 20_000, 50_000, 100_000]
        if let n = head.entry("impressionsPerArm") {
            if case .sequence(let items) = n.value, !items.isEmpty,
               case let values = items.compactMap({ i -> Int? in if case .integer(let v) = i.value, (10...100_000_000).contains(v) { v } else { nil } }),
               values.count == items.count, Set(values).count == values.count {
                impressions = values.sorted()
            } else {
                head.error(n, "impressionsPerArm", "a list of different whole numbers from 10 to 100000000")
            }
        }
        var metric = KPI.gmvYuan
        if let n = head.entry("metric") {
            if case .string(let s) = n.value, let k = KPI(rawValue: s) { metric = k } else {
                head.error(n, "metric", "a KPI key (\(KPI.allCases.map(\.key).joined(separator: ", ")))")
            }
        }
        func fraction(_ key: String, _ fallback: Double) -> Double {
            guard let n = head.entry(key) else { return fallback }
            if let x = number(n), x > 0, x < 1 { return x }
            head.error(n, key, "a number between 0 and 1")
            return fallback
        }
        let alpha = fraction("alpha", 0.05), power = fraction("power", 0.8)
        var lengths = [2, 4, 8, 16, 32]
        if let n = head.entry("streamsPerArm") {
            if case .sequence(let items) = n.value, !items.isEmpty,
               case let values = items.compactMap({ i -> Int? in if case .integer(let v) = i.value, (2...10_000).contains(v) { v } else { nil } }),
               values.count == items.count, Set(values).count == values.count {
                lengths = values.sorted()
            } else {
                head.error(n, "streamsPerArm", "a list of different whole numbers from 2 to 10000")
            }
        }
        let simulations = head.integer("simulations", in: 10...100_000, default: 200)
        let pool = head.integer("pool", in: 4...100_000, default: ABTestDefinition.defaultPool(lengths))
        if pool < 2 * (lengths.max() ?? 0), let n = head.entry("pool") {
            head.error(n, "pool", "at least twice the longest test (\(2 * (lengths.max() ?? 0)) streams: an A/A test draws both its groups from the control's)")
        }
        let seed = head.seed(override: seedOverride)
        try head.check()
        if design == .viewers {
            for (i, arm) in arms.enumerated() {
                let scenario = try? head.base.source.load(overrides: arm.overrides)
                if scenario?.document.channels.feed == nil {
                    head.error(head.entry("arms") ?? head.tree, "arms.\(arms[i].name)", "a feed channel in every arm (design viewers splits the feed's impressions)")
                }
            }
        }
        try head.check()
        return ABTestDefinition(file: file, name: head.name, sha256: head.sha256, base: head.base, baseFile: head.baseFile, arms: arms,
                                metric: metric, alpha: alpha, power: power, streamsPerArm: lengths, design: design,
                                impressionsPerArm: impressions, simulations: simulations, pool: pool, seed: seed)
    }
}
