import Audience
import Experiments
import Foundation
import HTMLReport
import JSON
import ResultsStore
import Scenario

/// Searches a plan's decisions for the best expected (or bad-day) outcome
/// under common random numbers, then selects the answer among the finalists
/// on fresh seeds with a stated probability of being right: the library form
/// of `livesim optimise`.
///
///     let definition = try OptimisationLoader.load(file: "Scenarios/optimisation/opening-and-boosts.yaml")
///     let outcome = try OptimisationExperiment(definition, jobs: 2).run(in: "/tmp/plan")
///     print(outcome.best, outcome.objective, outcome.probabilityCorrectSelection)
///
/// Every run is kept in `results.sqlite` as it finishes; a killed
/// optimisation run again in the same folder replays its path from the store
/// and writes the same files. Any `jobs` gives the same files (but
/// `manifest.json`'s `jobs` and times).
public struct OptimisationExperiment: Sendable {
    public let definition: OptimisationDefinition
    public let jobs: Int

    public init(_ definition: OptimisationDefinition, jobs: Int) throws(ExperimentError) {
        try ReplicationSettings.check(jobs: jobs)
        self.definition = definition
        self.jobs = jobs
    }

    /// The folder an optimisation writes into when none is given: `Results/<name>/<UTC timestamp>`.
    public var defaultFolder: String { "Results/\(definition.name)/\(UTCTimestamp.compact(Date()))" }

    /// Runs the optimisation into `directory` (new, empty, or holding this
    /// optimisation's store to resume) and writes `optimisation.csv`,
    /// `selection.csv`, `best.yaml`, `summary.json`, `report.html` and
    /// `manifest.json`, each atomically, once every number is known.
    /// - Parameter progress: the search's replication-runs done of the budget.
    /// - Throws: ``ExperimentError`` (another optimisation's folder, or
    ///   constraints no plan meets, are bad input; a disk error a failure).
    public func run(in directory: String, language: ReportLanguage = .en, provenance: Provenance = Provenance(),
                    progress: ProgressHandler? = nil) throws -> OptimisationOutcome {
        try OptimisationSearch.checkSomePlanMayRun(definition)
        try FileSystem.prepareResumableFolder(directory, store: OptimisationFileName.store, ownFiles: OptimisationFileName.all,
                                              kind: "an optimisation")
        let store = try openStore(directory)
        do {
            let bank = try RunBank(definition: definition, store: store, jobs: jobs, progress: progress)
            let search = try OptimisationSearch(definition: definition, bank: bank).run()
            let leader = search.finalists.first.map { search.entries[$0] }
            let selection = try Selection(definition: definition, bank: bank)
                .run(search.finalists.map { search.entries[$0].candidate }, leaderStatistic: leader?.assessment.statistic)
            let chosen = selection.finalists[selection.chosen]
            // The base plan on the chosen plan's fresh replications: paired, KPI by KPI.
            let baseCandidate = Candidate(values: definition.decisions.map { d in
                FieldPath(d.path).flatMap { definition.base.resolved.value(at: $0.components[...]) } ?? .null
            }, paths: definition.paths)
            let fresh = Array(Selection.firstFreshReplication..<(Selection.firstFreshReplication + chosen.runs.count))
            let baseRuns = try bank.runs([(baseCandidate, fresh)], search: false)![0]
            let findings = OptimisationFindings(definition: definition, search: search, selection: selection, baseRuns: baseRuns,
                                                searchRuns: bank.searchRuns, selectionRuns: bank.selectionRuns)
            let header = ["The best plan livesim optimise found for \(definition.file) (base \(definition.baseFile)),",
                          "selected on fresh seeds: \(definition.objective.key) \(definition.statistic.rawValue) "
                          + "\(JSONValue.format(findings.chosenSummary?.mean ?? .nan)), probability of correct selection "
                          + "\(JSONValue.format(selection.probabilityCorrectSelection)) within \(JSONValue.format(selection.indifferenceZone)).", ""]
                + zip(definition.paths, chosen.candidate.values).map { "\($0): \($1.text())" }
            let best = try ScenarioFileText.text(base: definition.base, settings: definition.overrides(values: chosen.candidate.values),
                                                 nameSuffix: "-best", header: header)
            let files: [(String, String)] = [
                (OptimisationFileName.candidates, OptimisationFiles.candidates(findings)),
                (OptimisationFileName.selection, OptimisationFiles.selection(findings)),
                (OptimisationFileName.best, best),
                (OptimisationFileName.summary, OptimisationFiles.summary(findings)),
                (OptimisationFileName.report, OptimisationReport(findings: findings, language: language, version: provenance.version).html()),
                (OptimisationFileName.manifest, OptimisationFiles.manifest(definition, jobs: jobs, provenance: provenance)),
            ]
            for (name, text) in files { try FileSystem.writeAtomically(text, to: directory, name: name) }
            return OptimisationOutcome(directory: directory, findings: findings, reused: bank.reused, simulated: bank.simulated,
                                       report: (directory as NSString).appendingPathComponent(OptimisationFileName.report))
        } catch let error as ExperimentError { throw error } catch let error as ScenarioErrors { throw error } catch {
            throw ExperimentError.failure("the optimisation stopped: \(FileSystem.describe(error)) (finished runs are kept in \(directory)/\(OptimisationFileName.store); run the same optimisation to resume)")
        }
    }

