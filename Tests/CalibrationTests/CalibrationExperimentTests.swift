@testable import Calibration
import Experiments
import Foundation
import Scenario
import Synchronization
import Testing

/// Whole calibrations of the small fixture room against "observed" streams
/// simulated with known values (the mean of four replications on another
/// seed): the truth must lie inside the intervals, parameters that act only
/// through their product must not be identified, and the files must not
/// depend on the thread count, on a resume, or exceed the budget.
@Suite(.serialized) struct CalibrationExperimentTests {
    static let stay = "viewers.meanStaySecondsAtReference"
    static let clickThrough = "channels.feed.coverClickThrough"
    static let impressions = "channels.feed.impressionsPerMinute"
    /// The truth behind the observed streams.
    static let truth: [String: Double] = [stay: 120, clickThrough: 0.02, impressions: 6000]

    static func observed(_ base: LoadedScenario) throws -> [String: [Double]] {
        try CalibrationFixture.observed(base, paths: [stay, clickThrough], values: [120, 0.02], seed: 991, replications: 4)
    }

    static func recoveryProblem(budget: Int) throws -> CalibrationProblem {
        let base = try CalibrationFixture.base()
        return CalibrationFixture.problem(base, parameters: [.init(path: stay, min: 30, max: 400, logScale: true),
                                                             .init(path: clickThrough, min: 0.005, max: 0.06)],
                                          observed: try observed(base), targets: ["concurrentViewers", "entries"], budget: budget)
    }

    @Test func recoversKnownValuesInsideTheirIntervals() throws {
        let problem = try Self.recoveryProblem(budget: 120)
        let folder = CalibrationFixture.temporaryFolder("recovery")
        let outcome = try CalibrationExperiment(problem, jobs: 2).run(in: folder)
        #expect(outcome.evaluations <= 120)
        for e in outcome.estimates {
            let truth = Self.truth[e.path]!
            #expect(e.ciLow <= truth && truth <= e.ciHigh, "\(e.path): \(truth) outside [\(e.ciLow), \(e.ciHigh)]")
            #expect(e.ciLow <= e.estimate && e.estimate <= e.ciHigh)
            #expect(e.identified, "\(e.path) [\(e.ciLow), \(e.ciHigh)] of [\(e.min), \(e.max)]")
        }
        // Entries carry the click-through (they are feed arrivals); concurrent viewers carry the stay.
        let entries = outcome.sensitivity[1], concurrent = outcome.sensitivity[0]
        #expect((entries[1] ?? 0) > (entries[0] ?? 0))
        #expect((concurrent[0] ?? 0) > 0)
        try Self.checkColumns(folder, paths: problem.parameters.map(\.path), budget: problem.budget)
    }

