import Charts
import Foundation
import HTMLReport

/// `report.html` of a calibration, in the run report's page style: the
/// estimates with their intervals (a table, and each interval drawn inside
/// its bounds), every observed series against the simulated P5–P95 band and
/// mean at the estimates, the series × parameter sensitivity as a heat map,
/// and the objective over the evaluations. Built from the findings in memory
/// (no file is read back), in English or Chinese.
struct CalibrationReport {
    let findings: CalibrationFindings
    let language: ReportLanguage
    let version: String

    var text: CalibrationReportText { CalibrationReportText(language: language) }

    func html() -> String {
        let p = findings.problem
        let facts = [
            ReportPage.Fact(label: text.streams, value: "\(p.streams.count)"),
            ReportPage.Fact(label: text.evaluations, value: "\(findings.result.evaluations.count) / \(p.budget)"),
            ReportPage.Fact(label: text.replications, value: "\(p.replications)"),
            ReportPage.Fact(label: text.seed, value: "\(p.seed)"),
            ReportPage.Fact(label: text.objective, value: Self.format(findings.objective)),
        ]
        let body = [estimatesTable(), ReportPage.figure(id: "calibration-intervals", heading: text.intervalsHeading,
                                                        note: text.intervalsNote, svg: intervalsChart())]
            + fitFigures() + [sensitivityFigure(), objectiveFigure()]
        return ReportPage.html(language: language, title: text.title, name: p.name, description: text.methodText, facts: facts,
                               body: body.joined(separator: "\n"), version: version)
    }

    /// Four significant figures, no locale.
    static func format(_ x: Double) -> String {
        guard x.isFinite else { return "—" }
        if x != 0, abs(x) < 1e-3 || abs(x) >= 1e7 { return String(format: "%.3e", x) }
        var s = String(format: "%.4g", x)
        if s.contains("e") { s = String(format: "%.0f", x) }
        return s
    }

    func estimatesTable() -> String {
        var rows = ""
        for e in findings.estimates {
            rows += "<tr data-path=\"\(xmlEscaped(e.path))\"><td>\(xmlEscaped(e.path))</td><td>\(Self.format(e.estimate))</td>"
                + "<td class=\"interval\">\(Self.format(e.ciLow)) – \(Self.format(e.ciHigh))</td>"
                + "<td class=\"interval\">\(Self.format(e.min)) – \(Self.format(e.max))</td>"
                + "<td class=\"\(e.identified ? "up" : "down")\">\(e.identified ? text.yes : e.limitedByBudget ? text.noBudget : text.no)</td></tr>\n"
        }
        return """
        <section class="estimates">
        <h2>\(xmlEscaped(text.estimatesHeading))</h2>
        <p class="note">\(xmlEscaped(text.estimatesNote))</p>
        <table class="estimates">
        <thead><tr><th>\(xmlEscaped(text.path))</th><th>\(xmlEscaped(text.estimate))</th><th>\(xmlEscaped(text.interval))</th><th>\(xmlEscaped(text.bounds))</th><th>\(xmlEscaped(text.identified))</th></tr></thead>
        <tbody>
        \(rows)</tbody>
        </table>
        </section>
        """
    }

