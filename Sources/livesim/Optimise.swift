import ArgumentParser
import Experiments
import Foundation
import HTMLReport
import JSON
import Optimisation
import Scenario

/// `livesim optimise`: searches a plan's decisions for the best outcome and
/// selects the answer on fresh seeds with a stated probability of being right.
struct Optimise: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimise",
        abstract: "Search a plan's prices, units, timings and budgets for the best expected outcome.",
        discussion: """
        The optimisation file names the base scenario, the decisions (field
        paths with a range or a list of values), constraints on the scenario
        (checked before a plan runs), requirements on results, the objective
        (any KPI, its mean or its 5th percentile) and a budget of
        replication-runs. Every plan runs the same replications (common random
        numbers): a Sobol start, successive halving, Nelder–Mead around the
        leaders; then the finalists are re-run on fresh seeds and one is chosen
        by Kim–Nelson ranking and selection, with its probability of being the
        best. Runs go to DIR/results.sqlite as they finish: kill it and run the
        same command with the same --out to resume (the same final files).
        Writes optimisation.csv, selection.csv, best.yaml (run it as it is),
        summary.json, manifest.json and report.html.

        Example:
          livesim optimise Scenarios/optimisation/opening-and-boosts.yaml --out /tmp/plan
        """,
        aliases: ["optimize"]
    )

    @Argument(help: "The optimisation file (YAML): base, objective, decisions, constraints, requirements, budget.")
    var file: String

    @Option(parsing: .unconditional, help: "Master seed of every run (overrides the file's `seed`; 0 to 2^53).")
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "Threads (default: the CPUs this process may use); any value gives the same files.")
    var jobs: Int?

    @Option(help: "Output folder: new, empty, or holding this optimisation's results.sqlite (to resume).")
    var out: String?

    @Option(help: "Language of report.html: en or zh.")
    var lang: ReportLanguage = .en

    func run() throws {
        try ReplicationSettings.check(seed: seed, replications: nil, jobs: jobs)
        let definition = try OptimisationLoader.load(file: file, seed: seed)
        printWarnings(definition.base)
        for note in definition.notes { printNote(note) }
        let experiment = try OptimisationExperiment(definition, jobs: jobs ?? ReplicationSettings.availableJobs)
        let progress = ProgressLine()
        let outcome = try experiment.run(in: out ?? experiment.defaultFolder, language: lang, progress: progress.handler)
        progress.finish()
        let o = definition.objective.key
        print("\(definition.name): \(plural(definition.decisions.count, "decision")), objective \(o) (\(definition.statistic.rawValue)), seed \(definition.seed)")
        print("search: \(outcome.searchRuns) replication-runs of a budget of \(definition.budget), \(plural(outcome.candidatesRun, "plan")) run, "
              + "\(outcome.candidatesRefused) refused by constraints; selection: \(outcome.selectionRuns) runs on fresh seeds "
              + "(\(outcome.reused) from results.sqlite, \(outcome.simulated) simulated)")
        print("finalists on fresh seeds:")
        for f in outcome.finalists {
            let values = zip(definition.paths, f.values).map { "\($0)=\(Self.text($1))" }.joined(separator: " ")
            print("  \(f.chosen ? "*" : " ") \(values)  \(o) \(Self.number(f.mean)) [\(Self.number(f.ciLow)), \(Self.number(f.ciHigh))]  "
                  + "P(best) \(String(format: "%.2f", f.probabilityBest))\(f.feasible ? "" : "  misses a requirement")")
        }
        print("chosen (probability of correct selection \(outcome.selectionGuaranteed ? "at least" : "about") "
              + "\(String(format: "%.2f", outcome.probabilityCorrectSelection)) within \(Self.number(outcome.indifferenceZone)) \(o)"
              + "\(outcome.selectionGuaranteed ? "" : ", estimated: the selection stopped at its cap")"
              + "\(outcome.feasible ? "" : "; misses a requirement on fresh seeds")):")
        for (path, value) in outcome.best { print("  \(path): \(Self.text(value))") }
        print("chosen − base plan, paired on the same fresh seeds (95% CI):")
        let shown: [String] = [o, "gmvYuan", "profitYuan", "roi", "orders", "views", "costYuan"]
        for d in outcome.differenceFromBase where shown.contains(d.kpi.key) {
            print("  \(d.kpi.key.padding(toLength: 12, withPad: " ", startingAt: 0)) \(Self.number(d.mean)) [\(Self.number(d.ciLow)), \(Self.number(d.ciHigh))]")
        }
        printResults(outcome.directory, report: outcome.report)
    }

    static func number(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "—" }
        return abs(x) >= 1000 ? String(format: "%.0f", x) : String(format: "%.4g", x)
    }

    static func text(_ v: JSONValue) -> String {
        if case .number(let x) = v { return number(x) }
        if case .string(let s) = v { return s }
        return v.text()
    }
}
