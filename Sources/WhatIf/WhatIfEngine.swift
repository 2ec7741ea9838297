import Audience
import Experiments
import Foundation
import HTMLReport
import JSON
import Reports
import Scenario
import SimCore
import Synchronization
import ZIPFoundation

/// Why a what-if request got no answer.
public enum WhatIfFailure: Error, Sendable, CustomStringConvertible {
    /// The request or the plan it makes is invalid (answered 400).
    case badRequest(WhatIfProblems)
    /// The request ran past its time and was stopped (answered 503).
    case stopped(seconds: Double)
    /// Something went wrong that is not the request's fault (answered 500).
    case failure(String)

    public var description: String {
        switch self {
        case .badRequest(let p): p.description
        case .stopped(let s): "stopped after \(JSONValue.format(s)) s: the plan takes longer than a request may; ask for fewer replications"
        case .failure(let m): m
        }
    }
}

/// The what-if page's engine, without HTTP: a request's plan (and the plan
/// pinned beside it) run on the same replications of one seed, answered as
/// JSON with the KPI keys of `summary.json`; a plan written out as a
/// scenario file, or run into the files `livesim run` writes (as a zip).
/// Results of recent plans are kept, so a pinned plan is not run again.
///
///     let engine = try WhatIfEngine(catalog: WhatIfCatalog(files: ["Scenarios/baseline.yaml"]), limits: WhatIfLimits(jobs: 2))
///     let request = WhatIfRequest(scenario: "baseline", plan: WhatIfPlan(levers: ["host.charisma": 0.9]), replications: 16, seed: 1)
///     let answer = try engine.answer(request)
///     print(answer["kpis"]?["gmvYuan"]?["mean"] ?? .null)
public final class WhatIfEngine: Sendable {
    public let catalog: WhatIfCatalog
    public let limits: WhatIfLimits
    private let cache = Mutex(PlanCache(capacity: 32))

    public init(catalog: WhatIfCatalog, limits: WhatIfLimits) {
        self.catalog = catalog
        self.limits = limits
    }

    /// `POST /api/run`'s answer: `{"scenario", "seed", "replications", "kpis", "timeseries", "settings"}`,
    /// with `"pinned": {"kpis", "timeseries"}` and `"difference": {KPI: {"mean", "ci95"}}` (this plan
    /// minus the pinned one, paired replication by replication) when a plan is pinned.
    /// - Parameter stop: raised by the caller's deadline; the run then ends early and throws `.stopped`.
    public func answer(_ request: WhatIfRequest, stop: StopSignal = StopSignal()) throws(WhatIfFailure) -> JSONValue {
        let started = Date()
        guard let entry = catalog.entry(request.scenario) else { throw .failure("no scenario named \(request.scenario)") }
        let settings = self.settings(request.plan, entry: entry)
        let current = try runs(entry, settings, request, stop: stop, started: started)
        var answer = JSONValue.object([
            .init("scenario", .string(entry.name)), .init("seed", .number(Double(request.seed))),
            .init("replications", .number(Double(request.replications))),
            .init("kpis", current.kpisJSON(scenario: entry.name, seed: request.seed)),
            .init("timeseries", current.timeseriesJSON),
            .init("settings", .object(settings.map { .init($0.path, $0.value) })),
        ])
        if let pinned = request.pinned {
            let other = try runs(entry, self.settings(pinned, entry: entry), request, stop: stop, started: started)
            answer.set("pinned", .object([.init("kpis", other.kpisJSON(scenario: entry.name, seed: request.seed)),
                                          .init("timeseries", other.timeseriesJSON)]))
            answer.set("difference", current.difference(from: other))
        }
        answer.set("seconds", .number((Date().timeIntervalSince(started) * 1000).rounded() / 1000))
        return answer
    }

