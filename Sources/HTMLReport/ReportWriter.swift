import Foundation
import Reports
import Mustache

/// Builds `report.html` from a result folder — a run, a comparison or a
/// sweep, told apart by their files — using nothing but those files, so
/// `livesim report DIR` rebuilds exactly the report the run wrote.
public enum ReportWriter {
    /// The file name of every report.
    public static let fileName = ResultFileName.report

    /// The report of `folder`, as HTML text.
    /// - Parameter sweepAxes: for a sweep, the varied paths the heat map plots
    ///   (rows, columns); default the first two.
    public static func render(folder: String, language: ReportLanguage = .en, sweepAxes: [String]? = nil) throws -> String {
        let fm = FileManager.default
        func has(_ name: String) -> Bool { fm.fileExists(atPath: (folder as NSString).appendingPathComponent(name)) }
        var page: [String: Any] = ["htmlLanguage": language == .en ? "en" : "zh-CN", "generatedBy": language.text(.generatedBy),
                                   "colon": language == .en ? ": " : "："]
        let body: String
        let library: MustacheLibrary
        if has(ResultFileName.comparison) {
            let comparison = try ComparisonPage(folder: folder, language: language)
            library = try Self.library(body: "comparison", Templates.comparison)
            body = library.render(try comparison.context(), withTemplate: "comparison") ?? ""
            page["title"] = language.text(.comparisonTitle)
            page["name"] = comparison.scenarios.joined(separator: " · ")
            page["facts"] = facts(comparison.manifest, language)
            fill(&page, comparison.manifest)
        } else if has(ResultFileName.sweep) {
            let sweep = try SweepPage(folder: folder, language: language, axes: sweepAxes)
            library = try Self.library(body: "sweep", Templates.sweep)
            body = library.render(sweep.context(), withTemplate: "sweep") ?? ""
            page["title"] = language.text(.sweepTitle)
            page["name"] = ((sweep.manifest["sweepFile"] as? String).map { ($0 as NSString).lastPathComponent }) ?? (folder as NSString).lastPathComponent
            page["facts"] = facts(sweep.manifest, language)
                + [["label": language.text(.objective), "value": language.name(sweep.objective)],
                   ["label": language.text(.cells), "value": "\(sweep.sweep.rows.count)"]]
            fill(&page, sweep.manifest)
        } else if has(ResultFileName.summary) {
            let run = try RunFolder(path: folder)
            library = try Self.library(body: "run", Templates.run)
            body = library.render(RunPage(run: run, language: language).context(), withTemplate: "run") ?? ""
            page["title"] = language.text(.runTitle)
            page["name"] = run.name
            page["description"] = run.description
            page["facts"] = facts(run.manifest, language)
            fill(&page, run.manifest)
        } else {
            throw ReportError.notAResultFolder(folder)
        }
        page["body"] = body
        return library.render(page, withTemplate: "page") ?? ""
    }

    /// Writes `folder/report.html` (atomically: a reader never sees half a
    /// report) and returns its path.
    @discardableResult
    public static func write(folder: String, language: ReportLanguage = .en, sweepAxes: [String]? = nil) throws -> String {
        let html = try render(folder: folder, language: language, sweepAxes: sweepAxes)
        let path = (folder as NSString).appendingPathComponent(fileName)
        try Data(html.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        return path
    }

    /// The page, the figure partial and one body template, parsed (only
    /// what this report uses: each template parsed costs start-up time).
    static func library(body name: String, _ template: String) throws -> MustacheLibrary {
        var library = MustacheLibrary()
        try library.register(Templates.page, named: "page")
        try library.register(Templates.figure, named: "figure")
        try library.register(template, named: name)
        return library
    }

    static func facts(_ manifest: [String: Any], _ language: ReportLanguage) -> [[String: String]] {
        var out: [[String: String]] = []
        if let seed = manifest["seed"] as? NSNumber { out.append(["label": language.text(.seed), "value": "\(seed)"]) }
        if let replications = manifest["replications"] as? NSNumber {
            out.append(["label": language.text(.replications), "value": "\(replications)"])
        }
        if let file = manifest["scenarioFile"] as? String { out.append(["label": language.text(.scenario), "value": file]) }
        return out
    }

    static func fill(_ page: inout [String: Any], _ manifest: [String: Any]) {
        page["version"] = manifest["livesimVersion"] as? String ?? ""
    }
}
