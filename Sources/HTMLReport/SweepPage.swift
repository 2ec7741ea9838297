import Audience
import Charts
import Foundation
import Reports

/// The sweep page: the objective as a heat map over the first two varied
/// parameters (a line over one), the best cell with its re-run interval,
/// and every cell's figures.
struct SweepPage {
    let language: ReportLanguage
    let sweep: CSVTable
    let rerun: CSVTable?
    let manifest: [String: Any]
    let paths: [String]
    /// The paths the charts plot: the heat map's rows and columns (the line's x is the first).
    let axes: [String]
    let objective: KPI

    /// - Parameter axes: varied paths to plot (rows, then columns); default the first two.
    init(folder: String, language: ReportLanguage, axes: [String]? = nil) throws {
        self.language = language
        sweep = try CSVTable(folder: folder, name: ResultFileName.sweep)
        rerun = try? CSVTable(folder: folder, name: ResultFileName.rerun)
        manifest = (try? readJSON(folder: folder, name: ResultFileName.manifest)) ?? [:]
        let known = Set(KPI.allCases.flatMap { [$0.key + "Mean", $0.key + "CiLow", $0.key + "CiHigh"] })
        paths = manifest["paths"] as? [String] ?? sweep.columns.filter { $0 != "cell" && !known.contains($0) }
        objective = (manifest["objective"] as? String).flatMap(KPI.init(rawValue:)) ?? .gmvYuan
        if let axes {
            for path in axes where !paths.contains(path) {
                throw ReportError.unknownPath(path, known: paths)
            }
            self.axes = axes + paths.filter { !axes.contains($0) }
        } else {
            self.axes = paths
        }
    }

    var style: NumberStyle { NumberStyle(language: language) }
    func text(_ label: Label) -> String { language.text(label) }

    func mean(_ row: [String]) -> Double? { sweep.number(row, objective.key + "Mean") }

    /// The best cell by the sweep's means (ties: the lower cell), as the sweep picks it.
    var bestRow: [String]? {
        sweep.rows.filter { mean($0) != nil }.min { a, b in
            let x = mean(a)!, y = mean(b)!
            if x != y { return objective.lowerIsBetter ? x < y : x > y }
            return sweep.integer(a, "cell") < sweep.integer(b, "cell")
        }
    }

    /// Distinct values of a varied path, in the order they first appear.
    func levels(_ path: String) -> [String] {
        var out: [String] = []
        for row in sweep.rows where !out.contains(sweep.text(row, path)) { out.append(sweep.text(row, path)) }
        return out
    }

    func context() -> [String: Any] {
        let s = style
        let best = bestRow
        let bestCell = best.map { sweep.text($0, "cell") }
        let rerunRow = bestCell.flatMap { cell in rerun?.rows.first { rerun!.text($0, "cell") == cell } }
        var bestContext: [[String: Any]] = []
        if let best {
            bestContext = [["cell": sweep.text(best, "cell"), "values": paths.map { sweep.text(best, $0) },
                            "mean": s.kpi(objective, mean(best)),
                            "rerun": rerunRow.map { r in s.kpi(objective, rerun!.number(r, objective.key + "Mean")) + " "
                                + s.interval(objective, rerun!.number(r, objective.key + "CiLow"), rerun!.number(r, objective.key + "CiHigh")) } ?? "—"]]
        }
        let cells: [[String: Any]] = sweep.rows.map { row in
            ["cell": sweep.text(row, "cell"), "values": paths.map { sweep.text(row, $0) }, "mean": s.kpi(objective, mean(row)),
             "ci": s.interval(objective, sweep.number(row, objective.key + "CiLow"), sweep.number(row, objective.key + "CiHigh")),
             "rowClass": sweep.text(row, "cell") == bestCell ? "best" : ""]
        }
        var context: [String: Any] = [
            "bestHeading": text(.bestCell), "cellHeading": text(.cell), "paths": paths, "objectiveName": language.name(objective),
            "rerunHeading": text(.rerunCI), "best": bestContext, "cellsHeading": text(.cells), "ciHeading": text(.ci95),
            "cells": cells, "figures": figures(best: best),
        ]
        if paths.count < 2 { context["singleParameterNote"] = text(.noTwoParameters) }
        return context
    }

    func figures(best: [String]?) -> [[String: Any]] {
        let paths = axes
        guard let first = paths.first else { return [] }
        let s = style
        let goal = objective
        var out: [[String: Any]] = []
        if paths.count >= 2 {
            let rows = levels(first), columns = levels(paths[1])
            var values = Array(repeating: Array(repeating: Double?.none, count: columns.count), count: rows.count)
            var counts = values.map { $0.map { _ in 0 } }
            for row in sweep.rows {
                guard let r = rows.firstIndex(of: sweep.text(row, first)), let c = columns.firstIndex(of: sweep.text(row, paths[1])),
                      let m = mean(row) else { continue }
                // With more than two paths, a cell shows the best over the others.
                if let old = values[r][c] { values[r][c] = objective.lowerIsBetter ? min(old, m) : max(old, m) } else { values[r][c] = m }
                counts[r][c] += 1
            }
            let highlight = best.flatMap { b in
                rows.firstIndex(of: sweep.text(b, first)).flatMap { r in columns.firstIndex(of: sweep.text(b, paths[1])).map { (r, $0) } }
            }
            let map = HeatMap(id: "sweep-heat-map", title: language.name(objective), rowLabel: first, columnLabel: paths[1],
                              rows: rows, columns: columns, values: values, highlight: highlight, valueFormat: { s.kpi(goal, $0) })
            out.append(["id": "sweep-heat-map", "heading": text(.heatMap) + " · " + language.name(objective), "svg": map.svg()])
        }
        // The objective along the first parameter, one line per level of the second (if any).
        let xs = levels(first)
        let numeric = xs.allSatisfy { Double($0) != nil }
        let groups = paths.count >= 2 ? levels(paths[1]) : [""]
        let series = groups.map { level -> LineChart.Series in
            let points = sweep.rows.filter { paths.count < 2 || sweep.text($0, paths[1]) == level }.compactMap { row -> (Double, Double)? in
                guard let m = mean(row), let i = xs.firstIndex(of: sweep.text(row, first)) else { return nil }
                return (numeric ? Double(sweep.text(row, first))! : Double(i), m)
            }
            let bands = sweep.rows.filter { paths.count < 2 || sweep.text($0, paths[1]) == level }.compactMap { row -> (Double, Double, Double)? in
                guard let low = sweep.number(row, objective.key + "CiLow"), let high = sweep.number(row, objective.key + "CiHigh"),
                      let i = xs.firstIndex(of: sweep.text(row, first)) else { return nil }
                return (numeric ? Double(sweep.text(row, first))! : Double(i), low, high)
            }
            return LineChart.Series(name: paths.count < 2 ? language.name(objective) : paths[1] + " = " + level, points: points, band: bands)
        }
        let categoryFormat: ValueFormat = { i in
            let k = Int(i.rounded())
            return i == i.rounded() && xs.indices.contains(k) ? xs[k] : ""
        }
        let numberFormat: ValueFormat = { s.axis($0) }
        let line = LineChart(id: "sweep-line", title: text(.lineOver) + " · " + first, xLabel: first, yLabel: language.name(objective),
                             series: series, bandLabel: text(.ci95), xFormat: numeric ? numberFormat : categoryFormat,
                             yFormat: numberFormat, yFromZero: false, emptyText: text(.noData))
        out.append(["id": "sweep-line", "heading": text(.lineOver) + " · " + first, "svg": line.svg()])
        return out
    }
}
