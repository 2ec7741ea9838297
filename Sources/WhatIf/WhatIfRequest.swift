import Foundation
import JSON
import Scenario

/// One problem with a request, as the API answers it (400):
/// `{"path", "value", "expected"}` — a field path of the scenario for a bad
/// setting, the request's own key otherwise.
public struct WhatIfProblem: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var value: String
    public var expected: String

    public init(path: String, value: String, expected: String) {
        self.path = path
        self.value = value
        self.expected = expected
    }

    public var json: JSONValue {
        .object([.init("path", .string(path)), .init("value", .string(value)), .init("expected", .string(expected))])
    }

    public var description: String { "\(path.isEmpty ? "request" : path): \(value); expected \(expected)" }
}

/// Every problem found in a request (all at once, as scenario files report them).
public struct WhatIfProblems: Error, Sendable, CustomStringConvertible {
    public var problems: [WhatIfProblem]
    public init(_ problems: [WhatIfProblem]) { self.problems = problems }
    public var json: JSONValue { .object([.init("errors", .array(problems.map(\.json)))]) }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// A plan on the page: lever values and field settings over a loaded scenario.
public struct WhatIfPlan: Sendable {
    /// Lever id → value (a toggle: 1 on, 0 off).
    public var levers: [String: Double]
    /// Field path → value, applied after the levers (the contract's `set`).
    public var set: [(path: String, value: JSONValue)]

    public init(levers: [String: Double] = [:], set: [(path: String, value: JSONValue)] = []) {
        self.levers = levers
        self.set = set
    }
}

/// `POST /api/run`'s body, read and checked:
/// `{"scenario": NAME, "set": {PATH: value}, "levers": {ID: value}, "replications": N, "seed": S, "pinned": {"set", "levers"}}`.
/// Only `scenario` is required.
public struct WhatIfRequest: Sendable {
    public var scenario: String
    public var plan: WhatIfPlan
    /// The plan to compare against, on the same seeds (common random numbers).
    public var pinned: WhatIfPlan?
    public var replications: Int
    public var seed: UInt64

    public init(scenario: String, plan: WhatIfPlan = WhatIfPlan(), pinned: WhatIfPlan? = nil, replications: Int, seed: UInt64) {
        self.scenario = scenario
        self.plan = plan
        self.pinned = pinned
        self.replications = replications
        self.seed = seed
    }

    static let keys = ["scenario", "set", "levers", "replications", "seed", "pinned"]

    /// Reads a request body against the loaded scenarios and the limits.
    /// - Throws: ``WhatIfProblems`` naming each bad field.
    public static func parse(_ body: Data, catalog: WhatIfCatalog, limits: WhatIfLimits) throws(WhatIfProblems) -> WhatIfRequest {
        let json: JSONValue
        do { json = try JSONDecoder().decode(JSONValue.self, from: body) } catch {
            throw WhatIfProblems([WhatIfProblem(path: "", value: body.isEmpty ? "an empty body" : "text that is not JSON",
                                                expected: "a JSON object such as {\"scenario\": \"baseline\", \"set\": {\"host.charisma\": 0.8}}")])
        }
        guard case .object(let members) = json else {
            throw WhatIfProblems([WhatIfProblem(path: "", value: json.text(), expected: "a JSON object with a `scenario` key")])
        }
        var problems: [WhatIfProblem] = []
        for m in members where !keys.contains(m.key) {
            problems.append(WhatIfProblem(path: m.key, value: "an unknown key", expected: "one of \(keys.joined(separator: ", "))"))
        }
        guard case .string(let name)? = json["scenario"] else {
            problems.append(WhatIfProblem(path: "scenario", value: json["scenario"]?.text() ?? "missing",
                                          expected: "the name of a loaded scenario: \(catalog.names.joined(separator: ", "))"))
            throw WhatIfProblems(problems)
        }
        guard let entry = catalog.entry(name) else {
            problems.append(WhatIfProblem(path: "scenario", value: JSONValue.quote(name),
                                          expected: "the name of a loaded scenario: \(catalog.names.joined(separator: ", "))"))
            throw WhatIfProblems(problems)
        }
        let replications = integer(json["replications"], path: "replications", range: 1...limits.maximumReplications,
                                   default: limits.defaultReplications, problems: &problems)
        let seed = integer(json["seed"], path: "seed", range: 0...Int(ScenarioLoader.maximumSeed),
                           default: Int(entry.scenario.document.seed), problems: &problems)
        let plan = readPlan(json, prefix: "", entry: entry, problems: &problems)
        var pinned: WhatIfPlan?
        switch json["pinned"] {
        case nil, .null?: break
        case .object(let inner)?:
            for m in inner where !["set", "levers"].contains(m.key) {
                problems.append(WhatIfProblem(path: "pinned.\(m.key)", value: "an unknown key", expected: "set or levers"))
            }
            pinned = readPlan(.object(inner), prefix: "pinned.", entry: entry, problems: &problems)
        case let other?:
            problems.append(WhatIfProblem(path: "pinned", value: other.text(), expected: "an object {\"set\": {…}, \"levers\": {…}}"))
        }
        guard problems.isEmpty else { throw WhatIfProblems(problems) }
        return WhatIfRequest(scenario: name, plan: plan, pinned: pinned, replications: replications, seed: UInt64(seed))
    }

