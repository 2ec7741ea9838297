import ArgumentParser
import Experiments
import Foundation
import Measurement
import Scenario

/// `livesim contribution`: what each channel really adds.
struct Contribution: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contribution",
        abstract: "What each channel adds: the stream with each channel switched off in turn.",
        discussion: """
        Runs the scenario as planned and with each channel (each partner of kol,
        koc and crossBrand) switched off in turn, all on the same replications
        (common random numbers), and reports what the stream loses without each:
        views, GMV and profit with paired 95% intervals, the channel's own cost
        and the incremental ROI (profit lost / cost), beside the GMV a last-touch
        dashboard credits it with. Writes contribution.csv, summary.json,
        manifest.json and report.html.

        Example:
          livesim contribution Scenarios/baseline.yaml --replications 20 --out /tmp/contribution
        """
    )

    @Argument(help: "The scenario file.")
    var file: String

    @OptionGroup var replication: ReplicationOptions

    @OptionGroup var output: OutputOptions

    func run() throws {
        try replication.check()
        let scenario = try ScenarioLoader.load(file: file)
        printWarnings(scenario)
        let experiment = try ChannelContribution(scenario, settings: try replication.settings(scenario))
        let folder = try output.folder(scenarioName: "\(scenario.document.name)-contribution")
        let progress = ProgressLine()
        let outcome = try experiment.write(to: folder, language: output.lang, progress: progress.handler)
        progress.finish()
        print("\(scenario.document.name): \(plural(outcome.rows.count, "channel")) switched off in turn, \(outcome.replications) replications each (paired), seed \(outcome.seed)")
        func n(_ x: Double?) -> String { guard let x, x.isFinite else { return "—" }; return abs(x) >= 1000 ? String(format: "%.0f", x) : String(format: "%.3g", x) }
        let header = ["channel", "views lost", "GMV lost [95% CI]", "GMV credited", "profit lost [95% CI]", "profit credited", "cost", "incr. ROI"]
        var rows = [header]
        for r in outcome.rows {
            rows.append([r.partner.isEmpty ? r.channel.key : "\(r.channel.key): \(r.partner)", n(r.views.mean),
                         "\(n(r.gmvYuan.mean)) [\(n(r.gmvYuan.low)), \(n(r.gmvYuan.high))]", n(r.attributedGmvYuan),
                         "\(n(r.profitYuan.mean)) [\(n(r.profitYuan.low)), \(n(r.profitYuan.high))]",
                         n(r.attributedProfitYuan) + (r.attributionMisleads ? " !" : ""), n(r.costYuan), n(r.incrementalRoi)])
        }
        let widths = header.indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        for row in rows {
            print(row.enumerated().map { c, cell in cell.padding(toLength: widths[c], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces))
        }
        for r in outcome.rows where r.attributionMisleads {
            print("! \(r.partner.isEmpty ? r.channel.key : "\(r.channel.key) \(r.partner)"): the dashboard credits it with \(n(r.attributedProfitYuan)) of profit; "
                  + "the stream makes \(n(-r.profitYuan.mean)) [\(n(-r.profitYuan.high)), \(n(-r.profitYuan.low))] more without it")
        }
        let sum = outcome.rows.reduce(0) { $0 + $1.gmvYuan.mean }
        print("the GMV lost channel by channel sums to \(n(sum)) against a planned \(n(outcome.base[.gmvYuan]?.mean ?? .nan)): "
              + "contributions need not add up (channels interact through the room weight, shares and follows)")
        printResults(folder.final, report: (folder.final as NSString).appendingPathComponent("report.html"))
    }
}