    /// One row per parameter: the bounds as a bar, the interval as a dark segment, the estimate as a dot (unit scale).
    func intervalsChart() -> String {
        let rowHeight = 44.0, left = 260.0, right = 90.0, width = 720.0, top = 20.0
        let height = top + rowHeight * Double(findings.estimates.count) + 10
        let plot = width - left - right
        var b = SVGBuilder()
        b.open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("class", "chart"), ("data-chart", "calibration-intervals"), ("viewBox", "0 0 \(svgNumber(width)) \(svgNumber(height))"),
                       ("role", "img"), ("aria-label", text.intervalsHeading)])
        for (j, e) in findings.estimates.enumerated() {
            let i = findings.intervals[j]
            let y = top + rowHeight * Double(j) + rowHeight / 2
            func x(_ u: Double) -> Double { left + plot * u }
            b.open("g", [("class", i.identified ? "parameter identified" : "parameter not-identified"), ("data-path", e.path)])
            b.title("\(e.path): \(Self.format(e.estimate)) [\(Self.format(e.ciLow)), \(Self.format(e.ciHigh))]")
            b.element("text", [("x", svgNumber(left - 8)), ("y", svgNumber(y + 4)), ("text-anchor", "end")], text: e.path)
            b.element("rect", [("x", svgNumber(x(0))), ("y", svgNumber(y - 5)), ("width", svgNumber(plot)), ("height", "10"), ("fill", "#e8eaed")])
            b.element("rect", [("x", svgNumber(x(i.low))), ("y", svgNumber(y - 5)), ("width", svgNumber(max(1.5, plot * (i.high - i.low)))),
                               ("height", "10"), ("fill", i.identified ? "#0072B2" : "#D55E00")])
            b.element("circle", [("cx", svgNumber(x(i.estimate))), ("cy", svgNumber(y)), ("r", "5"), ("fill", "#1a1a1a")])
            b.element("text", [("x", svgNumber(x(0))), ("y", svgNumber(y + 19)), ("font-size", "10"), ("fill", "#5f6368")], text: Self.format(e.min))
            b.element("text", [("x", svgNumber(x(1))), ("y", svgNumber(y + 19)), ("font-size", "10"), ("fill", "#5f6368"), ("text-anchor", "end")],
                      text: Self.format(e.max))
            b.element("text", [("x", svgNumber(x(1) + 8)), ("y", svgNumber(y + 4))], text: i.identified ? text.identified : "✗ " + text.identified)
            b.close("g")
        }
        b.close("svg")
        return b.markup
    }

    func fitFigures() -> [String] {
        let p = findings.problem
        var out: [String] = []
        let numbers: ValueFormat = { CalibrationReport.format($0) }
        for (s, stream) in p.streams.enumerated() {
            for name in CalibrationProblem.seriesNames where stream.observed[name] != nil {
                let rows = findings.fit.filter { $0.stream == stream.name && $0.series == name }
                let observed = LineChart.Series(name: text.observed, points: rows.map { (Double($0.minute), $0.observed) })
                let simulated = LineChart.Series(name: text.simulatedMean, points: rows.map { (Double($0.minute), $0.mean) },
                                                 band: rows.map { (Double($0.minute), $0.p5, $0.p95) })
                let title = "\(stream.name) · \(text.seriesName(name))" + (p.targets.contains(name) ? "" : " (\(text.notTarget))")
                let chart = LineChart(id: "fit-\(s)-\(name)", title: title, xLabel: text.minute, yLabel: text.seriesName(name),
                                      series: [simulated, observed], bandLabel: text.band, xFormat: numbers, yFormat: numbers,
                                      emptyText: text.noData)
                out.append(ReportPage.figure(id: "fit-\(s)-\(name)", heading: text.fitHeading + " · " + title,
                                             note: out.isEmpty ? text.fitNote : nil, svg: chart.svg()))
            }
        }
        return out
    }

    func sensitivityFigure() -> String {
        let p = findings.problem
        let map = HeatMap(id: "calibration-sensitivity", title: text.sensitivityHeading, rowLabel: text.series, columnLabel: text.path,
                          rows: p.targets.map(text.seriesName), columns: p.parameters.map(\.path), values: findings.sensitivity,
                          valueFormat: { CalibrationReport.format($0) })
        return ReportPage.figure(id: "calibration-sensitivity", heading: text.sensitivityHeading, note: text.sensitivityNote, svg: map.svg())
    }

    func objectiveFigure() -> String {
        let values = findings.result.values
        let minimum = findings.objective
        var best = Double.infinity
        var each: [(x: Double, y: Double)] = [], running: [(x: Double, y: Double)] = []
        for (i, v) in values.enumerated() {
            best = min(best, v)
            each.append((Double(i), log10(1 + max(0, v - minimum))))
            running.append((Double(i), log10(1 + max(0, best - minimum))))
        }
        let numbers: ValueFormat = { CalibrationReport.format($0) }
        let chart = LineChart(id: "calibration-objective", title: text.objectiveHeading, xLabel: text.evaluation,
                              yLabel: "log₁₀(1 + Δ)", series: [LineChart.Series(name: text.each, points: each),
                                                               LineChart.Series(name: text.bestSoFar, points: running, dashed: true)],
                              xFormat: numbers, yFormat: numbers, emptyText: text.noData)
        return ReportPage.figure(id: "calibration-objective", heading: text.objectiveHeading, note: text.objectiveNote, svg: chart.svg())
    }
}