    static func integer(_ value: JSONValue?, path: String, range: ClosedRange<Int>, default: Int, problems: inout [WhatIfProblem]) -> Int {
        guard let value, value != .null else { return `default` }
        guard case .number(let x) = value, x == x.rounded(), x >= Double(range.lowerBound), x <= Double(range.upperBound) else {
            problems.append(WhatIfProblem(path: path, value: value.text(), expected: "a whole number from \(range.lowerBound) to \(range.upperBound)"))
            return `default`
        }
        return Int(x)
    }

    /// A plan's `levers` and `set`, each checked against the scenario.
    static func readPlan(_ json: JSONValue, prefix: String, entry: WhatIfCatalog.Entry, problems: inout [WhatIfProblem]) -> WhatIfPlan {
        var plan = WhatIfPlan()
        switch json["levers"] {
        case nil, .null?: break
        case .object(let members)?:
            for m in members {
                let path = "\(prefix)levers.\(m.key)"
                guard let lever = entry.levers.lever(m.key) else {
                    problems.append(WhatIfProblem(path: path, value: "an unknown lever",
                                                  expected: "a lever of \(entry.name) (GET /api/scenarios/\(entry.name) lists them)"))
                    continue
                }
                let v: Double
                switch m.value {
                case .number(let x): v = x
                case .bool(let b) where lever.kind == .toggle: v = b ? 1 : 0
                default:
                    problems.append(WhatIfProblem(path: path, value: m.value.text(), expected: lever.kind == .toggle ? "true or false" : "a number"))
                    continue
                }
                guard v >= lever.minimum, v <= lever.maximum else {
                    problems.append(WhatIfProblem(path: path, value: m.value.text(),
                                                  expected: "\(JSONValue.format(lever.minimum)) to \(JSONValue.format(lever.maximum))"))
                    continue
                }
                plan.levers[m.key] = v
            }
        case let other?:
            problems.append(WhatIfProblem(path: "\(prefix)levers", value: other.text(), expected: "an object of lever id → value"))
        }
        switch json["set"] {
        case nil, .null?: break
        case .object(let members)?:
            for m in members {
                guard let path = FieldPath(m.key) else {
                    problems.append(WhatIfProblem(path: prefix + m.key, value: JSONValue.quote(m.key),
                                                  expected: "a field path such as promotions[0].offers[0].priceYuan"))
                    continue
                }
                if let problem = path.problem(in: entry.scenario.resolved) {
                    problems.append(WhatIfProblem(path: prefix + m.key, value: problem.value, expected: problem.expected))
                    continue
                }
                plan.set.append((m.key, m.value))
            }
        case let other?:
            problems.append(WhatIfProblem(path: "\(prefix)set", value: other.text(), expected: "an object of field path → value"))
        }
        return plan
    }
}

/// What the server accepts and how hard it works.
public struct WhatIfLimits: Sendable {
    /// Replications when a request names none: about a second for the baseline on two cores.
    public var defaultReplications = 16
    public var maximumReplications = 200
    /// Threads a request's replications run on; at most this many simulations run at once.
    public var jobs: Int
    /// A request still running after this long is stopped and answered 503.
    public var timeoutSeconds: Double = 30
    /// Requests waiting for the simulator beyond the one running; more are answered 503.
    public var queue = 4
    /// Largest request body.
    public var maximumBodyBytes = 64 << 10

    public init(jobs: Int) { self.jobs = max(1, jobs) }
}
