import Charts
import Foundation
import Reports
import Season

/// A season's files read back: its KPIs, the per-stream KPIs, the buyer
/// retention curve and value by channel.
struct SeasonFolder {
    let kpis: [String: KPIStatistics]
    let streams: Int
    let perStream: CSVTable
    let retention: CSVTable
    let channels: CSVTable

    init(path: String, summary: [String: Any]) throws {
        let season = summary["seasonKpis"] as? [String: Any] ?? [:]
        kpis = season.mapValues { KPIStatistics($0) }
        streams = max(1, Int(kpis["streams"]?.mean ?? 1))
        perStream = try CSVTable(folder: path, table: .streams)
        retention = try CSVTable(folder: path, table: .retention)
        channels = try CSVTable(folder: path, table: .seasonChannels)
    }
}

/// The season part of a run page: season measures, GMV per stream, the share
/// of buyers who come back, lifetime value and acquisition cost by channel.
struct SeasonSection {
    let season: SeasonFolder
    let language: ReportLanguage
    let replications: Int
    var style: NumberStyle { NumberStyle(language: language) }

    func text(_ label: Label) -> String { language.text(label) }

    /// Season KPIs shown as cards (all are in the table).
    static let cards: [SeasonKPI] = [.lifetimeValueYuan, .acquisitionCostPerPersonYuan, .repurchaseRate30Days, .retainedNextStream,
                                     .followersEnd, .membersEnd, .retentionCostYuan, .retentionGmvYuan, .seasonProfitYuan]

    func context() -> [String: Any] {
        let style = self.style
        func row(_ kpi: SeasonKPI) -> [String: Any] {
            let s = season.kpis[kpi.key] ?? KPIStatistics(nil)
            return ["key": kpi.key, "name": language.seasonName(kpi.key), "mean": style.season(kpi, s.mean),
                    "ci": style.interval(s.ciLow, s.ciHigh) { style.season(kpi, $0) },
                    "p5": style.season(kpi, s.p5), "p95": style.season(kpi, s.p95)]
        }
        var figures: [[String: Any]] = [
            ["id": "season-gmv", "heading": text(.gmvPerStream), "svg": perStreamChart().svg()],
            ["id": "season-retention", "heading": text(.buyerRetention), "svg": retentionChart().svg(), "note": text(.buyerRetentionNote)],
            ["id": "season-value", "heading": text(.valueByChannel), "svg": valueChart().svg(), "note": text(.valueByChannelNote)],
        ]
        if replications > 1 { figures[0]["note"] = text(.bandNote) }
        return ["heading": text(.season), "note": text(.seasonNote), "cards": Self.cards.map(row),
                "kpis": SeasonKPI.allCases.map(row), "figures": figures]
    }

    /// GMV of each stream: mean over replications with its P5–P95 band.
    func perStreamChart() -> LineChart {
        var byStream: [Int: [Double]] = [:]
        for row in season.perStream.rows { byStream[season.perStream.integer(row, "stream"), default: []].append(season.perStream.number(row, "gmvYuan") ?? 0) }
        let stats = byStream.keys.sorted().map { k -> (x: Double, mean: Double, low: Double, high: Double) in
            let v = byStream[k]!.sorted()
            return (Double(k + 1), v.reduce(0, +) / Double(v.count), quantile(v, 0.05), quantile(v, 0.95))
        }
        let s = style
        return LineChart(id: "season-gmv", title: text(.gmvPerStream), xLabel: text(.stream), yLabel: text(.yuan),
                         series: [.init(name: language.seasonName("seasonGmvYuan"), points: stats.map { ($0.x, $0.mean) },
                                        band: replications > 1 ? stats.map { ($0.x, $0.low, $0.high) } : [])],
                         bandLabel: replications > 1 ? text(.p5p95Band) : nil, xFormat: { String(Int($0.rounded())) },
                         yFormat: { s.axis($0) }, emptyText: text(.noData))
    }

    /// Of each stream's buyers, the share who came back k streams later.
    func retentionChart() -> LineChart {
        var buyers: [Int: Double] = [:], returned: [Int: Double] = [:]
        for row in season.retention.rows {
            let k = season.retention.integer(row, "streamsLater")
            buyers[k, default: 0] += season.retention.number(row, "buyers") ?? 0
            returned[k, default: 0] += season.retention.number(row, "returned") ?? 0
        }
        let points = buyers.keys.sorted().compactMap { k -> (x: Double, y: Double)? in
            guard let b = buyers[k], b > 0 else { return nil }
            return (Double(k), (returned[k] ?? 0) / b)
        }
        let s = style
        return LineChart(id: "season-retention", title: text(.buyerRetention), xLabel: text(.streamsLater), yLabel: text(.shareOfBuyers),
                         series: [.init(name: text(.shareOfBuyers), points: points)], xFormat: { String(Int($0.rounded())) },
                         yFormat: { s.percentAxis($0) }, emptyText: text(.noData))
    }

    /// Lifetime value and acquisition cost per person, by acquisition channel.
    func valueChart() -> BarChart {
        let table = season.channels
        var keys: [String] = []
        var value: [String: Double] = [:], cost: [String: Double] = [:], people: [String: Double] = [:]
        for row in table.rows {
            let partner = table.text(row, "partner"), channel = table.text(row, "channel")
            let key = partner.isEmpty ? channel : channel + "/" + partner
            if people[key] == nil { keys.append(key) }
            people[key, default: 0] += table.number(row, "acquired") ?? 0
            value[key, default: 0] += table.number(row, "gmvYuan") ?? 0
            cost[key, default: 0] += table.number(row, "costYuan") ?? 0
        }
        func perPerson(_ m: [String: Double]) -> [Double] { keys.map { (people[$0] ?? 0) > 0 ? (m[$0] ?? 0) / people[$0]! : 0 } }
        let s = style
        let groups = [BarChart.Group(name: text(.lifetimeValue), values: perPerson(value)),
                      BarChart.Group(name: text(.acquisitionCost), values: perPerson(cost))]
        let names = keys.map { key -> String in
            let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
            return parts.count > 1 ? language.channel(parts[0]) + " · " + parts[1] : language.channel(parts[0])
        }
        return BarChart(id: "season-value", title: text(.valueByChannel), valueLabel: text(.yuanPerPerson), categories: names,
                        groups: groups, valueFormat: { s.axis($0) }, barLabels: groups.map { g in g.values.map { s.yuan($0) } },
                        emptyText: text(.noData))
    }
}
