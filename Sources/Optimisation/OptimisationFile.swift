import Audience
import Foundation
import JSON
import Scenario

/// An optimisation file read and checked: the base plan, the decisions
/// (field paths with their ranges or lists of values), the constraints on
/// the scenario, the requirements on results, the objective and the budget.
///
///     base: ../baseline.yaml           # relative to this file
///     objective: profitYuan            # any KPI key; maximised (minimised for costs, returns, lost sales)
///     statistic: mean                  # or p5: the 5th percentile across replications (risk-averse)
///     decisions:
///       promotions[0].offers[0].priceYuan: {min: 59, max: 199}
///       promotions[1].offers[3].units: {min: 50, max: 1000, integer: true}
///       events[2].drawMinute: {values: [160, 165, 170]}
///       promotions[1].offers[3].fromMinute: {min: 20, max: 140, integer: true, moves: [promotions[1].offers[3].toMinute]}
///     constraints:
///       - {sum: [channels.feed.boosts[0].budgetYuan, channels.feed.boosts[1].budgetYuan], max: 20000}
///       - {apart: [promotions[1].offers[3].fromMinute, events[1].drawMinute], by: 10}
///     requirements:
///       - {kpi: roi, min: 3}
///     budget: 300                      # replication-runs of the search
///     replications: 10                 # the selection's first stage, on fresh seeds
public struct OptimisationDefinition: Sendable {
    /// The optimisation file as given.
    public var file: String
    /// Used in the default output folder's name (the file's name without extension, unless `name` is given).
    public var name: String
    public var description: String
    /// SHA-256 of the file's bytes.
    public var sha256: String
    /// The base plan, with no override.
    public var base: LoadedScenario
    /// The base file's path, relative to the working directory.
    public var baseFile: String
    public var objective: KPI
    public var statistic: OptimisationStatistic
    public var decisions: [OptimisationDecision]
    public var constraints: [OptimisationConstraint]
    public var requirements: [OptimisationRequirement]
    /// Replication-runs the search may use (the selection excluded).
    public var budget: Int
    /// The selection's first-stage replications per finalist (n₀), on fresh seeds.
    public var replications: Int
    /// The selection's indifference zone in the objective's units (nil: 1% of
    /// the leading candidate's objective, see ``Selection``).
    public var indifferenceZone: Double?
    /// Finalists at most in the selection.
    public var finalists: Int
    public var seed: UInt64
    /// What the loader noticed but accepted (a constraint's path the base does not have), each with its file and line.
    public var notes: [String] = []

    public static let defaultBudget = 300
    public static let maximumBudget = 1_000_000
    public static let defaultReplications = 10
    public static let defaultFinalists = 4

    /// The decision paths, in the file's order.
    public var paths: [String] { decisions.map(\.path) }

    /// The base with the decisions at `values` (one per decision, in order).
    public func scenario(values: [JSONValue]) throws(ScenarioErrors) -> LoadedScenario {
        try base.source.load(overrides: overrides(values: values))
    }

    /// The field paths and values a plan sets: each decision's, then the paths
    /// it moves along (each by as much as the decision moved from the base's value).
    public func overrides(values: [JSONValue]) -> [(path: String, value: JSONValue)] {
        var out = Array(zip(paths, values)).map { (path: $0.0, value: $0.1) }
        for (decision, value) in zip(decisions, values) where !decision.moves.isEmpty {
            guard case .number(let x) = value, case .number(let from)? = baseValue(decision.path) else { continue }
            for path in decision.moves {
                if case .number(let y)? = baseValue(path) { out.append((path, .number(y + x - from))) }
            }
        }
        return out
    }

    /// The base's value at a field path (its resolved form: defaults included).
    public func baseValue(_ path: String) -> JSONValue? {
        FieldPath(path).flatMap { base.resolved.value(at: $0.components[...]) }
    }

    /// A fingerprint of everything a run's numbers depend on (the store checks
    /// it): every resolved base input, the decision paths and the seed. Not the
    /// objective, the requirements, the budget or the ranges: a run of a plan is
    /// the same run whatever is asked of it, so changing those reuses the store.
    public var fingerprint: String {
        let parts = [base.resolvedSha256, String(seed), paths.joined(separator: "\n")] + base.inputs.map(\.sha256)
        return ScenarioLoader.sha256(Data(parts.joined(separator: "\n").utf8))
    }
}

/// Which statistic of the objective across replications is optimised.
public enum OptimisationStatistic: String, Sendable, CaseIterable {
    /// The expected outcome.
    case mean
    /// The 5th percentile across replications: a bad day's outcome (risk-averse).
    case p5
}

