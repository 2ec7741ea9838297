import Audience
import Charts
import Foundation

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
        table = try CSVTable(folder: folder, name: "comparison.csv")
        manifest = (try? readJSON(folder: folder, name: "manifest.json")) ?? [:]
        var names: [String] = []
        for row in table.rows where !names.contains(table.text(row, "scenario")) { names.append(table.text(row, "scenario")) }
        scenarios = names
    }

    var style: NumberStyle { NumberStyle(language: language) }
    func text(_ label: Label) -> String { language.text(label) }

    func row(_ kpi: KPI, _ scenario: String) -> [String]? {
        table.rows.first { table.text($0, "kpi") == kpi.key && table.text($0, "scenario") == scenario }
    }

    /// The KPI the probability-of-best chart ranks by (the manifest's headline, else GMV).
    var headline: KPI { (manifest["headline"] as? String).flatMap(KPI.init(rawValue:)) ?? .gmvYuan }

    func context() throws -> [String: Any] {
        let s = style
        let rows: [[String: Any]] = KPI.allCases.compactMap { kpi in
            guard scenarios.allSatisfy({ row(kpi, $0) != nil }) else { return nil }
            let values: [[String: String]] = scenarios.map { name in
                let r = row(kpi, name)!
                return ["value": s.kpi(kpi, table.number(r, "mean")), "ci": s.interval(kpi, table.number(r, "ciLow"), table.number(r, "ciHigh"))]
            }
            let differences: [[String: String]] = scenarios.dropFirst().map { name in
                let r = row(kpi, name)!
                let low = table.number(r, "diffCiLow"), high = table.number(r, "diffCiHigh")
                let excludesZero = (low.map { $0 > 0 } ?? false) || (high.map { $0 < 0 } ?? false)
                let up = (low ?? 0) > 0
                let better = up != kpi.lowerIsBetter
                return ["difference": signed(kpi, table.number(r, "diffVsFirst")), "ci": s.interval(kpi, low, high),
                        "arrow": excludesZero ? (up ? "▲" : "▼") : "", "direction": excludesZero ? (better ? "up" : "down") : ""]
            }
            return ["key": kpi.key, "name": language.name(kpi), "values": values, "differences": differences]
        }
        return [
            "kpiTableHeading": text(.comparisonKPIs), "pairedNote": text(.pairedNote), "multipleTestingNote": text(.multipleTestingNote),
            "kpiHeading": text(.kpi), "scenarios": scenarios, "others": Array(scenarios.dropFirst()),
            "differenceHeading": text(.difference), "rows": rows,
            "figures": try figures(),
        ]
    }

    func signed(_ kpi: KPI, _ x: Double?) -> String {
        guard let x, x.isFinite else { return "—" }
        return (x > 0 ? "+" : "") + style.kpi(kpi, x)
    }

    func figures() throws -> [[String: Any]] {
        var series: [LineChart.Series] = []
        for (k, name) in scenarios.enumerated() {
            let path = (folder as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("timeseries.csv")) else { continue }
            let run = try RunFolder(path: path)
            var line = RunPage(run: run, language: language).concurrencySeries(name: name)
            line.dashed = k > 0 && k % 2 == 0
            series.append(line)
        }
        let s = style
        let overlay = LineChart(id: "concurrency-overlay", title: text(.concurrencyOverlay), xLabel: text(.minute), yLabel: text(.viewers),
                                series: series, bandLabel: text(.p5p95Band), xFormat: { String(Int($0.rounded())) },
                                yFormat: { s.axis($0) }, emptyText: text(.noData))
        let kpi = headline
        let probabilities = scenarios.map { name in row(kpi, name).flatMap { table.number($0, "probability-best") } ?? 0 }
        let best = probabilities.indices.max { probabilities[$0] < probabilities[$1] }
        let bars = BarChart(id: "probability-best", title: text(.probabilityBest) + " · " + language.name(kpi), valueLabel: "",
                            categories: scenarios, groups: [.init(name: text(.probabilityBest), values: probabilities)],
                            valueFormat: { s.percentAxis($0) }, barLabels: [probabilities.map { s.percent($0) }], highlight: best,
                            emptyText: text(.noData))
        return [
            ["id": "concurrency-overlay", "heading": text(.concurrencyOverlay), "note": text(.bandNote), "svg": overlay.svg()],
            ["id": "probability-best", "heading": text(.probabilityBest) + " · " + language.name(kpi),
             "note": text(.probabilityBestNote), "svg": bars.svg()],
        ]
    }
}
