import Audience
import Charts
import Foundation
import Reports
import Season

/// The comparison page: KPIs side by side with paired differences (arrows
/// only where the interval excludes zero), overlaid concurrency curves and
/// the probability of being best.
struct ComparisonPage {
    let folder: String
    let language: ReportLanguage
    let table: CSVTable
    let manifest: [String: Any]
    /// Scenario names in the order compared (the first is the reference).
    let scenarios: [String]

    init(folder: String, language: ReportLanguage) throws {
        self.folder = folder
        self.language = language
        table = try CSVTable(folder: folder, name: ResultFileName.comparison)
        manifest = (try? readJSON(folder: folder, name: ResultFileName.manifest)) ?? [:]
        var names: [String] = []
        for row in table.rows where !names.contains(table.text(row, "scenario")) { names.append(table.text(row, "scenario")) }
        scenarios = names
    }

    var style: NumberStyle { NumberStyle(language: language) }
    func text(_ label: Label) -> String { language.text(label) }

    func row(_ key: String, _ scenario: String) -> [String]? {
        table.rows.first { table.text($0, "kpi") == key && table.text($0, "scenario") == scenario }
    }

    /// A measure of the table: a stream KPI or a season KPI, with its name and format.
    struct Measure {
        var key: String
        var name: String
        var lowerIsBetter: Bool
        var format: (Double?) -> String
    }

    /// The stream KPIs, then (for seasons) the season KPIs.
    var measures: [Measure] {
        let s = style
        return KPI.allCases.map { kpi in Measure(key: kpi.key, name: language.name(kpi), lowerIsBetter: kpi.lowerIsBetter) { s.kpi(kpi, $0) } }
            + SeasonKPI.allCases.map { kpi in
                Measure(key: kpi.key, name: language.seasonName(kpi.key), lowerIsBetter: kpi.lowerIsBetter) { s.season(kpi, $0) }
            }
    }

    /// The measure the probability-of-best chart ranks by (the manifest's headline, else GMV).
    var headline: Measure {
        let key = manifest["headline"] as? String ?? KPI.gmvYuan.key
        return measures.first { $0.key == key && row(key, scenarios[0]) != nil } ?? measures.first { $0.key == KPI.gmvYuan.key }!
    }

    func context() throws -> [String: Any] {
        let s = style
        let rows: [[String: Any]] = measures.compactMap { measure in
            guard scenarios.allSatisfy({ row(measure.key, $0) != nil }) else { return nil }
            let values: [[String: String]] = scenarios.map { name in
                let r = row(measure.key, name)!
                return ["value": measure.format(table.number(r, "mean")),
                        "ci": s.interval(table.number(r, "ciLow"), table.number(r, "ciHigh")) { measure.format($0) }]
            }
            let differences: [[String: String]] = scenarios.dropFirst().map { name in
                let r = row(measure.key, name)!
                let low = table.number(r, "diffCiLow"), high = table.number(r, "diffCiHigh")
                let excludesZero = (low.map { $0 > 0 } ?? false) || (high.map { $0 < 0 } ?? false)
                let up = (low ?? 0) > 0
                let better = up != measure.lowerIsBetter
                return ["difference": signed(measure, table.number(r, "diffVsFirst")), "ci": s.interval(low, high) { measure.format($0) },
                        "arrow": excludesZero ? (up ? "▲" : "▼") : "", "direction": excludesZero ? (better ? "up" : "down") : ""]
            }
            return ["key": measure.key, "name": measure.name, "values": values, "differences": differences]
        }
        return [
            "kpiTableHeading": text(.comparisonKPIs), "pairedNote": text(.pairedNote), "multipleTestingNote": text(.multipleTestingNote),
            "kpiHeading": text(.kpi), "scenarios": scenarios, "others": Array(scenarios.dropFirst()),
            "differenceHeading": text(.difference), "rows": rows,
            "figures": try figures(),
        ]
    }

    func signed(_ measure: Measure, _ x: Double?) -> String {
        guard let x, x.isFinite else { return "—" }
        return (x > 0 ? "+" : "") + measure.format(x)
    }

    func figures() throws -> [[String: Any]] {
        var series: [LineChart.Series] = []
        for (k, name) in scenarios.enumerated() {
            let path = (folder as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent(ResultTable.timeseries.fileName)) else { continue }
            let run = try RunFolder(path: path)
            var line = RunPage(run: run, language: language).concurrencySeries(name: name)
            line.dashed = k > 0 && k % 2 == 0
            series.append(line)
        }
        let s = style
        let overlay = LineChart(id: "concurrency-overlay", title: text(.concurrencyOverlay), xLabel: text(.minute), yLabel: text(.viewers),
                                series: series, bandLabel: text(.p5p95Band), xFormat: { String(Int($0.rounded())) },
                                yFormat: { s.axis($0) }, emptyText: text(.noData))
        let measure = headline
        let probabilities = scenarios.map { name in row(measure.key, name).flatMap { table.number($0, "probabilityBest") } ?? 0 }
        let best = probabilities.indices.max { probabilities[$0] < probabilities[$1] }
        let bars = BarChart(id: "probability-best", title: text(.probabilityBest) + " · " + measure.name, valueLabel: "",
                            categories: scenarios, groups: [.init(name: text(.probabilityBest), values: probabilities)],
                            valueFormat: { s.percentAxis($0) }, barLabels: [probabilities.map { s.percent($0) }], highlight: best,
                            emptyText: text(.noData))
        return [
            ["id": "concurrency-overlay", "heading": text(.concurrencyOverlay), "note": text(.bandNote), "svg": overlay.svg()],
            ["id": "probability-best", "heading": text(.probabilityBest) + " · " + measure.name,
             "note": text(.probabilityBestNote), "svg": bars.svg()],
        ]
    }
}