/// One decision: a scenario field path and the values it may take.
public struct OptimisationDecision: Sendable, Equatable {
    public enum Domain: Sendable, Equatable {
        /// A number in [min, max]; whole numbers only when `integer`.
        case range(min: Double, max: Double, integer: Bool)
        /// One of a list (numbers or text, such as a product id).
        case values([JSONValue])
    }

    public var path: String
    public var domain: Domain
    /// Paths moved by as much as this one moves from the base's value (a
    /// window's end with its start, so that the window keeps its length).
    public var moves: [String]

    public init(path: String, domain: Domain, moves: [String] = []) { self.path = path; self.domain = domain; self.moves = moves }

    /// Whether the search moves it continuously (a range) rather than picking from a list.
    public var isRange: Bool { if case .range = domain { true } else { false } }

    /// The value at unit coordinate `u` in [0, 1]: linear over a range (rounded
    /// to whole numbers where asked), equal shares of [0, 1] per listed value.
    public func value(unit u: Double) -> JSONValue {
        let u = Swift.min(1, Swift.max(0, u))
        switch domain {
        case .range(let lo, let hi, let integer):
            let x = lo + u * (hi - lo)
            if integer { return .number(Swift.min(hi.rounded(.down), Swift.max(lo.rounded(.up), x.rounded()))) }
            // Divided by the inverse step where it is below 1 (156.6, not 156.60000000000002).
            let step = resolution
            let rounded = step < 1 ? (x * (1 / step).rounded()).rounded() / (1 / step).rounded() : (x / step).rounded() * step
            return .number(Swift.min(hi, Swift.max(lo, rounded)))
        case .values(let list):
            return list[Swift.min(list.count - 1, Int(u * Double(list.count)))]
        }
    }

    /// The step a continuous range is searched on: a thousandth of the range,
    /// rounded down to a power of ten (¥0.1 on a price range of ¥140, ¥10 on a
    /// budget range of ¥12,000), so plans read as a planner writes them and
    /// nearby points of the search are the same plan, run once.
    public var resolution: Double {
        guard case .range(let lo, let hi, _) = domain, hi > lo else { return 1 }
        return pow(10, log10((hi - lo) / 1000).rounded(.down))
    }

    /// The unit coordinate of `value` (the middle of its share for a listed
    /// value); nil when the value is outside the domain.
    public func unit(of value: JSONValue) -> Double? {
        switch domain {
        case .range(let lo, let hi, let integer):
            guard case .number(let x) = value, x >= lo, x <= hi, !integer || x == x.rounded() else { return nil }
            return hi > lo ? (x - lo) / (hi - lo) : 0.5
        case .values(let list):
            return list.firstIndex(of: value).map { (Double($0) + 0.5) / Double(list.count) }
        }
    }
}

/// A condition on the scenario, checked before a candidate runs: a candidate
/// that breaks one is never simulated.
public struct OptimisationConstraint: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The sum of the values at the paths within [min, max] (either may be open).
        case sum(paths: [String], min: Double?, max: Double?)
        /// The two values at least `by` apart (two windows' starts, say).
        case apart(first: String, second: String, by: Double)
    }

    public var kind: Kind
    /// As the file writes it, for messages and the report.
    public var text: String

    public init(kind: Kind, text: String) { self.kind = kind; self.text = text }

    /// How far a scenario is from meeting it (0 when met), from the numbers at its paths.
    public func violation(_ number: (String) -> Double?) -> Double {
        switch kind {
        case .sum(let paths, let lo, let hi):
            let total = paths.reduce(0.0) { $0 + (number($1) ?? 0) }
            return Swift.max(0, (lo ?? total) - total) + Swift.max(0, total - (hi ?? total))
        case .apart(let a, let b, let by):
            guard let x = number(a), let y = number(b) else { return 0 }
            return Swift.max(0, by - abs(x - y))
        }
    }

    /// The field paths it reads.
    public var paths: [String] {
        switch kind {
        case .sum(let paths, _, _): paths
        case .apart(let a, let b, _): [a, b]
        }
    }
}

/// A condition on a candidate's results (the mean of a KPI across its
/// replications): a candidate that misses one is reported `feasible: false`
/// and never selected while a feasible one exists.
public struct OptimisationRequirement: Sendable, Equatable {
    public var kpi: KPI
    public var min: Double?
    public var max: Double?

