import Audience
import Charts
import Foundation

/// The run page: key figures with intervals, the charts planners read, and
/// the channel table — all from one run's result files.
struct RunPage {
    let run: RunFolder
    let language: ReportLanguage
    var style: NumberStyle { NumberStyle(language: language) }

    func text(_ label: Label) -> String { language.text(label) }

    /// Everything the `run` template shows.
    func context() -> [String: Any] {
        let s = style
        let kpis: [[String: Any]] = KPI.allCases.map { kpi in
            let stats = run.summary[kpi]!
            return ["key": kpi.key, "name": language.name(kpi), "mean": s.kpi(kpi, stats.mean),
                    "ci": s.interval(kpi, stats.ciLow, stats.ciHigh), "p5": s.kpi(kpi, stats.p5), "p95": s.kpi(kpi, stats.p95)]
        }
        let headlines: [[String: Any]] = Self.headlineKPIs.map { kpi in
            let stats = run.summary[kpi]!
            return ["key": kpi.key, "name": language.name(kpi), "mean": s.kpi(kpi, stats.mean),
                    "ci": s.interval(kpi, stats.ciLow, stats.ciHigh),
                    // One stream's range (none from a single replication, as the CI).
                    "range": run.replications > 1 ? text(.oneStream) + " " + s.interval(kpi, stats.p5, stats.p95) : ""]
        }
        let channels = channelRows()
        var context: [String: Any] = [
            "headlines": headlines, "allHeading": text(.allMeasures),
            "keyFiguresHeading": text(.keyFigures), "ciNote": text(.ciNote), "kpiHeading": text(.kpi),
            "meanHeading": text(.mean), "ciHeading": text(.ci95), "p5Heading": text(.p5), "p95Heading": text(.p95),
            "kpis": kpis,
            "figures": figures(),
            "channelHeading": text(.channelTable),
            "channelColumns": [text(.channel), language.name(.views), language.name(.buyers), language.name(.gmvYuan),
                               text(.ci95), text(.cost), text(.roi), language.name(.netGmvYuan), text(.contribution)],
            "channels": channels,
            "channelNote": text(.contributionNote),
        ]
        if channels.contains(where: { $0["losesMoney"] != nil }) { context["losesMoneyNote"] = "⚠ " + text(.roiButLoss) }
        if let season = run.season {
            context["season"] = SeasonSection(season: season, language: language, replications: run.replications).context()
        }
        return context
    }

    /// The measures shown as cards at the top (the full table follows the charts).
    static let headlineKPIs: [KPI] = [.views, .peakConcurrent, .averageStaySeconds, .conversionRate, .orders,
                                      .gmvYuan, .averageOrderValueYuan, .gpmYuan, .newFollows, .profitYuan]

    func figures() -> [[String: Any]] {
        var out: [[String: Any]] = []
        func add(_ id: String, _ heading: Label, note: String?, _ svg: String) {
            var figure: [String: Any] = ["id": id, "heading": text(heading), "svg": svg]
            if let note { figure["note"] = note }
            out.append(figure)
        }
        let bandNote = run.replications > 1 ? text(.bandNote) : nil
        add("concurrency", .concurrency, note: [text(.concurrencyNote), bandNote].compactMap { $0 }.joined(separator: " "),
            concurrencyChart().svg())
        add("entries", .entriesByChannel, note: nil, entriesChart().svg())
        add("feed-multiplier", .feedMultiplier, note: [text(.feedMultiplierNote), bandNote].compactMap { $0 }.joined(separator: " "),
            feedMultiplierChart().svg())
        add("room-weight", .roomWeight, note: bandNote, roomWeightChart().svg())
        add("funnel", .funnel, note: text(.funnelNote) + " " + text(.ciNote), funnelChart().svg())
        add("funnel-by-channel", .funnelByChannel, note: nil, channelFunnelChart().svg())
        add("gmv-per-minute", .gmvPerMinute, note: nil, gmvChart(cumulative: false).svg())
        add("gmv-cumulative", .gmvCumulative, note: bandNote, gmvChart(cumulative: true).svg())
        add("stays", .stayDistribution, note: nil, stayChart().svg())
        return out
    }

    // MARK: Charts

    var minuteFormat: ValueFormat { { String(Int($0.rounded())) } }
    var countFormat: ValueFormat { let s = style; return { s.axis($0) } }

    /// Mean concurrency with its P5–P95 band, phases, stalls and markers.
    func concurrencyChart() -> LineChart {
        let series = concurrencySeries(name: language.name(.averageConcurrent))
        return LineChart(id: "concurrency", title: text(.concurrency), xLabel: text(.minute), yLabel: text(.viewers),
                         series: [series], spans: phaseSpans() + stallSpans() + demonstrationSpans(), markers: markers(),
                         bandLabel: run.replications > 1 ? text(.p5p95Band) : nil, xFormat: minuteFormat, yFormat: countFormat,
                         emptyText: text(.noData))
    }

