import Audience
import Charts
import Foundation
import HTMLReport
import JSON
import Scenario

/// `report.html` of an optimisation, in the run report's page style: the
/// chosen plan beside the base plan (decision by decision, then KPI by KPI
/// with the paired difference), the finalists on fresh seeds with their
/// intervals and probability of being best, and the objective of every
/// candidate over the search (convergence). Built from the findings in
/// memory, in English or Chinese.
struct OptimisationReport {
    let findings: OptimisationFindings
    let language: ReportLanguage
    let version: String

    private func pick(_ en: String, _ zh: String) -> String { language == .en ? en : zh }

    /// The KPIs the chosen-versus-base table shows first (the objective and the requirements' KPIs lead).
    static let headline: [KPI] = [.gmvYuan, .profitYuan, .roi, .orders, .views, .conversionRate, .averageOrderValueYuan, .costYuan,
                                  .returns, .lostSalesUnits, .newFollows]

    func html() -> String {
        let f = findings
        let d = f.definition
        let facts = [
            ReportPage.Fact(label: pick("Objective", "目标"), value: "\(d.objective.key) (\(d.statistic == .mean ? pick("mean", "均值") : pick("5th percentile", "第5百分位")))"),
            ReportPage.Fact(label: pick("Replication-runs of the search", "搜索所用仿真次数"), value: "\(f.searchRuns) / \(d.budget)"),
            ReportPage.Fact(label: pick("Plans run (refused before running)", "已运行方案（运行前被约束排除）"),
                            value: "\(f.search.entries.count) (\(f.search.refused.count))"),
            ReportPage.Fact(label: pick("Probability of correct selection", "正确选择概率"),
                            value: String(format: "%.2f", f.selection.probabilityCorrectSelection)
                                + pick(" within ", "，无差异区间 ") + Self.format(f.selection.indifferenceZone)),
            ReportPage.Fact(label: pick("Seed", "随机种子"), value: "\(d.seed)"),
        ]
        let body = [planTable(), comparisonTable(), finalistsFigure(), convergenceFigure()]
        return ReportPage.html(language: language, title: pick("Optimisation", "方案优化"), name: d.name,
                               description: pick("The plan searched under common random numbers, then chosen among the finalists on fresh seeds (Kim–Nelson ranking and selection). Every number about the chosen plan comes from those fresh seeds, not from the search that found it.",
                                                 "在共同随机数下搜索方案，再以新的随机种子在入围方案中选择（Kim–Nelson 排序与选择）。所选方案的所有数字都来自这些新种子，而非找到它的搜索本身。"),
                               facts: facts, body: body.joined(separator: "\n"), version: version)
    }