    private func openStore(_ directory: String) throws(ExperimentError) -> OptimisationStore {
        let path = (directory as NSString).appendingPathComponent(OptimisationFileName.store)
        do {
            return try OptimisationStore(path: path, fingerprint: definition.fingerprint, paths: definition.paths)
        } catch let mismatch as OptimisationStore.Mismatch {
            throw .badInput("--out \(directory): \(OptimisationFileName.store) \(mismatch.message); expected the same optimisation, or use a new --out")
        } catch {
            throw .failure("could not open \(path): \(FileSystem.describe(error))")
        }
    }
}

/// What an optimisation chose and where it wrote it.
public struct OptimisationOutcome: Sendable {
    public let directory: String
    let findings: OptimisationFindings
    /// Runs taken from `results.sqlite` (a resume) and simulated by this call.
    public let reused: Int
    public let simulated: Int
    /// The path of `report.html`.
    public let report: String

    /// The chosen plan: decision path → value.
    public var best: [(path: String, value: JSONValue)] { findings.best }
    /// The chosen plan's objective on fresh seeds (mean and 95% CI; the statistic too for p5).
    public var objective: (mean: Double, ciLow: Double, ciHigh: Double)? { findings.chosenObjective }
    /// The chosen plan's statistic (mean or 5th percentile) on fresh seeds.
    public var statistic: Double? { findings.chosenAssessment.statistic }
    /// Whether the chosen plan meets the requirements on its fresh replications.
    public var feasible: Bool { findings.chosenAssessment.feasible }
    public var probabilityCorrectSelection: Double { findings.selection.probabilityCorrectSelection }
    /// Whether that probability is the procedure's guarantee (Kim–Nelson ended
    /// with one survivor) rather than an estimate (stopped at its cap, or the 5th percentile).
    public var selectionGuaranteed: Bool { findings.selection.guaranteed && findings.definition.statistic == .mean }
    /// The indifference zone the probability holds within, in the objective's units.
    public var indifferenceZone: Double { findings.selection.indifferenceZone }
    /// Replication-runs of the search (at most the budget) and of the selection and base comparison.
    public var searchRuns: Int { findings.searchRuns }
    public var selectionRuns: Int { findings.selectionRuns }
    /// Plans the search ran, and those it refused before running (constraints, the scenario's checks).
    public var candidatesRun: Int { findings.search.entries.count }
    public var candidatesRefused: Int { findings.search.refused.count }
    /// Chosen minus base, KPI by KPI, on the same fresh replications (paired): mean and 95% CI.
    public var differenceFromBase: [(kpi: KPI, mean: Double, ciLow: Double, ciHigh: Double)] { findings.differences }
    /// The finalists (best first in the search's ranking): values, fresh-seed objective, probabilityBest, feasibility.
    public var finalists: [(values: [JSONValue], mean: Double?, ciLow: Double?, ciHigh: Double?, probabilityBest: Double, feasible: Bool, chosen: Bool)] {
        findings.finalistRows
    }
}