    func concurrencySeries(name: String) -> LineChart.Series {
        let stats = run.perMinute(run.timeseries, "concurrentViewers")
        return LineChart.Series(name: name, points: stats.map { ($0.minute + 0.5, $0.mean) },
                                band: run.replications > 1 ? stats.map { ($0.minute + 0.5, $0.p5, $0.p95) } : [])
    }

    func phaseSpans() -> [LineChart.Span] {
        run.phases.rows.filter { run.phases.integer($0, "replication") == 0 }.compactMap { row in
            let name = run.phases.text(row, "phase")
            guard name != "unscheduled", let from = run.phases.number(row, "fromMinute"), let to = run.phases.number(row, "toMinute") else { return nil }
            return LineChart.Span(from: from, to: to, label: name, kind: "phase")
        }
    }

    /// Minutes in which replication 0 stalled, merged into incidents.
    func stallSpans() -> [LineChart.Span] {
        var spans: [LineChart.Span] = []
        for row in run.timeseries.rows where run.timeseries.integer(row, "replication") == 0 && run.timeseries.integer(row, "stream") == 0 {
            guard (run.timeseries.number(row, "stalledSeconds") ?? 0) > 0 else { continue }
            let m = Double(run.timeseries.integer(row, "minute"))
            if let last = spans.last, last.to == m { spans[spans.count - 1].to = m + 1 } else {
                spans.append(LineChart.Span(from: m, to: m + 1, label: text(.stall), kind: "stall"))
            }
        }
        return spans
    }

    func demonstrationSpans() -> [LineChart.Span] {
        (run.scenario["events"] as? [[String: Any]] ?? []).compactMap { event in
            guard event["type"] as? String == "demonstration", let from = number(event["fromMinute"]), let to = number(event["toMinute"]) else { return nil }
            return LineChart.Span(from: from, to: to, label: event["name"] as? String ?? text(.event), kind: "demonstration")
        }
    }

    /// Flash sales (offer start), draws (lottery, lucky bag, quiz), sell-outs.
    func markers() -> [LineChart.Marker] {
        var markers: [LineChart.Marker] = []
        for phase in run.scenario["promotions"] as? [[String: Any]] ?? [] {
            for offer in phase["offers"] as? [[String: Any]] ?? [] where offer["type"] as? String == "flashSale" {
                let at = number(offer["fromMinute"]) ?? number(phase["fromMinute"]) ?? 0
                markers.append(.init(x: at, label: text(.flashSale) + " " + (offer["id"] as? String ?? ""), kind: "flashSale"))
            }
        }
        for event in run.scenario["events"] as? [[String: Any]] ?? [] {
            let kind = event["type"] as? String ?? ""
            let label: Label? = kind == "lottery" ? .lottery : kind == "luckyBag" ? .luckyBag : kind == "quiz" ? .quiz : nil
            guard let label, let at = number(event["drawMinute"]) else { continue }
            markers.append(.init(x: at, label: text(label) + " " + (event["name"] as? String ?? ""), kind: kind))
        }
        markers.append(contentsOf: selloutMarkers())
        return markers.sorted { $0.x < $1.x }
    }

    /// Sell-out minute per product/offer: the mean over replications in which it sold out.
    func selloutMarkers() -> [LineChart.Marker] {
        var minutes: [String: [Double]] = [:]
        var order: [String] = []
        for row in run.products.rows {
            guard let m = run.products.number(row, "selloutMinute") else { continue }
            let offer = run.products.text(row, "offer")
            let key = offer.isEmpty ? run.products.text(row, "product") : offer
            if minutes[key] == nil { order.append(key) }
            minutes[key, default: []].append(m)
        }
        return order.map { key in
            let m = minutes[key]!
            return .init(x: m.reduce(0, +) / Double(m.count), label: text(.soldOut) + " " + key, kind: "soldOut")
        }
    }

    func entriesChart() -> StackedAreaChart {
        let keys = run.orderedKeys(run.channelMinutes) { run.channelKey(run.channelMinutes, $0) }
        let minutes = run.perMinute(run.timeseries, "entries").map(\.minute)
        let series = keys.map { key in
            let stats = run.perMinute(run.channelMinutes, "entries") { run.channelKey(run.channelMinutes, $0) == key }
            let byMinute = Dictionary(uniqueKeysWithValues: stats.map { (Int($0.minute), $0.mean) })
            return StackedAreaChart.Series(name: channelName(key), values: minutes.map { byMinute[Int($0)] ?? 0 })
        }
        return StackedAreaChart(id: "entries", title: text(.entriesByChannel), xLabel: text(.minute), yLabel: text(.entries),
                                x: minutes.map { $0 + 0.5 }, series: series, xFormat: minuteFormat, yFormat: countFormat,
                                emptyText: text(.noData))
    }