    /// The plan as a stand-alone scenario file (its seed and replications
    /// included): `livesim run` on it gives the page's numbers.
    public func planText(_ request: WhatIfRequest) throws(WhatIfFailure) -> String {
        let scenario = try load(request)
        let settings = self.settings(request.plan, entry: catalog.entry(request.scenario)!)
        let header = ["What-if plan from `livesim serve`: \(scenario.file) with"]
            + (settings.isEmpty ? ["  nothing changed"] : settings.map { "  \($0.path) = \($0.value.text())" })
            + ["Run it: livesim run \(scenario.document.name)-what-if.yaml"]
        do {
            return try ScenarioFileText.text(base: scenario, settings: [("seed", .number(Double(request.seed))),
                                                                        ("replications", .number(Double(request.replications)))],
                                             nameSuffix: "-what-if", header: header)
        } catch {
            throw .failure(error.message)
        }
    }

    /// The plan file and the result folder `livesim run` writes for it (report
    /// included), zipped in memory: `NAME-what-if.yaml` and `NAME-what-if/…`.
    /// The folder is written in a private temporary directory, removed before returning.
    public func archive(_ request: WhatIfRequest, language: ReportLanguage = .en, stop: StopSignal = StopSignal()) throws(WhatIfFailure) -> Data {
        let started = Date()
        let text = try planText(request)
        var scenario = try load(request)
        // Named as the plan file names it, so the folder is what `livesim run` writes for that file.
        let name = scenario.document.name + "-what-if"
        scenario.document.name = name
        scenario.resolved.set("name", .string(name))
        scenario.document.seed = request.seed
        scenario.document.replications = request.replications
        scenario.resolved.set("seed", .number(Double(request.seed)))
        scenario.resolved.set("replications", .number(Double(request.replications)))
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("livesim-serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        do {
            let folder = try OutputFolder(requested: scratch.appendingPathComponent(name).path, scenarioName: name)
            let run = try ScenarioRun(scenario, settings: ReplicationSettings(seed: request.seed, replications: request.replications, jobs: limits.jobs))
            _ = try run.write(to: folder, language: language, stop: stop)
            if stop.isRaised { throw WhatIfFailure.stopped(seconds: Date().timeIntervalSince(started)) }
            let archive = try Archive(accessMode: .create)
            let planData = Data(text.utf8)
            try archive.addEntry(with: "\(name).yaml", type: .file, uncompressedSize: Int64(planData.count), compressionMethod: .deflate) { position, size in
                planData.subdata(in: Int(position)..<Int(position) + size)
            }
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.final).sorted() {
                let data = try Data(contentsOf: URL(fileURLWithPath: folder.final).appendingPathComponent(file))
                try archive.addEntry(with: "\(name)/\(file)", type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw WhatIfFailure.failure("the zip archive was not made in memory") }
            return data
        } catch let failure as WhatIfFailure {
            throw failure
        } catch {
            throw .failure("cannot export the plan: \(error)")
        }
    }

    /// The field settings a plan makes: its levers', then its own `set`.
    func settings(_ plan: WhatIfPlan, entry: WhatIfCatalog.Entry) -> [(path: String, value: JSONValue)] {
        entry.levers.settings(plan.levers) + plan.set
    }

    /// The request's plan over its scenario as the server read it at start (no file is read again).
    func load(_ request: WhatIfRequest) throws(WhatIfFailure) -> LoadedScenario {
        guard let entry = catalog.entry(request.scenario) else { throw .failure("no scenario named \(request.scenario)") }
        return try load(entry, settings(request.plan, entry: entry))
    }

    func load(_ entry: WhatIfCatalog.Entry, _ settings: [(path: String, value: JSONValue)]) throws(WhatIfFailure) -> LoadedScenario {
        do {
            return try entry.scenario.source.load(overrides: settings)
        } catch {
            throw .badRequest(WhatIfProblems(error.errors.map { WhatIfProblem(path: $0.path, value: $0.value, expected: $0.expected) }))
        }
    }

