import Audience
import Foundation
import Reports
import Season

/// `comparison.csv` and the table `livesim compare` prints.
public enum ComparisonReport {
    /// The columns of Docs/formats.md, then the independent-seed interval of the difference.
    public static let header = "kpi,scenario,mean,ciLow,ciHigh,diffVsFirst,diffCiLow,diffCiHigh,probabilityBest,"
        + "independentDiffCiLow,independentDiffCiHigh"

    /// The whole CSV text: one row per KPI and scenario.
    public static func csv(_ rows: [ComparisonRow], names: [String]) -> String {
        typealias N = NumberText
        var out = header + "\n"
        for r in rows {
            let ci = r.summary?.confidenceInterval95, dci = r.difference?.confidenceInterval95
            out += [r.key, N.field(names[r.scenario]), N.csv(r.summary?.mean), N.csv(ci?.lowerBound), N.csv(ci?.upperBound),
                    N.csv(r.difference?.mean), N.csv(dci?.lowerBound), N.csv(dci?.upperBound), N.csv(r.probabilityBest),
                    N.csv(r.independentInterval?.lowerBound), N.csv(r.independentInterval?.upperBound)].joined(separator: ",") + "\n"
        }
        return out
    }

    /// The line under the table: what "wins on" (`probabilityBest`) means.
    public static let legend = "wins on: the share of days (replications, common random numbers) on which the plan has the best value, ties split"

    /// KPIs the terminal table shows (every KPI is in the CSV).
    public static let tableKPIs: [String] = ([.views, .averageStaySeconds, .productClicks, .orders, .conversionRate, .gmvYuan,
                                              .netGmvYuan, .costYuan, .profitYuan, .roi, .lostSalesUnits] as [KPI]).map(\.key)
    /// What the table adds for seasons (every season KPI is in the CSV).
    public static let seasonTableKPIs: [String] = ([.lifetimeValueYuan, .seasonNetGmvYuan, .repurchaseRate30Days, .retainedNextStream,
                                                    .clickersLaterConversion, .followersEnd, .membersEnd, .retentionCostYuan,
                                                    .retentionGmvYuan, .seasonProfitYuan] as [SeasonKPI]).map(\.key)

    /// The aligned table: per KPI and scenario, mean [CI], difference against
    /// the first [CI], P(best); then, for `headline`, the paired interval of each
    /// difference beside the one independent seeds would have given.
    public static func table(_ rows: [ComparisonRow], names: [String], headline: String) -> String {
        let short = KPITable.short
        func interval(_ r: ClosedRange<Double>?) -> String { r.map { "[\(short($0.lowerBound)), \(short($0.upperBound))]" } ?? "" }
        var lines = [["KPI", "scenario", "mean", "95% CI of the mean", "vs first", "95% CI", "wins on"]]
        let season = rows.contains { $0.kpi == nil }
        for key in tableKPIs + (season ? seasonTableKPIs : []) {
            for r in rows where r.key == key {
                lines.append([r.scenario == 0 ? key : "", names[r.scenario], r.summary.map { short($0.mean) } ?? "—",
                              interval(r.summary?.confidenceInterval95),
                              r.scenario == 0 ? "" : r.difference.map { ($0.mean > 0 ? "+" : "") + short($0.mean) } ?? "—",
                              r.scenario == 0 ? "" : interval(r.difference?.confidenceInterval95),
                              r.probabilityBest.map { String(format: "%.0f%% of days", 100 * $0) } ?? ""])
            }
        }
        let widths = (0..<lines[0].count).map { c in lines.map { $0[c].count }.max()! }
        var text = lines.map { row in
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c < 2 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
        text += "\n" + legend
        for r in rows where r.key == headline && r.scenario > 0 {
            guard let paired = r.difference?.confidenceInterval95, let independent = r.independentInterval else { continue }
            let pw = paired.upperBound - paired.lowerBound, iw = independent.upperBound - independent.lowerBound
            let gain = pw > 0 ? String(format: "%.1f× narrower", iw / pw) : "exact"
            text += "\n\(headline), \(names[r.scenario]) − \(names[0]): paired 95% CI \(interval(paired)); "
                + "independent seeds would give \(interval(independent)) (pairing: \(gain))"
        }
        return text
    }
}
