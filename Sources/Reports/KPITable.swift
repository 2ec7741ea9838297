import Audience
import Foundation
import SimCore

/// The compact aligned KPI table `livesim run` prints: mean, the 95% CI of
/// the mean and one stream's (or season's) P5–P95 per KPI, numbers formatted
/// without locale, and a line saying which interval is which (a CI read as
/// the range of one stream misleads a planner by the whole day-to-day spread).
public enum KPITable {
    /// - Parameter unit: what one replication is ("stream", or "season").
    public static func render(_ summaries: KPISummaries, unit: String = "stream") -> String {
        render(KPI.allCases.map { ($0.key, summaries.summary($0)) }, unit: unit)
    }

    /// The line under the table: what the two intervals mean.
    public static func legend(unit: String = "stream") -> String {
        "95% CI of the mean: where the mean of many \(unit)s lies; one \(unit): P5–P95, the range a single \(unit) falls in 9 times out of 10"
    }

    /// The table of any named summaries (a season's KPIs, say).
    public static func render(_ named: [(key: String, summary: ReplicationSummary?)], unit: String = "stream") -> String {
        var rows = [["KPI", "mean", "95% CI of the mean", "one \(unit): P5", "P95"]]
        for (key, s) in named {
            guard let s else { rows.append([key, "—", "", "", ""]); continue }
            let ci = s.confidenceInterval95.map { "[\(short($0.lowerBound)), \(short($0.upperBound))]" } ?? ""
            rows.append([key, short(s.mean), ci, short(s.p5), short(s.p95)])
        }
        let widths = (0..<5).map { c in rows.map { $0[c].count }.max()! }
        return rows.map { row in
            row.enumerated().map { c, text in
                let pad = String(repeating: " ", count: widths[c] - text.count)
                return c == 0 ? text + pad : pad + text
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n" + legend(unit: unit)
    }

    /// Four significant digits, plain notation for everyday magnitudes.
    public static func short(_ x: Double) -> String {
        let magnitude = abs(x)
        if magnitude >= 1e9 || (magnitude < 1e-3 && magnitude > 0) { return String(format: "%.3e", x) }
        // Whole numbers round half away from zero, as the report does (printf would round 5406.5 to even).
        if magnitude >= 1000 || x == x.rounded() { return String(format: "%.0f", x.rounded()) }
        if magnitude >= 100 { return String(format: "%.1f", x) }
        if magnitude >= 1 { return String(format: "%.2f", x) }
        return String(format: "%.4f", x)
    }
}
