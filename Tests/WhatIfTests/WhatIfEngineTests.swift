import Audience
import Experiments
import Foundation
import JSON
import Scenario
import SimCore
import Testing
@testable import WhatIf

/// The what-if engine without HTTP: levers generated from the shipped
/// scenarios, requests read and refused field by field, answers equal to
/// `livesim run`'s numbers, pinned comparisons on common random numbers,
/// exports, the deadline and the line in front of the simulator.
@Suite(.serialized) struct WhatIfEngineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func scenario(_ path: String) -> String { root.appendingPathComponent("Scenarios/" + path).path }

    static let baseline = scenario("baseline.yaml")
    static let shipped = ["baseline.yaml", "reference-viewers.yaml", "season-30-days.yaml"]
        + ["hourly-flash-sales", "kol-heavy", "no-opening-deal", "no-trust", "paid-boost", "poor-stream", "weak-host"].map { "variants/\($0).yaml" }

    func engine(_ files: [String] = [baseline], jobs: Int = 2) throws -> WhatIfEngine {
        WhatIfEngine(catalog: try WhatIfCatalog(files: files), limits: WhatIfLimits(jobs: jobs))
    }

    func body(_ json: String, _ engine: WhatIfEngine) throws(WhatIfProblems) -> WhatIfRequest {
        try WhatIfRequest.parse(Data(json.utf8), catalog: engine.catalog, limits: engine.limits)
    }

    func mean(_ answer: JSONValue, _ kpi: String, _ part: String = "kpis") -> Double? { answer[part]?[kpi]?["mean"]?.number }

    @Test func everyLeverOfEveryShippedScenarioLoadsAtBothEnds() throws {
        let catalog = try WhatIfCatalog(files: Self.shipped.map(Self.scenario))
        var checked = 0
        for entry in catalog.entries {
            let groups = Set(entry.levers.levers.map(\.group))
            // The reference model has no offers and no paid traffic; every other shipped plan has both.
            let expected: Set<String> = entry.name == "reference-viewers" ? ["host", "delivery"] : ["offers", "host", "traffic", "delivery"]
            #expect(groups.isSuperset(of: expected), "\(entry.name): \(groups)")
            #expect(entry.levers.settings([:]).isEmpty)
            for lever in entry.levers.levers {
                #expect(lever.minimum <= lever.value && lever.value <= lever.maximum, "\(entry.name) \(lever.id)")
                for v in [lever.minimum, lever.maximum] {
                    let settings = entry.levers.settings([lever.id: v])
                    #expect(!settings.isEmpty || v == lever.value, "\(entry.name) \(lever.id) = \(v) sets nothing")
                    do { _ = try ScenarioLoader.load(file: entry.file, overrides: settings) } catch {
                        Issue.record("\(entry.name): lever \(lever.id) = \(v) does not load: \(error)")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 100)
    }

    @Test func leversComeFromTheScenariosOwnPlan() throws {
        let levers = try WhatIfCatalog(files: [Self.baseline]).entries[0].levers
        let ids = levers.levers.map(\.id)
        for id in ["offer.opening-serum.priceYuan", "offer.opening-serum.units", "offer.hourly-flash.fromMinute", "offer.hourly-flash.priceYuan",
                   "event.2.drawMinute", "event.3.drawMinute", "host.charisma", "boost.0.budgetYuan", "kol.0", "quality.stallsPerHour"] {
            #expect(ids.contains(id), "\(id) missing from \(ids)")
        }
        // A flash sale moves as a window; a draw keeps its announcement's lead; a partner switched off leaves the list.
        let moved = levers.settings(["offer.hourly-flash.fromMinute": 60, "event.2.drawMinute": 120, "kol.0": 0])
        let byPath = Dictionary(uniqueKeysWithValues: moved.map { ($0.path, $0.value) })
        #expect(byPath["promotions[1].offers[3].fromMinute"] == .number(60) && byPath["promotions[1].offers[3].toMinute"] == .number(65))
        #expect(byPath["events[2].drawMinute"] == .number(120) && byPath["events[2].announceMinute"] == .number(105))
        #expect(byPath["channels.kol"] == .array([]))
        // The baseline buys no boost: the page offers an opening and a closing window, written only when bought.
        let boost = levers.settings(["boost.1.budgetYuan": 4000])
        guard case .array(let items)? = boost.first(where: { $0.path == "channels.feed.boosts" })?.value else {
            Issue.record("no boosts written: \(boost)"); return
        }
        #expect(items.count == 1 && items[0]["budgetYuan"] == .number(4000) && items[0]["toMinute"] == .number(170))
    }

    @Test func theUntouchedPlanIsTheScenarioBitForBit() throws {
        let engine = try engine()
        let answer = try engine.answer(try body(#"{"scenario": "baseline", "replications": 6, "seed": 3}"#, engine))
        let run = try ScenarioRun(try ScenarioLoader.load(file: Self.baseline), settings: ReplicationSettings(seed: 3, replications: 6, jobs: 1))
        let kpis = try run.collect().summaries
        for kpi in KPI.allCases {
            #expect(mean(answer, kpi.key) == kpis.summary(kpi)?.mean, "\(kpi.key)")
        }
        guard case .array(let series)? = answer["timeseries"] else { Issue.record("no timeseries"); return }
        #expect(series.count == 180)
        let first = series[10]
        for key in ["minute", "concurrentViewers", "orders", "gmvYuan"] { #expect(first[key]?.number != nil, "\(key)") }
        // The curve's GMV adds up to the KPI (each replication's minutes sum to its GMV).
        let total = series.compactMap { $0["gmvYuan"]?.number }.reduce(0, +)
        let gmv = try #require(mean(answer, "gmvYuan"))
        #expect(abs(total - gmv) <= 1e-6 * gmv)
    }

    @Test func aPinnedPlanIsComparedOnTheSameSeeds() throws {
        let engine = try engine()
        // The same plan pinned: every paired difference is exactly zero.
        let same = try engine.answer(try body(#"{"scenario": "baseline", "replications": 4, "levers": {"host.charisma": 0.9}, "pinned": {"levers": {"host.charisma": 0.9}}}"#, engine))
        for kpi in KPI.allCases where mean(same, kpi.key) != nil {
            #expect(same["difference"]?[kpi.key]?["mean"] == .number(0), "\(kpi.key)")
        }
        // The directions a planner expects, each beyond its paired 95% interval.
        func difference(_ levers: String, _ kpi: String) throws -> (Double, Double, Double) {
            let a = try engine.answer(try body(#"{"scenario": "baseline", "replications": 8, "levers": \#(levers), "pinned": {}}"#, engine))
            let d = try #require(a["difference"]?[kpi])
            guard case .array(let ci)? = d["ci95"], let low = ci[0].number, let high = ci[1].number, let m = d["mean"]?.number else {
                throw WhatIfProblems([])
            }
            return (m, low, high)
        }
        let boost = try difference(#"{"boost.0.budgetYuan": 10000}"#, "views")
        #expect(boost.1 > 0, "a ¥10,000 opening boost should bring viewers: \(boost)")
        let kol = try difference(#"{"kol.0": false}"#, "views")
        #expect(kol.2 < 0, "without the KOL fewer viewers come: \(kol)")
        let stalls = try difference(#"{"quality.stallsPerHour": 12}"#, "averageStaySeconds")
        #expect(stalls.2 < 0, "a stream that stalls 12 times an hour keeps viewers less: \(stalls)")
        let cheaper = try difference(#"{"offer.opening-serum.priceYuan": 59}"#, "orders")
        #expect(cheaper.1 > 0, "a cheaper opening offer sells more: \(cheaper)")
    }

    @Test func badRequestsNameEachField() throws {
        let engine = try engine()
        func paths(_ json: String) -> [String] {
            do { _ = try body(json, engine); return [] } catch { return error.problems.map(\.path) }
        }
        #expect(paths("not json") == [""])
        #expect(paths("[1]") == [""])
        #expect(paths(#"{"replications": 4}"#) == ["scenario"])
        #expect(paths(#"{"scenario": "nope"}"#) == ["scenario"])
        #expect(paths(#"{"scenario": "baseline", "colour": 1}"#) == ["colour"])
        #expect(paths(#"{"scenario": "baseline", "replications": 0}"#) == ["replications"])
        #expect(paths(#"{"scenario": "baseline", "replications": 2.5}"#) == ["replications"])
        #expect(paths(#"{"scenario": "baseline", "replications": 201}"#) == ["replications"])
        #expect(paths(#"{"scenario": "baseline", "seed": -1}"#) == ["seed"])
        #expect(paths(#"{"scenario": "baseline", "levers": {"host.charisma": 1.5}}"#) == ["levers.host.charisma"])
        #expect(paths(#"{"scenario": "baseline", "levers": {"host.charm": 0.5}}"#) == ["levers.host.charm"])
        #expect(paths(#"{"scenario": "baseline", "levers": {"kol.0": "yes"}}"#) == ["levers.kol.0"])
        #expect(paths(#"{"scenario": "baseline", "set": {"host.charm": 0.5}}"#) == ["host.charm"])
        #expect(paths(#"{"scenario": "baseline", "set": {"events[9].drawMinute": 5}}"#) == ["events[9].drawMinute"])
        #expect(paths(#"{"scenario": "baseline", "set": 5}"#) == ["set"])
        #expect(paths(#"{"scenario": "baseline", "pinned": {"set": {"host.charm": 1}, "x": 1}}"#) == ["pinned.x", "pinned.host.charm"])
        // Several problems at once.
        #expect(paths(#"{"scenario": "baseline", "replications": 0, "seed": "one"}"#).sorted() == ["replications", "seed"])
        // A value the model refuses is found when the plan loads, at its field path, with what was expected.
        do {
            _ = try engine.answer(try body(#"{"scenario": "baseline", "set": {"promotions[0].offers[0].priceYuan": -5}}"#, engine))
            Issue.record("a negative price ran")
        } catch let error as WhatIfFailure {
            guard case .badRequest(let problems) = error else { Issue.record("\(error)"); return }
            #expect(problems.problems.map(\.path) == ["promotions[0].offers[0].priceYuan"])
            #expect(problems.problems[0].value == "-5" && problems.problems[0].expected.contains("above 0"))
        }
    }

    @Test func aRaisedStopEndsTheRunAndIsReported() throws {
        let engine = try engine()
        let stop = StopSignal()
        stop.raise()
        do {
            _ = try engine.answer(try body(#"{"scenario": "baseline", "replications": 2}"#, engine), stop: stop)
            Issue.record("a stopped request answered")
        } catch let error as WhatIfFailure {
            guard case .stopped = error else { Issue.record("\(error)"); return }
        }
        // A replication started after the stop ends at its first event (the
        // signal is read there, then every 2¹⁸ events): not one view, where
        // the full run has thousands.
        let model = try Replicable(try ScenarioLoader.load(file: Self.baseline))
        let full = model.run(seed: 1, replication: 0).kpis[.views] ?? 0
        let stopped = model.run(seed: 1, replication: 0, stop: stop).kpis[.views] ?? -1
        #expect(stopped == 0 && full > 1_000, "stopped \(stopped), full \(full)")
    }

    @Test func anExportIsThePlanFileAndWhatRunWritesForIt() throws {
        let engine = try engine()
        let request = try body(#"{"scenario": "baseline", "replications": 3, "seed": 9, "levers": {"offer.opening-serum.priceYuan": 79, "kol.0": false}}"#, engine)
        let text = try engine.planText(request)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("whatif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("plan.yaml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        let plan = try ScenarioLoader.load(file: file)
        #expect(plan.document.seed == 9 && plan.document.replications == 3 && plan.document.name == "baseline-what-if")
        #expect(plan.configuration.channels.kol.isEmpty)
        // The file runs to the page's numbers.
        let answer = try engine.answer(request)
        let kpis = try ScenarioRun(plan, settings: ReplicationSettings(scenario: plan, jobs: 1)).collect().summaries
        #expect(mean(answer, "gmvYuan") == kpis.summary(.gmvYuan)?.mean && mean(answer, "views") == kpis.summary(.views)?.mean)

        let zip = try engine.archive(request)
        #expect(zip.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        let text8 = String(decoding: zip, as: UTF8.self)
        for name in ["baseline-what-if.yaml", "baseline-what-if/summary.json", "baseline-what-if/replications.csv", "baseline-what-if/report.html"] {
            #expect(text8.contains(name), "\(name) missing from the zip")
        }
    }

    @Test func theLineInFrontOfTheSimulatorIsBounded() async throws {
        let gate = SimulationGate(queue: 1)
        #expect(await gate.enter())
        let waiter = Task { await gate.enter() }
        while await gate.waitingCount < 1 { await Task.yield() }
        #expect(await gate.enter() == false, "a full line turns the next request away")
        await gate.leave()
        #expect(await waiter.value)
        #expect(await gate.waitingCount == 0)
        await gate.leave()
        #expect(await gate.enter(), "a free simulator admits at once")
        await gate.leave()
    }
}