    static func format(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "—" }
        if abs(x) >= 1000 { return String(format: "%.0f", x) }
        return String(format: "%.4g", x)
    }

    static func value(_ v: JSONValue) -> String {
        if case .number(let x) = v { return format(x) }
        if case .string(let s) = v { return s }
        return v.text()
    }

    func planTable() -> String {
        let f = findings
        let base = f.definition.decisions.map { d in
            FieldPath(d.path).flatMap { f.definition.base.resolved.value(at: $0.components[...]) } ?? .null
        }
        var rows = ""
        for (i, d) in f.definition.decisions.enumerated() {
            let chosen = f.chosen.candidate.values[i]
            let changed = chosen != base[i]
            rows += "<tr data-path=\"\(xmlEscaped(d.path))\"><td>\(xmlEscaped(d.path))</td><td>\(xmlEscaped(Self.value(base[i])))</td>"
                + "<td class=\"\(changed ? "up" : "")\">\(xmlEscaped(Self.value(chosen)))</td><td>\(xmlEscaped(domain(d)))</td></tr>\n"
        }
        return """
        <section class="plan">
        <h2>\(xmlEscaped(pick("The chosen plan", "所选方案")))</h2>
        <p class="note">\(xmlEscaped(pick("best.yaml is the base scenario with these values; livesim run, compare and sweep take it as it is.", "best.yaml 为写入这些取值的基础场景，可直接用于 livesim run、compare 和 sweep。")))</p>
        <table class="plan">
        <thead><tr><th>\(xmlEscaped(pick("Decision", "决策")))</th><th>\(xmlEscaped(pick("Base plan", "基础方案")))</th><th>\(xmlEscaped(pick("Chosen", "所选")))</th><th>\(xmlEscaped(pick("Allowed", "取值范围")))</th></tr></thead>
        <tbody>
        \(rows)</tbody>
        </table>
        </section>
        """
    }

    func domain(_ d: OptimisationDecision) -> String {
        switch d.domain {
        case .range(let lo, let hi, let integer): "\(Self.format(lo)) – \(Self.format(hi))\(integer ? pick(" (whole)", "（整数）") : "")"
        case .values(let values): values.map(Self.value).joined(separator: ", ")
        }
    }

    func comparisonTable() -> String {
        let f = findings
        let first = [f.definition.objective] + f.definition.requirements.map(\.kpi)
        var order: [KPI] = []
        for k in first + Self.headline where !order.contains(k) { order.append(k) }
        let byKPI = Dictionary(uniqueKeysWithValues: f.differences.map { ($0.kpi, $0) })
        var rows = ""
        for kpi in order {
            guard let diff = byKPI[kpi] else { continue }
            let better = kpi.lowerIsBetter ? diff.ciHigh < 0 : diff.ciLow > 0
            let worse = kpi.lowerIsBetter ? diff.ciLow > 0 : diff.ciHigh < 0
            rows += "<tr data-kpi=\"\(kpi.key)\"><td>\(kpi.key)</td><td>\(Self.format(f.baseMean(kpi)))</td><td>\(Self.format(f.chosenMean(kpi)))</td>"
                + "<td class=\"\(better ? "up" : worse ? "down" : "")\">\(Self.format(diff.mean)) [\(Self.format(diff.ciLow)), \(Self.format(diff.ciHigh))]</td></tr>\n"
        }
        return """
        <section class="versus-base">
        <h2>\(xmlEscaped(pick("Chosen plan against the base plan", "所选方案与基础方案对比")))</h2>
        <p class="note">\(xmlEscaped(pick("Both on the same \(f.chosen.runs.count) fresh replications (paired: each replication the same seed for both); the difference's 95% interval. Green: better beyond doubt; red: worse.", "两者在相同的 \(f.chosen.runs.count) 次新重复上运行（配对：每次重复两者使用相同种子）；差值附95%区间。绿色：确定更好；红色：更差。")))</p>
        <table class="comparison">
        <thead><tr><th>KPI</th><th>\(xmlEscaped(pick("Base plan", "基础方案")))</th><th>\(xmlEscaped(pick("Chosen", "所选")))</th><th>\(xmlEscaped(pick("Chosen − base [95% CI]", "所选 − 基础 [95%区间]")))</th></tr></thead>
        <tbody>
        \(rows)</tbody>
        </table>
        </section>
        """
    }

    func finalistsFigure() -> String {
        let f = findings
        let rows = f.finalistRows
        let labels = rows.map { r in
            zip(f.definition.decisions, r.values).map { Self.value($1) }.joined(separator: " · ") + (r.chosen ? " ✓" : "")
        }
        var table = ""
        for (r, label) in zip(rows, labels) {
            let interval = "\(Self.format(r.mean)) [\(Self.format(r.ciLow)), \(Self.format(r.ciHigh))]"
            table += "<tr class=\"\(r.chosen ? "chosen" : "")\"><td>\(xmlEscaped(label))</td><td class=\"interval\">\(xmlEscaped(interval))</td>"
                + "<td>\(String(format: "%.2f", r.probabilityBest))</td><td class=\"\(r.feasible ? "" : "down")\">\(r.feasible ? pick("yes", "是") : pick("no", "否"))</td></tr>\n"
        }
        let chart = BarChart(id: "optimisation-finalists", title: pick("Probability of being best", "为最优的概率"),
                             valueLabel: pick("share of paired resamples", "配对重抽样中的比例"), categories: labels,
                             groups: [BarChart.Group(name: "P(best)", values: rows.map(\.probabilityBest))],
                             valueFormat: { String(format: "%.2f", $0) },
                             barLabels: [rows.map { String(format: "%.2f", $0.probabilityBest) }],
                             highlight: rows.firstIndex { $0.chosen })
        return """
        <section class="finalists">
        <h2>\(xmlEscaped(pick("The finalists on fresh seeds", "入围方案（新种子）")))</h2>
        <p class="note">\(xmlEscaped(pick("Each finalist on the same \(f.chosen.runs.count) fresh replications: the objective's mean with its 95% interval (wide: it holds the day-to-day spread every plan shares), and how often it is best when the replications are resampled in pairs (the differences between plans are far narrower than the intervals). Decisions in the order of the file: \(f.definition.paths.joined(separator: ", ")).", "各入围方案在相同的 \(f.chosen.runs.count) 次新重复上：目标均值及95%区间（区间较宽：包含所有方案共有的日间波动），以及配对重抽样时为最优的频率（方案之间的差异远比区间窄）。决策按文件顺序：\(f.definition.paths.joined(separator: ", "))。")))</p>
        <table class="finalists">
        <thead><tr><th>\(xmlEscaped(pick("Plan", "方案")))</th><th>\(xmlEscaped("\(f.definition.objective.key) [95% CI]"))</th><th>P(best)</th><th>\(xmlEscaped(pick("Meets the requirements", "满足要求")))</th></tr></thead>
        <tbody>
        \(table)</tbody>
        </table>
        </section>
        """ + ReportPage.figure(id: "optimisation-finalists", heading: pick("How sure the choice is", "选择的把握"),
                                 note: pick("Probability of correct selection \(String(format: "%.2f", f.selection.probabilityCorrectSelection)) within \(Self.format(f.selection.indifferenceZone)) \(f.definition.objective.key)\(f.selection.guaranteed && f.definition.statistic == .mean ? ": the Kim–Nelson procedure's guarantee." : ": an estimate (the selection stopped at its cap).")",
                                            "正确选择概率 \(String(format: "%.2f", f.selection.probabilityCorrectSelection))（无差异区间 \(Self.format(f.selection.indifferenceZone)) \(f.definition.objective.key)）\(f.selection.guaranteed && f.definition.statistic == .mean ? "：Kim–Nelson 程序的保证。" : "：估计值（选择在上限处停止）。")"),
                                 svg: chart.svg())
    }

    func convergenceFigure() -> String {
        let f = findings
        let sign = f.definition.objective.lowerIsBetter ? -1.0 : 1.0
        var each: [(x: Double, y: Double)] = [], running: [(x: Double, y: Double)] = []
        var best = -Double.infinity
        for (i, e) in f.search.entries.enumerated() {
            guard let s = e.assessment.statistic else { continue }
            each.append((Double(i), s))
            if e.assessment.feasible { best = max(best, sign * s) }
            if best.isFinite { running.append((Double(i), sign * best)) }
        }
        let numbers: ValueFormat = { OptimisationReport.format($0) }
        let chart = LineChart(id: "optimisation-convergence", title: pick("The search", "搜索过程"), xLabel: pick("Candidate (order run)", "候选方案（运行顺序）"),
                              yLabel: f.definition.objective.key,
                              series: [LineChart.Series(name: pick("each candidate", "各候选方案"), points: each),
                                       LineChart.Series(name: pick("best feasible so far", "目前最优可行方案"), points: running, dashed: true)],
                              xFormat: numbers, yFormat: numbers, yFromZero: false, emptyText: pick("No data", "无数据"))
        return ReportPage.figure(id: "optimisation-convergence", heading: pick("Convergence", "收敛过程"),
                                 note: pick("The objective's \(f.definition.statistic == .mean ? "mean" : "5th percentile") of every plan the search ran, over the replications it had (2 for a start plan, more for those that went on, 4 in the refinement), and the best feasible so far.",
                                            "搜索运行过的每个方案的目标\(f.definition.statistic == .mean ? "均值" : "第5百分位")（按其已有重复计算：起始方案2次，晋级者更多，细化阶段4次），以及目前最优的可行方案。"),
                                 svg: chart.svg())
    }
}
