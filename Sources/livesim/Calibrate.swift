import ArgumentParser
import Calibration
import Experiments
import Foundation
import HTMLReport
import Scenario

/// `livesim calibrate`: fits field paths of a scenario to a room's past
/// streams (their per-minute exports), with 95% intervals.
struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit a scenario to past streams' per-minute exports, with 95% intervals.",
        discussion: """
        The calibration file names the base scenario, one or more past streams
        (CSV or .xlsx exports of the platform's per-minute data, each with what
        it did differently under `set:`), the field paths to fit with their
        bounds, the series to compare, replications per evaluation and a budget
        of evaluations. Every evaluation runs the same replications (common
        random numbers), so the objective is a deterministic function of the
        parameters: a quasi-random (Sobol) start over the bounds, then
        Nelder–Mead, then profiles for the intervals. Evaluations go to
        DIR/results.sqlite as they finish: kill the calibration and run the same
        command with the same --out to resume (the same final files).
        Writes estimates.csv, calibrated.yaml (run it as it is), fit.csv,
        evaluations.csv, summary.json, manifest.json and report.html.

        Example:
          livesim calibrate Scenarios/calibration/past-streams.yaml --out /tmp/calibration
        """
    )

    @Argument(help: "The calibration file (YAML): base, observed, fit, targets, replications, budget.")
    var file: String

    @Option(parsing: .unconditional, help: "Master seed of every evaluation's replications (overrides the file's `seed`; 0 to 2^53).")
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "Threads (default: the CPUs this process may use); any value gives the same numbers.")
    var jobs: Int?

    @Option(help: "Output folder: new, empty, or holding this calibration's results.sqlite (to resume).")
    var out: String?

    @Option(help: "Language of report.html: en or zh.")
    var lang: ReportLanguage = .en

    func run() throws {
        try ReplicationSettings.check(seed: seed, replications: nil, jobs: jobs)
        let definition = try CalibrationLoader.load(file: file, seed: seed)
        printWarnings(definition.base)
        for note in definition.notes { printNote(note) }
        let experiment = try CalibrationExperiment(try definition.problem(), jobs: jobs ?? ReplicationSettings.availableJobs)
        let progress = ProgressLine()
        let outcome = try experiment.run(in: out ?? experiment.defaultFolder, language: lang, progress: progress.handler)
        progress.finish()
        print("\(definition.name): \(plural(definition.streams.count, "past stream")), \(plural(definition.fit.count, "fitted path")), "
              + "\(definition.replications) replications per evaluation, seed \(definition.seed)")
        print("evaluations: \(outcome.evaluations) of a budget of \(definition.budget) "
              + "(\(outcome.evaluationsReused) from results.sqlite, \(outcome.evaluationsSimulated) simulated); objective \(format(outcome.objective))")
        print(CalibrationTable.text(outcome.estimates))
        print("interval: \(outcome.method)")
        printResults(outcome.directory, report: outcome.report)
    }

    private func format(_ x: Double) -> String { String(format: "%.1f", x) }
}

/// The estimates as a terminal table: path, estimate, 95% interval, bounds, identified.
enum CalibrationTable {
    static func text(_ estimates: [CalibrationEstimate]) -> String {
        func number(_ x: Double) -> String { String(format: abs(x) >= 100 ? "%.1f" : "%.4g", x) }
        let rows = [["path", "estimate", "95% interval", "bounds", "identified"]] + estimates.map { e in
            [e.path, number(e.estimate), "[\(number(e.ciLow)), \(number(e.ciHigh))]", "[\(number(e.min)), \(number(e.max))]",
             e.identified ? "yes" : e.limitedByBudget ? "no: too few evaluations (raise budget)" : "no: the data do not pin it"]
        }
        let widths = rows[0].indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in cell.padding(toLength: widths[c], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }
}
