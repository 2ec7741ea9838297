import Experiments
import JSON
import Foundation
import HTMLReport
import Scenario

/// Fits scenario parameters to a room's own past streams, with honest 95%
/// intervals: the library form of `livesim calibrate`.
///
/// Every evaluation simulates each past stream's replications 0..<R of the
/// seed (common random numbers: the objective is a deterministic, smooth-ish
/// function of the parameters) and scores the per-minute series with a
/// dispersion-scaled Poisson deviance. The search is a Sobol start, then
/// Nelder–Mead, then a profile of each parameter, all within the budget of
/// evaluations; each evaluation is kept in `results.sqlite`, so a killed
/// calibration run again in the same folder replays the search from the
/// store and writes the same files.
///
///     let problem = CalibrationProblem(name: "room", base: base, parameters: [...], streams: [...],
///                                      targets: ["concurrentViewers", "entries"], replications: 4,
///                                      budget: 200, seed: 1, fingerprint: "")
///     let outcome = try CalibrationExperiment(problem, jobs: 2).run(in: "/tmp/room-calibration")
///     for e in outcome.estimates { print(e.path, e.estimate, e.ciLow, e.ciHigh, e.identified) }
public struct CalibrationExperiment: Sendable {
    public let problem: CalibrationProblem
    /// Threads; any value gives the same files (but `manifest.json`'s `jobs` and times).
    public let jobs: Int

    /// - Throws: ``ExperimentError`` (bad input) when the problem cannot be fitted as stated.
    public init(_ problem: CalibrationProblem, jobs: Int) throws(ExperimentError) {
        try ReplicationSettings.check(jobs: jobs)
        try problem.check()
        self.problem = problem
        self.jobs = jobs
    }

    /// The folder a calibration writes into when none is given: `Results/<name>/<UTC timestamp>`.
    public var defaultFolder: String { "Results/\(problem.name)/\(UTCTimestamp.compact(Date()))" }

    /// Runs the calibration into `directory` (new, empty, or holding this
    /// calibration's store to resume) and writes `estimates.csv`,
    /// `calibrated.yaml`, `fit.csv`, `evaluations.csv`, `summary.json`,
    /// `report.html` and `manifest.json`, each atomically, after every
    /// number is computed (a failure leaves no half-written file; the
    /// evaluations done are kept in the store for a resume).
    /// - Parameter progress: evaluations done (`cellsDone`) of the budget (`cellsTotal`), and the replications they ran.
    /// - Throws: ``ExperimentError`` (another calibration's folder or a value the
    ///   scenario refuses is bad input; a disk error a failure).
    public func run(in directory: String, language: ReportLanguage = .en, provenance: Provenance = Provenance(),
                    progress: ProgressHandler? = nil) throws -> CalibrationOutcome {
        try CalibrationFolder.prepare(directory)
        let store = try CalibrationFolder.openStore(problem, directory: directory)
        do {
            let evaluator = try Evaluator(problem: problem, jobs: jobs, store: store, progress: progress)
            let result = try Search(evaluator: evaluator, problem: problem).run()
            let findings = try CalibrationFindings(problem: problem, result: result, jobs: jobs)
            let header = ["Calibrated by livesim from \(problem.streams.count) past stream(s): \(problem.streams.map(\.name).joined(separator: ", "))",
                          "Base: \(problem.base.file), resolved (every default written out) with the estimates below.", ""]
                + findings.estimates.map { e in
                    "\(e.path): \(CalibrationFiles.number(e.estimate)) (95% interval \(CalibrationFiles.number(e.ciLow)) to \(CalibrationFiles.number(e.ciHigh))\(e.identified ? "" : e.limitedByBudget ? ", not identified within the budget" : ", not identified"))"
                }
            let calibrated = try ScenarioFileText.text(base: problem.base,
                                                       settings: zip(problem.parameters, findings.estimates).map { ($0.path, .number($1.estimate)) },
                                                       nameSuffix: "-calibrated", header: header)
            let files: [(String, String)] = [
                (CalibrationFileName.estimates, CalibrationFiles.estimates(findings)),
                (CalibrationFileName.calibrated, calibrated),
                (CalibrationFileName.fit, CalibrationFiles.fit(findings)),
                (CalibrationFileName.evaluations, CalibrationFiles.evaluations(findings)),
                (CalibrationFileName.summary, CalibrationFiles.summary(findings)),
                (CalibrationFileName.report, CalibrationReport(findings: findings, language: language, version: provenance.version).html()),
                (CalibrationFileName.manifest, CalibrationManifest.text(problem, fingerprint: CalibrationFolder.fingerprint(problem),
                                                                         jobs: jobs, provenance: provenance)),
            ]
            for (name, text) in files { try FileSystem.writeAtomically(text, to: directory, name: name) }
            return CalibrationOutcome(directory: directory, estimates: findings.estimates, objective: findings.objective,
                                      evaluations: result.evaluations.count, evaluationsReused: evaluator.reused,
                                      evaluationsSimulated: evaluator.simulated, method: CalibrationFindings.method,
                                      sensitivity: findings.sensitivity,
                                      report: (directory as NSString).appendingPathComponent(CalibrationFileName.report))
        } catch let error as ExperimentError { throw error } catch let error as ScenarioErrors { throw error } catch {
            throw ExperimentError.failure("the calibration stopped: \(FileSystem.describe(error)) (finished evaluations are kept in \(directory)/\(CalibrationFileName.store); run the same calibration to resume)")
        }
    }
}