    public init(kpi: KPI, min: Double? = nil, max: Double? = nil) { self.kpi = kpi; self.min = min; self.max = max }

    /// How far `mean` misses it, relative to the bound's size (0 when met; 1 when the KPI is undefined).
    public func violation(_ mean: Double?) -> Double {
        guard let mean else { return 1 }
        var out = 0.0
        if let min, mean < min { out += (min - mean) / Swift.max(1, abs(min)) }
        if let max, mean > max { out += (mean - max) / Swift.max(1, abs(max)) }
        return out
    }

    public var text: String {
        [min.map { "\(kpi.key) ≥ \(JSONValue.format($0))" }, max.map { "\(kpi.key) ≤ \(JSONValue.format($0))" }]
            .compactMap { $0 }.joined(separator: ", ")
    }
}

/// Reads optimisation files; every problem is reported at once, with file,
/// line, column, field path, value and what was expected.
public enum OptimisationLoader {
    static let keys = ["name", "description", "base", "objective", "statistic", "decisions", "constraints", "requirements",
                       "budget", "replications", "seed", "indifferenceZone", "finalists"]

    /// Loads and checks `file`. Each decision's ends (or listed values) are
    /// loaded onto the base here, so a value the scenario refuses fails before anything runs.
    /// - Parameter seed: the command line's `--seed`, overriding the file's.
    public static func load(file: String, seed seedOverride: UInt64? = nil) throws(ScenarioErrors) -> OptimisationDefinition {
        var head = try ExperimentFileHead(file: file, kind: "optimisation", keys: keys, shape: "base, objective and decisions")
        let base = head.base

        var objective = KPI.profitYuan
        if let n = head.entry("objective") {
            if case .string(let s) = n.value, let k = KPI(rawValue: s) { objective = k } else {
                head.error(n, "objective", "a KPI key (\(KPI.allCases.map(\.key).joined(separator: ", ")))")
            }
        }
        var statistic = OptimisationStatistic.mean
        if let n = head.entry("statistic") {
            if case .string(let s) = n.value, let v = OptimisationStatistic(rawValue: s) { statistic = v } else {
                head.error(n, "statistic", "mean or p5")
            }
        }
        let budget = head.integer("budget", in: 1...OptimisationDefinition.maximumBudget, default: OptimisationDefinition.defaultBudget)
        let replications = head.integer("replications", in: 2...ScenarioLoader.maximumReplications,
                                        default: OptimisationDefinition.defaultReplications)
        let finalists = head.integer("finalists", in: 2...20, default: OptimisationDefinition.defaultFinalists)
        let seed = head.seed(override: seedOverride)
        var indifference: Double?
        if let n = head.entry("indifferenceZone") {
            if let x = number(n), x > 0, x.isFinite { indifference = x } else {
                head.error(n, "indifferenceZone", "a positive number in the objective's units")
            }
        }

        /// Whether `key` names a numeric-or-any field of the base, reporting why not.
        func checkPath(_ key: String, at location: SourceLocation, context: String) -> Bool {
            guard let path = FieldPath(key) else {
                head.error(at: location, context, value: JSONValue.quote(key), expected: "a field path such as promotions[0].offers[0].priceYuan")
                return false
            }
            if let problem = path.problem(in: base.resolved) {
                head.error(at: location, context, value: problem.value, expected: problem.expected)
                return false
            }
            return true
        }
        /// Whether a constraint's path can be read: a field path, and either a
        /// field of the base or absent from it (a boost the base does not have
        /// counts as 0, with a note), never a mistyped key.
        var notes: [String] = []
        func readable(_ key: String, at location: SourceLocation, context: String) -> Bool {
            guard let path = FieldPath(key) else {
                head.error(at: location, context, value: JSONValue.quote(key), expected: "a field path such as channels.feed.boosts[0].budgetYuan")
                return false
            }
            guard let problem = path.problem(in: base.resolved) else { return true }
            if problem.expected.hasPrefix("an index of an element") {
                notes.append("\(file):\(location.line):\(location.column): \(context): \(key) is not in the base (\(problem.value)); counted as 0")
                return true
            }
            head.error(at: location, context, value: problem.value, expected: problem.expected)
            return false
        }
        /// Loads the base with `path` = `value`, reporting a refusal where the file writes the value.
        func tryValue(_ path: String, _ value: JSONValue, moves: [String], at node: YAMLNode, context: String) {
            var overrides = [(path, value)]
            if case .number(let x) = value, case .number(let from)? = base.resolved.value(at: FieldPath(path)!.components[...]) {
                for moved in moves {
                    if case .number(let y)? = base.resolved.value(at: FieldPath(moved)!.components[...]) { overrides.append((moved, .number(y + x - from))) }
                }
            }
            do { _ = try head.base.source.load(overrides: overrides) } catch {
                for var e in error.errors.prefix(3) {
                    if e.file != file {
                        e.file = file; e.line = node.location.line; e.column = node.location.column
                        e.expected += " (\(context) = \(value.text()))"
                    }
                    head.errors.append(e)
                }
            }
        }

        // Decisions.
        var decisions: [OptimisationDecision] = []
        if let node = head.entry("decisions") {
            if case .mapping(let members) = node.value, !members.isEmpty {
                for m in members {
                    let context = "decisions.\(m.key)"
                    guard checkPath(m.key, at: m.keyLocation, context: context) else { continue }
                    guard case .mapping(let fields) = m.value.value else {
                        head.error(m.value, context, "{min: …, max: …[, integer: true]} or {values: […]}")
                        continue
                    }
                    let field = { (k: String) in fields.first { $0.key == k }?.value }
                    for f in fields where !["min", "max", "integer", "values", "moves"].contains(f.key) {
                        head.error(f.value, "\(context).\(f.key)", "one of min, max, integer, values, moves", found: "an unknown key")
                    }
                    var moves: [String] = []
                    if let n = field("moves") {
                        let texts: [String]? = {
                            guard case .sequence(let items) = n.value else { return nil }
                            let t = items.compactMap { i -> String? in if case .string(let s) = i.value { s } else { nil } }
                            return t.count == items.count ? t : nil
                        }()
                        if let texts, !texts.isEmpty, texts.allSatisfy({ checkPath($0, at: n.location, context: "\(context).moves") }) {
                            guard case .number? = base.resolved.value(at: FieldPath(m.key)!.components[...]),
                                  texts.allSatisfy({ if case .number? = base.resolved.value(at: FieldPath($0)!.components[...]) { true } else { false } }) else {
                                head.error(n, "\(context).moves", "paths of numbers moved with a number (the decision's path is a number in the base)")
                                continue
                            }
                            moves = texts
                        } else if texts == nil || texts!.isEmpty {
                            head.error(n, "\(context).moves", "a list of field paths moved along with \(m.key)")
                        }
                    }
                    if let list = field("values") {
                        guard field("min") == nil, field("max") == nil, field("integer") == nil else {
                            head.error(m.value, context, "either {values: […]} or {min, max}, not both")
                            continue
                        }
                        guard case .sequence(let items) = list.value, !items.isEmpty, items.count <= 1000 else {
                            head.error(list, "\(context).values", "a non-empty list of values")
                            continue
                        }
                        let values = items.map(\.json)
                        guard Set(values.map { $0.text() }).count == values.count else {
                            head.error(list, "\(context).values", "each value once")
                            continue
                        }
                        for (item, value) in zip(items, values) { tryValue(m.key, value, moves: moves, at: item, context: context) }
                        decisions.append(OptimisationDecision(path: m.key, domain: .values(values), moves: moves))
                    } else {
                        guard let lo = field("min").flatMap(number), let hi = field("max").flatMap(number), lo.isFinite, hi.isFinite, lo < hi else {
                            head.error(m.value, context, "{min: a number, max: a larger number} or {values: […]}")
                            continue
                        }
                        var integer = false
                        if let n = field("integer") {
                            if case .bool(let b) = n.value { integer = b } else { head.error(n, "\(context).integer", "true or false") }
                        }
                        if integer, lo.rounded(.up) > hi.rounded(.down) {
                            head.error(m.value, context, "a range holding a whole number")
                            continue
                        }
                        tryValue(m.key, .number(integer ? lo.rounded(.up) : lo), moves: moves, at: field("min")!, context: context)
                        tryValue(m.key, .number(integer ? hi.rounded(.down) : hi), moves: moves, at: field("max")!, context: context)
                        decisions.append(OptimisationDecision(path: m.key, domain: .range(min: lo, max: hi, integer: integer), moves: moves))
                    }
                }
            } else {
                head.error(node, "decisions", "a mapping of field paths to {min, max} or {values}")
            }
        } else {
            head.error(head.tree, "decisions", "a mapping of field paths to {min, max} or {values}", found: "missing")
        }

        // Constraints.
        var constraints: [OptimisationConstraint] = []
        if let node = head.entry("constraints") {
            if case .sequence(let items) = node.value {
                for (i, item) in items.enumerated() {
                    let context = "constraints[\(i)]"
                    guard case .mapping(let fields) = item.value else {
                        head.error(item, context, "{sum: [paths], max: X} or {apart: [path, path], by: X}")
                        continue
                    }
                    let field = { (k: String) in fields.first { $0.key == k }?.value }
                    let pathsOf = { (n: YAMLNode) -> [String]? in
                        guard case .sequence(let ps) = n.value, !ps.isEmpty else { return nil }
                        let texts = ps.compactMap { p -> String? in if case .string(let s) = p.value { s } else { nil } }
                        return texts.count == ps.count ? texts : nil
                    }
                    if let sum = field("sum") {
                        for f in fields where !["sum", "min", "max"].contains(f.key) {
                            head.error(f.value, "\(context).\(f.key)", "min or max", found: "an unknown key")
                        }
                        let lo = field("min").flatMap(number), hi = field("max").flatMap(number)
                        guard let paths = pathsOf(sum), lo != nil || hi != nil,
                              field("min") == nil || lo != nil, field("max") == nil || hi != nil else {
                            head.error(item, context, "{sum: [field paths], max: a number} (or min)")
                            continue
                        }
                        guard paths.allSatisfy({ readable($0, at: sum.location, context: "\(context).sum") }) else { continue }
                        constraints.append(OptimisationConstraint(kind: .sum(paths: paths, min: lo, max: hi), text: item.summary))
                    } else if let apart = field("apart") {
                        for f in fields where !["apart", "by"].contains(f.key) {
                            head.error(f.value, "\(context).\(f.key)", "by", found: "an unknown key")
                        }
                        guard let paths = pathsOf(apart), paths.count == 2, let by = field("by").flatMap(number), by > 0 else {
                            head.error(item, context, "{apart: [a field path, another], by: a positive number}")
                            continue
                        }
                        guard paths.allSatisfy({ readable($0, at: apart.location, context: "\(context).apart") }) else { continue }
                        constraints.append(OptimisationConstraint(kind: .apart(first: paths[0], second: paths[1], by: by), text: item.summary))
                    } else {
                        head.error(item, context, "{sum: [paths], max: X} or {apart: [path, path], by: X}")
                    }
                }
            } else {
                head.error(node, "constraints", "a list of {sum: [paths], max: X} or {apart: [path, path], by: X}")
            }
        }

        // Requirements.
        var requirements: [OptimisationRequirement] = []
        if let node = head.entry("requirements") {
            if case .sequence(let items) = node.value {
                for (i, item) in items.enumerated() {
                    let context = "requirements[\(i)]"
                    guard case .mapping(let fields) = item.value,
                          let kpiNode = fields.first(where: { $0.key == "kpi" })?.value else {
                        head.error(item, context, "{kpi: a KPI key, min: X} (or max)")
                        continue
                    }
                    guard case .string(let key) = kpiNode.value, let kpi = KPI(rawValue: key) else {
                        head.error(kpiNode, "\(context).kpi", "a KPI key (\(KPI.allCases.map(\.key).joined(separator: ", ")))")
                        continue
                    }
                    for f in fields where !["kpi", "min", "max"].contains(f.key) {
                        head.error(f.value, "\(context).\(f.key)", "min or max", found: "an unknown key")
                    }
                    let minNode = fields.first { $0.key == "min" }?.value, maxNode = fields.first { $0.key == "max" }?.value
                    let lo = minNode.flatMap(number), hi = maxNode.flatMap(number)
                    guard lo != nil || hi != nil, minNode == nil || lo != nil, maxNode == nil || hi != nil else {
                        head.error(item, context, "{kpi: \(key), min: a number} (or max)")
                        continue
                    }
                    requirements.append(OptimisationRequirement(kpi: kpi, min: lo, max: hi))
                }
            } else {
                head.error(node, "requirements", "a list of {kpi: a KPI key, min: X} (or max)")
            }
        }
        try head.check()

        return OptimisationDefinition(file: file, name: head.name, description: head.description, sha256: head.sha256, base: base,
                                      baseFile: head.baseFile, objective: objective, statistic: statistic, decisions: decisions,
                                      constraints: constraints, requirements: requirements, budget: budget,
                                      replications: replications, indifferenceZone: indifference, finalists: finalists, seed: seed,
                                      notes: notes)
    }

    /// A YAML number (whole or not).
    static func number(_ node: YAMLNode) -> Double? {
        switch node.value {
        case .integer(let i): Double(i)
        case .number(let x): x
        default: nil
        }
    }
}
