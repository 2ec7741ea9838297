import ArgumentParser
import Experiments
import Foundation
import HTMLReport

extension ReportLanguage: ExpressibleByArgument {}

/// `livesim report`: rebuilds report.html from a result folder's files.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Rebuild report.html from the result files of a run, comparison or sweep.",
        discussion: """
        Reads only the files in DIR (summary.json and the CSV tables of a run;
        comparison.csv and each scenario's folder; sweep.csv and rerun.csv) and
        writes DIR/report.html: one self-contained file (inline SVG charts, no
        scripts or fetched resources) that opens offline and prints well.

        Example:
          livesim report Results/baseline/20261128T120000Z --lang zh
          livesim report Results/opening-price --axes channels.feed.boosts[0].budgetYuan,promotions[0].offers[0].priceYuan
        """
    )

    @Argument(help: "A folder written by run, compare, sweep or merge.")
    var directory: String

    @Option(help: "Language of the report: en or zh.")
    var lang: ReportLanguage = .en

    @Option(help: "For a sweep: the two varied paths the heat map plots, rows then columns, comma-separated (default: the first two).")
    var axes: String?

    func run() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ExperimentError.badInput("\(directory): no such folder; expected a folder written by livesim run, compare, sweep or merge")
        }
        let path: String
        let chosen = axes.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        if let chosen, chosen.count != 2 || chosen[0] == chosen[1] {
            throw ExperimentError.badInput("--axes \(axes!): expected two different varied paths, comma-separated")
        }
        do { path = try ReportWriter.write(folder: directory, language: lang, sweepAxes: chosen) } catch let error as ReportError {
            throw ExperimentError.badInput(error.description)
        } catch {
            throw ExperimentError.failure("could not write \(directory)/\(ReportWriter.fileName): \(FileSystem.describe(error))")
        }
        print("report: \(path)")
    }
}