    /// Four parameters on the minimum budget (ten per dimension): the
    /// profiles get a handful of evaluations each, often too few for the
    /// simplex over the other three to find their minimum (whether they do
    /// depends on the streams' luck: three sets of observed streams, at least
    /// one of them starved). What they could not show must come out as not
    /// identified for lack of budget, never as an identified interval that
    /// misses the truth; with 20 × d² the same fields are profiled.
    @Test func starvedProfilesSayTheBudgetWasTooSmall() throws {
        let base = try CalibrationFixture.base()
        let clicks = "viewers.clicksPerMinuteAtReference", order = "viewers.clickToOrderAtReference"
        let truth: [String: Double] = [Self.stay: 120, Self.clickThrough: 0.02, clicks: 0.2, order: 0.05]
        let paths = [Self.stay, Self.clickThrough, clicks, order]
        let parameters: [FitParameter] = [.init(path: Self.stay, min: 30, max: 400, logScale: true),
                                          .init(path: Self.clickThrough, min: 0.005, max: 0.06, logScale: true),
                                          .init(path: clicks, min: 0.02, max: 2, logScale: true),
                                          .init(path: order, min: 0.005, max: 0.5, logScale: true)]
        let targets = ["concurrentViewers", "entries", "productClicks", "orders"]
        var starvedSomewhere = false
        for seed: UInt64 in [991, 992, 993] {
            let observed = try CalibrationFixture.observed(base, paths: paths, values: paths.map { truth[$0]! }, seed: seed, replications: 4)
            let starved = CalibrationFixture.problem(base, parameters: parameters, observed: observed, targets: targets,
                                                     budget: CalibrationDefinition.minimumBudget(parameters: 4))
            let small = try CalibrationExperiment(starved, jobs: 2).run(in: CalibrationFixture.temporaryFolder("starved-\(seed)"))
            if small.estimates.contains(where: { $0.limitedByBudget }) { starvedSomewhere = true }
            for e in small.estimates {
                #expect(!(e.identified && e.limitedByBudget))
                if e.identified { #expect(e.ciLow <= truth[e.path]! && truth[e.path]! <= e.ciHigh, "seed \(seed), \(e.path): [\(e.ciLow), \(e.ciHigh)]") }
                if e.limitedByBudget { #expect(e.ciLow == e.min || e.ciHigh == e.max, "seed \(seed), \(e.path): [\(e.ciLow), \(e.ciHigh)]") }
            }
        }
        #expect(starvedSomewhere, "the minimum budget starved no profile in three realisations")
        let observed = try CalibrationFixture.observed(base, paths: paths, values: paths.map { truth[$0]! }, seed: 991, replications: 4)
        let enough = CalibrationFixture.problem(base, parameters: parameters, observed: observed, targets: targets,
                                                budget: CalibrationDefinition.recommendedBudget(parameters: 4))
        let large = try CalibrationExperiment(enough, jobs: 2).run(in: CalibrationFixture.temporaryFolder("enough"))
        for e in large.estimates {
            #expect(!e.limitedByBudget, "\(e.path)")
            #expect(e.ciLow <= truth[e.path]! && truth[e.path]! <= e.ciHigh, "\(e.path): [\(e.ciLow), \(e.ciHigh)]")
        }
    }

    @Test func oneParameterAloneIsRecoveredToo() throws {
        let base = try CalibrationFixture.base()
        let problem = CalibrationFixture.problem(base, parameters: [.init(path: Self.clickThrough, min: 0.005, max: 0.06, logScale: true)],
                                                 observed: try Self.observed(base), targets: ["entries", "orders"], budget: 40)
        let outcome = try CalibrationExperiment(problem, jobs: 2).run(in: CalibrationFixture.temporaryFolder("one"))
        let e = try #require(outcome.estimates.first)
        #expect(e.ciLow <= 0.02 && 0.02 <= e.ciHigh, "[\(e.ciLow), \(e.ciHigh)]")
        #expect(e.identified)
        // Entries are Poisson with about 7,200 a stream: the interval is a few per cent wide, not more.
        #expect(e.ciHigh / e.ciLow < 1.15, "[\(e.ciLow), \(e.ciHigh)]")
        #expect(outcome.evaluations <= 40)
    }

    @Test func parametersActingOnlyThroughTheirProductAreNotIdentified() throws {
        let base = try CalibrationFixture.base()
        let problem = CalibrationFixture.problem(base, parameters: [.init(path: Self.impressions, min: 2000, max: 20000),
                                                                    .init(path: Self.clickThrough, min: 0.006, max: 0.06)],
                                                 observed: try Self.observed(base), targets: ["concurrentViewers", "entries"], budget: 200)
        let outcome = try CalibrationExperiment(problem, jobs: 2).run(in: CalibrationFixture.temporaryFolder("product"))
        for e in outcome.estimates {
            #expect(!e.identified, "\(e.path) [\(e.ciLow), \(e.ciHigh)] of [\(e.min), \(e.max)]")
            // The valley reaches far along both: the interval covers more than half of the range (its own scale).
            #expect(e.ciHigh - e.ciLow > 0.5 * (e.max - e.min), "\(e.path) [\(e.ciLow), \(e.ciHigh)]")
        }
        // Yet the product is pinned: every evaluation within the threshold has impressions × click-through near 120 a minute.
        let rows = try CalibrationFixture.csv(outcome.directory, CalibrationFileName.evaluations).dropFirst()
        let minimum = rows.map { Double($0[3])! }.min()!
        for row in rows where Double(row[3])! <= minimum + 3.84 {
            #expect(abs(Double(row[1])! * Double(row[2])! / 120 - 1) < 0.1, "\(row)")
        }
    }

    @Test func threadCountDoesNotChangeAByte() throws {
        let problem = try Self.recoveryProblem(budget: 40)
        let one = CalibrationFixture.temporaryFolder("jobs-1"), two = CalibrationFixture.temporaryFolder("jobs-2")
        _ = try CalibrationExperiment(problem, jobs: 1).run(in: one, language: .zh)
        _ = try CalibrationExperiment(problem, jobs: 2).run(in: two, language: .zh)
        #expect(try CalibrationFixture.outputs(one) == CalibrationFixture.outputs(two))
        let report = try String(contentsOfFile: (two as NSString).appendingPathComponent(CalibrationFileName.report), encoding: .utf8)
        #expect(report.contains("<html lang=\"zh-CN\">") && report.contains("模型校准") && report.contains("在线人数"))
    }

    @Test func resumeGivesTheFilesOfAnUninterruptedRun() throws {
        let problem = try Self.recoveryProblem(budget: 50)
        let whole = CalibrationFixture.temporaryFolder("whole")
        let uninterrupted = try CalibrationExperiment(problem, jobs: 2).run(in: whole)
        #expect(uninterrupted.evaluationsReused == 0)

        // A first call stopped early (a smaller budget), then the full one in the same folder.
        var partial = problem
        partial.budget = 17
        let resumed = CalibrationFixture.temporaryFolder("resumed")
        _ = try CalibrationExperiment(partial, jobs: 1).run(in: resumed)
        let outcome = try CalibrationExperiment(problem, jobs: 2).run(in: resumed)
        #expect(outcome.evaluationsReused > 0)
        #expect(outcome.evaluationsReused + outcome.evaluationsSimulated == outcome.evaluations)
        #expect(try CalibrationFixture.outputs(resumed) == CalibrationFixture.outputs(whole))

        // A store left by a killed run (copied alone into a new folder) resumes too, and a complete store simulates nothing.
        let killed = CalibrationFixture.temporaryFolder("killed")
        try FileManager.default.copyItem(atPath: (whole as NSString).appendingPathComponent(CalibrationFileName.store),
                                         toPath: (killed as NSString).appendingPathComponent(CalibrationFileName.store))
        let replayed = try CalibrationExperiment(problem, jobs: 1).run(in: killed)
        #expect(replayed.evaluationsSimulated == 0)
        #expect(try CalibrationFixture.outputs(killed) == CalibrationFixture.outputs(whole))

        // Another calibration's folder is refused, and so is a folder of other files.
        var other = problem
        other.seed = 8
        #expect(throws: ExperimentError.self) { try CalibrationExperiment(other, jobs: 1).run(in: whole) }
        let foreign = CalibrationFixture.temporaryFolder("foreign")
        try "x".write(toFile: (foreign as NSString).appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        #expect(throws: ExperimentError.self) { try CalibrationExperiment(problem, jobs: 1).run(in: foreign) }
    }

    @Test(arguments: [1, 2, 5, 13, 31])
    func budgetIsNeverExceeded(budget: Int) throws {
        let problem = try Self.recoveryProblem(budget: budget)
        let folder = CalibrationFixture.temporaryFolder("budget-\(budget)")
        let reports = Mutex<[ExperimentProgress]>([])
        let outcome = try CalibrationExperiment(problem, jobs: 2).run(in: folder, progress: { p in reports.withLock { $0.append(p) } })
        #expect(outcome.evaluations <= budget)
        // Progress counts evaluations against the budget, never past it.
        let seen = reports.withLock { $0 }
        #expect(!seen.isEmpty && seen.allSatisfy { $0.cellsTotal == budget && ($0.cellsDone ?? 0) <= budget })
        #expect(seen.last?.cellsDone == outcome.evaluations)
        #expect(outcome.evaluationsSimulated <= budget)
        try Self.checkColumns(folder, paths: problem.parameters.map(\.path), budget: budget)
    }

    @Test func badProblemsAreRefusedBeforeAnythingRuns() throws {
        var problem = try Self.recoveryProblem(budget: 10)
        problem.parameters[0].min = -1
        #expect(throws: ExperimentError.self) { try CalibrationExperiment(problem, jobs: 1) }
        problem = try Self.recoveryProblem(budget: 10)
        problem.targets = ["viewers"]
        #expect(throws: ExperimentError.self) { try CalibrationExperiment(problem, jobs: 1) }
        problem = try Self.recoveryProblem(budget: 10)
        problem.replications = 1
        #expect(throws: ExperimentError.self) { try CalibrationExperiment(problem, jobs: 1) }
        problem = try Self.recoveryProblem(budget: 10)
        problem.parameters[1].max = 2                       // a click-through above 1 is not a scenario
        #expect(throws: ExperimentError.self) { try CalibrationExperiment(problem, jobs: 1) }
        problem = try Self.recoveryProblem(budget: 10)
        problem.parameters[0].path = "viewers.noSuchField"
        #expect(throws: ExperimentError.self) { try CalibrationExperiment(problem, jobs: 1) }
    }

    /// The output folder's files and columns as Docs/formats.md states them.
    static func checkColumns(_ folder: String, paths: [String], budget: Int) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }
        #expect(Set(names) == Set(CalibrationFileName.all), "\(names.sorted())")
        let estimates = try CalibrationFixture.csv(folder, CalibrationFileName.estimates)
        #expect(estimates[0] == ["path", "estimate", "ciLow", "ciHigh", "min", "max", "identified"])
        #expect(estimates.dropFirst().map { $0[0] } == paths)
        for row in estimates.dropFirst() {
            let numbers = row[1...5].map { Double($0) }
            #expect(numbers.allSatisfy { $0 != nil }, "\(row)")
            #expect(["true", "false"].contains(row[6]))
            let (estimate, low, high, min, max) = (numbers[0]!, numbers[1]!, numbers[2]!, numbers[3]!, numbers[4]!)
            #expect(min <= low && low <= estimate && estimate <= high && high <= max, "\(row)")
        }
        let fit = try CalibrationFixture.csv(folder, CalibrationFileName.fit)
        #expect(fit[0] == ["stream", "minute", "series", "observed", "simulatedMean", "simulatedP5", "simulatedP95"])
        #expect(fit.count == 1 + 60 * CalibrationProblem.seriesNames.count)
        for row in fit.dropFirst() {
            let (p5, mean, p95) = (Double(row[5])!, Double(row[4])!, Double(row[6])!)
            #expect(p5 <= mean + 1e-9 && mean <= p95 + 1e-9, "\(row)")
        }
        let evaluations = try CalibrationFixture.csv(folder, CalibrationFileName.evaluations)
        #expect(evaluations[0] == ["evaluation"] + paths + ["objective"])
        #expect(evaluations.count - 1 <= budget)
        #expect(evaluations.dropFirst().enumerated().allSatisfy { i, row in row[0] == String(i) && row.count == paths.count + 2 })
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: (folder as NSString).appendingPathComponent(CalibrationFileName.summary)))) as! [String: Any]
        let fitted = summary["estimates"] as! [String: [String: Any]]
        #expect(Set(fitted.keys) == Set(paths))
        for (_, e) in fitted { for key in ["estimate", "ciLow", "ciHigh", "identified"] { #expect(e[key] != nil) } }
        #expect(summary["objective"] is Double || summary["objective"] is Int)
        #expect((summary["evaluations"] as? Int) == evaluations.count - 1)
        #expect((summary["method"] as? String)?.hasPrefix("profile") == true)
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: (folder as NSString).appendingPathComponent(CalibrationFileName.manifest)))) as! [String: Any]
        #expect((manifest["observed"] as? [[String: Any]])?.first?["sha256"] != nil)
        let report = try String(contentsOfFile: (folder as NSString).appendingPathComponent(CalibrationFileName.report), encoding: .utf8)
        #expect(report.contains("data-figure=\"calibration-sensitivity\"") && report.contains("data-figure=\"calibration-objective\""))
        #expect(report.contains("data-figure=\"fit-0-concurrentViewers\""))
        // calibrated.yaml runs as it is.
        let calibrated = try ScenarioLoader.load(file: (folder as NSString).appendingPathComponent(CalibrationFileName.calibrated))
        #expect(calibrated.document.stream.durationMinutes == 60)
    }
}