    func roomWeightChart() -> LineChart {
        minuteLineChart(column: "roomWeight", id: "room-weight", title: .roomWeight, axis: .roomWeightAxis)
    }

    /// The multiplier the feed applied (`feedMultiplier`), apart from the weight it comes from.
    func feedMultiplierChart() -> LineChart {
        minuteLineChart(column: "feedMultiplier", id: "feed-multiplier", title: .feedMultiplier, axis: .feedMultiplierAxis)
    }

    /// A per-minute column of timeseries.csv: its mean over replications, with the P5–P95 band.
    func minuteLineChart(column: String, id: String, title: Label, axis: Label) -> LineChart {
        let stats = run.perMinute(run.timeseries, column)
        let series = LineChart.Series(name: text(axis), points: stats.map { ($0.minute + 0.5, $0.mean) },
                                      band: run.replications > 1 ? stats.map { ($0.minute + 0.5, $0.p5, $0.p95) } : [])
        let s = style
        return LineChart(id: id, title: text(title), xLabel: text(.minute), yLabel: text(axis),
                         series: [series], spans: phaseSpans(), bandLabel: run.replications > 1 ? text(.p5p95Band) : nil,
                         xFormat: minuteFormat, yFormat: { s.decimal($0, digits: 2) }, yFromZero: false, emptyText: text(.noData))
    }

    /// Views → exposures → clicks → orders → buyers, means with their CIs.
    func funnelChart() -> BarChart {
        let stages: [KPI] = [.views, .productExposures, .productClicks, .orders, .buyers]
        let stats = stages.map { run.summary[$0]! }
        let values = stats.map { $0.mean ?? 0 }
        let s = style
        let labels = values.enumerated().map { i, v -> String in
            let share = i == 0 || values[i - 1] <= 0 ? "" : " (" + s.percent(v / values[i - 1]) + ")"
            return s.count(v) + share
        }
        return BarChart(id: "funnel", title: text(.funnel), valueLabel: "", categories: stages.map(language.name),
                        groups: [.init(name: text(.all), values: values,
                                       intervals: stats.map { st in st.ciLow.flatMap { low in st.ciHigh.map { low...max(low, $0) } } })],
                        valueFormat: countFormat, barLabels: [labels], emptyText: text(.noData))
    }

    /// Per channel: exposures, clicks, orders and buyers as shares of its views.
    func channelFunnelChart() -> BarChart {
        let table = run.channels
        let keys = run.orderedKeys(table) { run.channelKey(table, $0) }
        func mean(_ column: String) -> [String: Double] { run.meanBy(table, key: { run.channelKey(table, $0) }, column) }
        let views = mean("views")
        let columns: [(KPI, String)] = [(.productExposures, "productExposures"), (.productClicks, "productClicks"),
                                        (.orders, "orders"), (.buyers, "buyers")]
        let means = columns.map { mean($0.1) }
        let groups = keys.map { key in
            BarChart.Group(name: channelName(key), values: means.map { m in (views[key] ?? 0) > 0 ? (m[key] ?? 0) / views[key]! : 0 })
        }
        let s = style
        return BarChart(id: "funnel-by-channel", title: text(.funnelByChannel), valueLabel: text(.shareOfViews),
                        categories: columns.map { language.name($0.0) }, groups: groups,
                        valueFormat: { s.percentAxis($0) }, barLabels: groups.map { g in g.values.map { s.percent($0) } },
                        emptyText: text(.noData))
    }

