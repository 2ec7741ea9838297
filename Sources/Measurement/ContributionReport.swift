import Charts
import Foundation
import HTMLReport

/// `report.html` of a channel contribution: per channel, the GMV a
/// last-touch dashboard credits it with beside the GMV the stream loses
/// without it (with its interval), the profit lost against the channel's
/// cost, and the table of every number.
struct ContributionReport {
    let outcome: ContributionOutcome
    let language: ReportLanguage
    let version: String

    private func pick(_ en: String, _ zh: String) -> String { language == .en ? en : zh }

    static func format(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "—" }
        return abs(x) >= 1000 ? String(format: "%.0f", x) : String(format: "%.3g", x)
    }

    var labels: [String] { outcome.rows.map { $0.partner.isEmpty ? $0.channel.key : "\($0.channel.key): \($0.partner)" } }

    func html() -> String {
        let o = outcome
        let facts = [
            ReportPage.Fact(label: pick("Channels", "渠道"), value: "\(o.rows.count)"),
            ReportPage.Fact(label: pick("Replications (paired)", "重复次数（配对）"), value: "\(o.replications)"),
            ReportPage.Fact(label: pick("Seed", "随机种子"), value: "\(o.seed)"),
            ReportPage.Fact(label: pick("Planned GMV", "计划GMV"), value: Self.format(o.base[.gmvYuan]?.mean)),
        ]
        let gmv = BarChart(id: "contribution-gmv", title: pick("GMV: credited against lost without it", "GMV：归因与关闭后的损失"),
                           valueLabel: pick("yuan per stream", "每场（元）"), categories: labels,
                           groups: [BarChart.Group(name: pick("credited (first entry)", "首次进入归因"), values: o.rows.map(\.attributedGmvYuan)),
                                    BarChart.Group(name: pick("lost without it", "关闭后的损失"), values: o.rows.map(\.gmvYuan.mean),
                                                   intervals: o.rows.map { $0.gmvYuan.low...$0.gmvYuan.high })],
                           valueFormat: { ContributionReport.format($0) })
        let profit = BarChart(id: "contribution-profit", title: pick("Profit lost without it, and its cost", "关闭后损失的利润与其成本"),
                              valueLabel: pick("yuan per stream", "每场（元）"), categories: labels,
                              groups: [BarChart.Group(name: pick("profit lost", "损失的利润"), values: o.rows.map(\.profitYuan.mean),
                                                      intervals: o.rows.map { $0.profitYuan.low...$0.profitYuan.high }),
                                       BarChart.Group(name: pick("its cost", "其成本"), values: o.rows.map(\.costYuan))],
                              valueFormat: { ContributionReport.format($0) })
        var rows = ""
        for (r, label) in zip(o.rows, labels) {
            func cell(_ i: Interval) -> String { "\(Self.format(i.mean)) [\(Self.format(i.low)), \(Self.format(i.high))]" }
            rows += "<tr data-channel=\"\(xmlEscaped(label))\"><td>\(xmlEscaped(label))</td><td class=\"interval\">\(cell(r.views))</td>"
                + "<td class=\"interval\">\(cell(r.gmvYuan))</td><td>\(Self.format(r.attributedGmvYuan))</td>"
                + "<td class=\"interval\">\(cell(r.profitYuan))</td><td class=\"\(r.attributionMisleads ? "down" : "")\">\(Self.format(r.attributedProfitYuan))\(r.attributionMisleads ? " ⚠" : "")</td><td>\(Self.format(r.costYuan))</td>"
                + "<td class=\"\((r.incrementalRoi ?? 0) > 0 ? "up" : (r.incrementalRoi ?? 0) < 0 ? "down" : "")\">\(Self.format(r.incrementalRoi))</td></tr>\n"
        }
        let misleading = o.rows.filter(\.attributionMisleads).map { $0.partner.isEmpty ? $0.channel.key : "\($0.channel.key): \($0.partner)" }
        let sum = o.rows.reduce(0) { $0 + $1.gmvYuan.mean }
        let warning = misleading.isEmpty
            ? pick("The dashboard and the experiment agree in sign on every channel's profit.", "看板与实验对每个渠道利润的正负判断一致。")
            : pick("⚠ The dashboard credits \(misleading.joined(separator: ", ")) with a profit of the other sign than what the stream makes with it.", "⚠ 看板对 \(misleading.joined(separator: "、")) 的利润归因与其实际贡献正负相反。")
        let adding = pick("The contributions need not add up to the stream's total: channels interact (one channel's viewers lift the room weight that brings the feed's, share, and become followers). Here they sum to \(Self.format(sum)) of GMV against a planned \(Self.format(o.base[.gmvYuan]?.mean)).",
                          "各渠道贡献之和不必等于直播总额：渠道之间相互作用（一个渠道的观众抬升直播间权重、带来推荐流量、分享、转为粉丝）。此处之和为 GMV \(Self.format(sum))，计划总额为 \(Self.format(o.base[.gmvYuan]?.mean))。")
        let table = """
        <section class="contribution">
        <h2>\(xmlEscaped(pick("What the stream loses without each channel", "关闭各渠道后直播间的损失")))</h2>
        <p class="note">\(xmlEscaped(pick("Planned stream minus the stream without the channel, paired on the same \(o.replications) replications (95% intervals). Credited: GMV of viewers who first entered through the channel, as a dashboard counts it. Incremental ROI: profit lost (net of the channel's cost) per yuan the channel costs.", "计划直播减去关闭该渠道后的直播，在相同的 \(o.replications) 次重复上配对（95%区间）。归因：首次经该渠道进入的观众的GMV（看板口径）。增量ROI：关闭后损失的利润（已扣除渠道成本）除以渠道成本。")))</p>
        <table class="contribution">
        <thead><tr><th>\(xmlEscaped(pick("Channel", "渠道")))</th><th>\(xmlEscaped(pick("Views lost", "损失观看")))</th><th>\(xmlEscaped(pick("GMV lost", "损失GMV")))</th><th>\(xmlEscaped(pick("GMV credited", "归因GMV")))</th><th>\(xmlEscaped(pick("Profit lost", "损失利润")))</th><th>\(xmlEscaped(pick("Profit credited", "归因利润")))</th><th>\(xmlEscaped(pick("Cost", "成本")))</th><th>\(xmlEscaped(pick("Incremental ROI", "增量ROI")))</th></tr></thead>
        <tbody>
        \(rows)</tbody>
        </table>
        <p class="note attribution">\(xmlEscaped(warning))</p>
        <p class="note">\(xmlEscaped(adding))</p>
        </section>
        """
        let body = [table,
                    ReportPage.figure(id: "contribution-gmv", heading: pick("Credited and lost GMV", "归因GMV与损失GMV"),
                                      note: pick("Where the bars differ, the dashboard's credit misleads: a channel whose viewers would have come anyway is credited more than it adds; one that feeds the room weight or brings sharers adds more than it is credited.", "两条不一致之处即看板归因的误导：观众本会从别处来的渠道被高估；拉动直播间权重或带来分享者的渠道被低估。"),
                                      svg: gmv.svg()),
                    ReportPage.figure(id: "contribution-profit", heading: pick("Profit lost and cost", "损失利润与成本"), svg: profit.svg())]
        return ReportPage.html(language: language, title: pick("Channel contribution", "渠道贡献"), name: o.scenario,
                               description: pick("Each channel switched off in turn under common random numbers: what the stream would lose without it.", "在共同随机数下依次关闭每个渠道：没有它直播间会损失什么。"),
                               facts: facts, body: body.joined(separator: "\n"), version: version)
    }
}