    /// A plan's replications, from the cache or run now.
    func runs(_ entry: WhatIfCatalog.Entry, _ settings: [(path: String, value: JSONValue)], _ request: WhatIfRequest,
              stop: StopSignal, started: Date) throws(WhatIfFailure) -> PlanRuns {
        let key = PlanCache.Key(scenario: entry.name, settings: JSONValue.object(settings.map { .init($0.path, $0.value) }).text(),
                                seed: request.seed, replications: request.replications)
        if let hit = cache.withLock({ $0.get(key) }) { return hit }
        let scenario = try load(entry, settings)
        let model: Replicable
        do { model = try Replicable(scenario) } catch { throw .badRequest(WhatIfProblems([WhatIfProblem(path: "", value: error.message, expected: "a plan the model can run")])) }
        var runs = PlanRuns()
        ReplicationRunner.run(model, seed: request.seed, replications: Array(0..<request.replications), jobs: limits.jobs,
                              consume: { _, outcome in runs.add(outcome) }, stop: stop)
        if stop.isRaised { throw .stopped(seconds: Date().timeIntervalSince(started)) }
        cache.withLock { $0.put(key, runs) }
        return runs
    }
}

/// One plan's replications: KPIs per replication, and the per-minute curves summed.
struct PlanRuns: Sendable {
    var kpis: [KPIValues] = []
    var concurrent: [Double] = []
    var orders: [Double] = []
    var gmv: [Double] = []
    /// Streams summed into the curves (a season adds each of its streams).
    var streams = 0


    mutating func add(_ outcome: ReplicationOutcome) {
        kpis.append(outcome.kpis)
        let streams: [StreamResult] = switch outcome {
        case .stream(let s): [s]
        case .season(let s): s.streams
        }
        for s in streams {
            if s.minutes.count > concurrent.count {
                let more = Array(repeating: 0.0, count: s.minutes.count - concurrent.count)
                concurrent += more; orders += more; gmv += more
            }
            for (m, x) in s.minutes.enumerated() {
                concurrent[m] += x.concurrentViewers
                orders[m] += Double(x.orders)
                gmv[m] += x.gmvYuan
            }
            self.streams += 1
        }
    }

    /// Per KPI, its value in each replication.
    var summaries: KPISummaries {
        var summaries = KPISummaries()
        for k in kpis { summaries.add(k) }
        return summaries
    }

    func kpisJSON(scenario: String, seed: UInt64) -> JSONValue {
        ResultFiles.summaryJSON(summaries, scenario: scenario, seed: seed)["kpis"] ?? .null
    }

    /// The mean stream, minute by minute (a season's: the mean over its streams).
    var timeseriesJSON: JSONValue {
        let n = Double(max(1, streams))
        return .array(concurrent.indices.map { m in
            .object([.init("minute", .number(Double(m))), .init("concurrentViewers", .number(concurrent[m] / n)),
                     .init("orders", .number(orders[m] / n)), .init("gmvYuan", .number(gmv[m] / n))])
        })
    }

    /// Per KPI, this plan minus `other`, replication by replication: mean and
    /// 95% interval (`livesim compare`'s paired rows, with `other` first).
    func difference(from other: PlanRuns) -> JSONValue {
        .object(PairedComparison.rows([other.summaries, summaries]).filter { $0.scenario == 1 }.map { row in
            .init(row.key, .object([
                .init("mean", row.difference.map { .number($0.mean) } ?? .null),
                .init("ci95", row.difference?.confidenceInterval95.map { .array([.number($0.lowerBound), .number($0.upperBound)]) } ?? .null),
            ]))
        })
    }
}

/// The most recently used plans' replications (the pinned plan is asked for
/// with every change of the current one).
struct PlanCache: Sendable {
    struct Key: Hashable, Sendable {
        var scenario: String
        var settings: String
        var seed: UInt64
        var replications: Int
    }

    let capacity: Int
    private var entries: [(key: Key, runs: PlanRuns)] = []

    init(capacity: Int) { self.capacity = capacity }

    mutating func get(_ key: Key) -> PlanRuns? {
        guard let i = entries.firstIndex(where: { $0.key == key }) else { return nil }
        let entry = entries.remove(at: i)
        entries.append(entry)
        return entry.runs
    }

    mutating func put(_ key: Key, _ runs: PlanRuns) {
        entries.removeAll { $0.key == key }
        entries.append((key, runs))
        if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
    }
}