    /// GMV per minute (or cumulative) per product, with sell-out markers.
    func gmvChart(cumulative: Bool) -> LineChart {
        let table = run.productMinutes
        let products = run.orderedKeys(table) { table.text($0, "product") }
        let minuteCount = run.perMinute(run.timeseries, "gmvYuan").count
        let series = products.map { product -> LineChart.Series in
            var perReplication = Array(repeating: Array(repeating: 0.0, count: max(1, minuteCount)), count: max(1, run.replications))
            for row in table.rows where table.text(row, "product") == product {
                let r = table.integer(row, "replication"), m = table.integer(row, "minute")
                if r >= 0 && r < perReplication.count && m >= 0 && m < minuteCount {
                    perReplication[r][m] += (table.number(row, "gmvYuan") ?? 0) / Double(run.streamsPerReplication)
                }
            }
            if cumulative {
                for r in perReplication.indices { for m in perReplication[r].indices.dropFirst() { perReplication[r][m] += perReplication[r][m - 1] } }
            }
            let points = (0..<minuteCount).map { m -> (Double, Double, Double, Double) in
                let values = perReplication.map { $0[m] }.sorted()
                return (Double(m) + (cumulative ? 1 : 0.5), values.reduce(0, +) / Double(values.count), quantile(values, 0.05), quantile(values, 0.95))
            }
            return LineChart.Series(name: product, points: points.map { ($0.0, $0.1) },
                                    band: cumulative && run.replications > 1 ? points.map { ($0.0, $0.2, $0.3) } : [])
        }
        let s = style
        return LineChart(id: cumulative ? "gmv-cumulative" : "gmv-per-minute", title: text(cumulative ? .gmvCumulative : .gmvPerMinute),
                         xLabel: text(.minute), yLabel: text(.yuan), series: series, markers: selloutMarkers(),
                         bandLabel: cumulative && run.replications > 1 ? text(.p5p95Band) : nil,
                         xFormat: minuteFormat, yFormat: { s.axis($0) }, emptyText: text(.noData))
    }

    /// The stay histogram: mean views per bin, bins merged to at most 60
    /// bars up to where 99% of views have left.
    func stayChart() -> BarChart {
        let table = run.stays
        var bins: [(from: Double, to: Double, views: Double)] = []
        var index: [Double: Int] = [:]
        for row in table.rows {
            guard let from = table.number(row, "fromSeconds"), let to = table.number(row, "toSeconds") else { continue }
            if let i = index[from] { bins[i].views += table.number(row, "views") ?? 0 } else {
                index[from] = bins.count
                bins.append((from, to, table.number(row, "views") ?? 0))
            }
        }
        bins.sort { $0.from < $1.from }
        let total = bins.reduce(0) { $0 + $1.views }
        var cut = bins.count, running = 0.0
        for (i, b) in bins.enumerated() { running += b.views; if running >= 0.99 * total { cut = i + 1; break } }
        let kept = Array(bins.prefix(cut))
        let per = max(1, Int((Double(kept.count) / 60).rounded(.up)))
        var merged: [(from: Double, to: Double, views: Double)] = []
        for start in stride(from: 0, to: kept.count, by: per) {
            let group = kept[start..<min(kept.count, start + per)]
            merged.append((group.first!.from, group.last!.to, group.reduce(0) { $0 + $1.views } / Double(max(1, run.replications))))
        }
        return BarChart(id: "stays", title: text(.stayDistribution), valueLabel: text(.views), categoryLabel: text(.staySeconds),
                        categories: merged.map { String(Int($0.from)) }, groups: [.init(name: text(.views), values: merged.map(\.views))],
                        orientation: .vertical, valueFormat: countFormat, emptyText: text(.noData))
    }

    // MARK: Channel table

    /// Per channel row, means over replications; `losesMoney` (the marker's
    /// title) where the attributed ROI is above 1 and the contribution below 0.
    func channelRows() -> [[String: Any]] {
        let table = run.channels
        let keys = run.orderedKeys(table) { run.channelKey(table, $0) }
        func means(_ column: String) -> [String: Double] {
            run.perReplication(table, key: { run.channelKey(table, $0) }, column).mapValues { meanInterval($0).mean }
        }
        let views = means("views"), buyers = means("buyers"), cost = means("costYuan")
        let netGmv = means("netGmvYuan"), contribution = means("contributionYuan")
        let gmv = run.perReplication(table, key: { run.channelKey(table, $0) }, "gmvYuan")
        let s = style
        return keys.map { key in
            let g = meanInterval(gmv[key] ?? [])
            let c = cost[key] ?? .nan, margin = contribution[key] ?? .nan
            var row: [String: Any] = ["key": key, "name": channelName(key), "views": s.count(views[key] ?? .nan),
                                      "buyers": s.count(buyers[key] ?? .nan), "gmv": s.yuan(g.mean),
                                      "gmvCI": s.interval(.gmvYuan, g.low, g.high), "cost": s.yuan(c),
                                      "roi": c > 0 ? s.decimal(g.mean / c, digits: 2) + "×" : "—",
                                      "netGmv": s.yuan(netGmv[key] ?? .nan), "contribution": s.yuan(margin)]
            if c > 0 && g.mean / c > 1 && margin < 0 { row["losesMoney"] = text(.roiButLoss) }
            return row
        }
    }

    /// "kol/partner" → "Influencer referral · partner".
    func channelName(_ key: String) -> String {
        let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
        let channel = language.channel(parts[0])
        return parts.count > 1 ? channel + " · " + parts[1] : channel
    }

    func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }
}
