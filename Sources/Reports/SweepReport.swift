import Audience
import Foundation
import JSON
import ResultsStore

/// `sweep.csv`, `rerun.csv` and the table `livesim sweep` prints, all read
/// back from the results store, so a resumed sweep writes the same files as
/// an uninterrupted one.
public enum SweepReport {
    /// `cell`, one column per varied path, then `<kpi>Mean,<kpi>CiLow,<kpi>CiHigh` for every KPI.
    public static func header(paths: [String]) -> String {
        (["cell"] + paths.map(NumberText.field) + KPI.allCases.flatMap { [$0.key + "Mean", $0.key + "CiLow", $0.key + "CiHigh"] })
            .joined(separator: ",")
    }

    /// The whole CSV text, one row per cell, in cell order.
    public static func csv(_ cells: [ResultsStore.Cell], paths: [String]) -> String {
        var out = header(paths: paths) + "\n"
        for c in cells {
            var fields = [String(c.cell)] + c.values.map(text)
            for k in c.kpis { fields += [NumberText.csv(k.mean), NumberText.csv(k.ciLow), NumberText.csv(k.ciHigh)] }
            out += fields.joined(separator: ",") + "\n"
        }
        return out
    }

    /// A varied value as the store keeps it: numbers as numbers, strings as
    /// text, anything else as its JSON text.
    public static func storedValue(_ value: JSONValue) -> ResultsStore.StoredValue {
        switch value {
        case .null: .null
        case .number(let x): .number(x)
        case .string(let s): .text(s)
        default: .text(value.text())
        }
    }

    static func text(_ value: ResultsStore.StoredValue) -> String {
        switch value {
        case .null: ""
        case .number(let x): NumberText.csv(x)
        case .text(let s): NumberText.field(s)
        }
    }

    /// The cells ranked by the objective (at most `limit`), then the best
    /// cells' re-run with fresh seeds beside their sweep estimates.
    /// - Parameter best: the best cell of the sweep (re-run first).
    public static func table(sweep: [ResultsStore.Cell], reruns: [ResultsStore.Cell], best: Int?, paths: [String], objective: KPI,
                             limit: Int = 10) -> String {
        let k = KPI.allCases.firstIndex(of: objective)!
        let short = KPITable.short
        func interval(_ c: ResultsStore.Cell) -> String {
            guard let low = c.kpis[k].ciLow, let high = c.kpis[k].ciHigh else { return "" }
            return "[\(short(low)), \(short(high))]"
        }
        func values(_ c: ResultsStore.Cell) -> [String] { c.values.map { v in text(v).isEmpty ? "—" : text(v) } }
        let ranked = sweep.filter { $0.kpis[k].mean != nil }.sorted { a, b in
            let (x, y) = (a.kpis[k].mean!, b.kpis[k].mean!)
            return x == y ? a.cell < b.cell : (objective.lowerIsBetter ? x < y : x > y)
        }
        var rows = [["cell"] + paths + [objective.key, "95% CI", "re-run", "re-run 95% CI"]]
        for c in ranked.prefix(limit) {
            let rerun = reruns.first { $0.cell == c.cell }
            rows.append([String(c.cell)] + values(c) + [short(c.kpis[k].mean!), interval(c),
                         rerun?.kpis[k].mean.map(short) ?? "", rerun.map(interval) ?? ""])
        }
        let widths = rows[0].indices.map { col in rows.map { $0[col].count }.max()! }
        var lines = rows.map { row in
            row.enumerated().map { col, cell in
                let pad = String(repeating: " ", count: widths[col] - cell.count)
                return col == 0 || col > paths.count ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingTrailingSpaces
        }
        if ranked.count > limit { lines.append("… \(ranked.count - limit) more cells in sweep.csv") }
        if let best = reruns.first(where: { $0.cell == best }) {
            lines.append("best cell \(best.cell) re-run with fresh seeds: \(objective.key) \(best.kpis[k].mean.map(short) ?? "—") \(interval(best))"
                         + (reruns.count > 1 ? "; \(reruns.count - 1) more cell\(reruns.count == 2 ? "" : "s") within its CI re-run too (rerun.csv)" : ""))
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// The text without the spaces padding its end.
    var trimmingTrailingSpaces: String {
        var end = endIndex
        while end > startIndex && self[index(before: end)] == " " { end = index(before: end) }
        return String(self[..<end])
    }
}
