import Audience
import Foundation
import Reports
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import HTMLReport
import Testing

/// The Chinese KPI names of Docs/model.md §8, keyed by the English name
/// the report shows for the same KPI.
let modelChineseNames: [(english: String, chinese: String)] = [
    ("Views", "观看人次"), ("Unique viewers", "观看人数"), ("Peak concurrent", "最高在线"), ("Average concurrent", "平均在线"),
    ("Average stay", "平均停留时长"), ("Interaction rate", "互动率"), ("Product click-through", "商品点击率"),
    ("Conversion rate", "成交转化率"), ("Orders", "订单数"), ("Buyers", "成交人数"), ("GMV", "成交额"),
    ("Average order value", "客单价"), ("GPM", "千次观看成交额"), ("New follows", "新增关注数"), ("Follow rate", "转粉率"),
    ("Fission coefficient", "裂变系数"), ("Returns", "退货"), ("Channel ROI", "渠道ROI"), ("Lost sales", "缺货损失"),
]

func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

/// Every `<svg>` of a page, by its `data-chart` id.
func charts(_ html: String) -> [String: String] {
    var out: [String: String] = [:]
    var rest = html[...]
    while let start = rest.range(of: "<svg "), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
        let svg = String(rest[start.lowerBound..<end.upperBound])
        if let id = svg.firstMatch(of: /data-chart="([^"]+)"/)?.1 { out[String(id)] = svg }
        rest = rest[end.upperBound...]
    }
    return out
}

func isWellFormedXML(_ text: String) -> Bool { XMLParser(data: Data(text.utf8)).parse() }

func occurrences(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

@Suite(.serialized) struct ReportTests {
    /// One small run shared by the tests below (3 replications of the tiny scenario).
    static let run: (folder: String, en: String, zh: String) = {
        let folder = temporaryFolder()
        let scenario = try! tinyScenario()
        let outcome = try! livesim(["run", scenario, "--out", folder])
        precondition(outcome.status == 0, outcome.stderr)
        let en = try! read(folder + "/report.html")
        _ = try! livesim(["report", folder, "--lang", "zh", ])
        let zh = try! read(folder + "/report.html")
        _ = try! livesim(["report", folder])
        return (folder, en, zh)
    }()

    @Test func runEndsWithTheReportPathAndReportRebuildsItByteForByte() throws {
        let folder = temporaryFolder()
        let outcome = try livesim(["run", try tinyScenario(), "--out", folder, "--replications", "2"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.hasSuffix("report: \(folder)/report.html\n"))
        let written = try read(folder + "/report.html")
        try FileManager.default.removeItem(atPath: folder + "/report.html")
        let rebuilt = try livesim(["report", folder])
        #expect(rebuilt.status == 0)
        #expect(try read(folder + "/report.html") == written)
    }

    @Test func theRunReportIsSelfContainedWithTheExpectedCharts() throws {
        let html = Self.run.en
        // Nothing to run or fetch: the SVG namespace is the only address in the page.
        let addresses = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        for fetched in ["<script", "<link", "<img", "<iframe", "src=", "http://", "https://", "@import", "url("] {
            #expect(!addresses.contains(fetched), "\(fetched) in a self-contained page")
        }
        let found = charts(html)
        #expect(Set(found.keys) == ["concurrency", "entries", "feed-multiplier", "room-weight", "funnel", "funnel-by-channel", "gmv-per-minute", "gmv-cumulative", "stays"])
        for (id, svg) in found { #expect(isWellFormedXML(svg), "\(id) is well-formed XML") }
        // The multiplier the feed applied is its own chart, labelled as such, beside the weight.
        #expect(html.contains("Feed multiplier applied over the stream") && html.contains("Multiplier applied to feed arrivals"))
        #expect(Self.run.zh.contains("推荐流量实际倍数变化") && Self.run.zh.contains("直播间权重（1 = 参照直播间）"))
        #expect(!html.contains("NaN"))
        let channels = try read(Self.run.folder + "/channels.csv").split(separator: "\n").dropFirst()
            .filter { $0.hasPrefix("0,") }.count
        #expect(occurrences("data-series=", in: found["entries"]!) == channels)
        #expect(occurrences("data-series=", in: found["funnel-by-channel"]!) == channels)
        #expect(occurrences("data-series=", in: found["concurrency"]!) == 1)
        for id in ["feed-multiplier", "room-weight", "gmv-cumulative", "concurrency"] { #expect(found[id]!.contains("class=\"line\""), "\(id) draws its line") }
        #expect(!found.values.contains { $0.contains("class=\"empty\"") }, "no chart of the run is empty")
        #expect(occurrences("class=\"band\"", in: found["concurrency"]!) == 1, "3 replications: a P5–P95 band")
        #expect(found["concurrency"]!.contains("data-kind=\"luckyBag\""))
        #expect(found["concurrency"]!.contains("data-kind=\"phase\""))
        let products = Set(try read(Self.run.folder + "/product-minutes.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",")[2] })
        #expect(occurrences("data-series=", in: found["gmv-per-minute"]!) == products.count)
        for kpi in KPI.allCases { #expect(html.contains("data-kpi=\"\(kpi.key)\""), "\(kpi.key) in the table") }
    }

    @Test func theChineseReportNamesEveryKPIInChineseAndNoEnglishLabel() throws {
        let (_, en, zh) = Self.run
        #expect(zh.contains("<html lang=\"zh-CN\">"))
        for (english, chinese) in modelChineseNames {
            #expect(en.contains(english), "the en report shows \(english)")
            #expect(zh.contains(chinese), "\(english) → \(chinese)")
        }
        let labels = Label.allCases.map(\.english) + KPI.allCases.map { ReportLanguage.en.name($0) }
            + ReportLanguage.channelNames.values.map(\.en)
        // Visible text only: tags, attribute values (chart ids, KPI keys) and the footer's command line are not labels.
        let text = zh.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        for label in labels { #expect(!text.contains(label), "English label in the zh report: \(label)") }
        #expect(zh.contains("元") && zh.contains("万"), "yuan amounts in 元, large counts in 万")
        #expect(en.contains("¥") && !en.contains("万"))
    }

    @Test func namesWithMarkupAndChineseRenderAsText() throws {
        let dir = temporaryFolder()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let product = "精华 <Serum> & \"Co\""
        try Data("""
            extends: \(packageRoot.path)/Scenarios/baseline.yaml
            name: escape-test
            description: '<b>Bold & "quoted"</b> 双十一预热'
            replications: 2
            stream: {durationMinutes: 30}
            guests: []
            promotions: []
            events: []
            products:
              - {id: '\(product)', referencePriceYuan: 100, unitCostYuan: 30}
            runOfShow:
              - {product: '\(product)', fromMinute: 0, toMinute: 30}
            """.utf8).write(to: URL(fileURLWithPath: dir + "/escape.yaml"))
        let outcome = try livesim(["run", dir + "/escape.yaml", "--out", dir + "/out"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let html = try read(dir + "/out/report.html")
        #expect(html.contains("&lt;b&gt;Bold &amp; &quot;quoted&quot;&lt;/b&gt; 双十一预热"))
        #expect(!html.contains("<b>Bold") && !html.contains("<Serum>"))
        #expect(html.contains("精华 &lt;Serum&gt; &amp; &quot;Co&quot;"))
        for (id, svg) in charts(html) { #expect(isWellFormedXML(svg), "\(id)") }
    }

    /// The terminal and the report round whole numbers alike: halves away from zero
    /// (printf's "%.0f" rounds 5406.5 to the even 5406, the report said 5,407).
    @Test func terminalAndReportRoundHalvesTheSameWay() {
        let style = NumberStyle(language: .en)
        for x in [5406.5, 5405.5, 1234.5, -2500.5, 999_999.5, 7.0] {
            #expect(KPITable.short(x) == style.grouped(x).replacingOccurrences(of: ",", with: ""), "\(x)")
        }
        #expect(KPITable.short(5406.5) == "5407")
    }

    @Test func comparisonReportMarksOnlyIntervalsThatExcludeZero() throws {
        let folder = temporaryFolder()
        let a = try tinyScenario()
        let b = (a as NSString).deletingLastPathComponent + "/cheaper.yaml"
        try Data(try read(a).replacingOccurrences(of: "name: tiny", with: "name: cheaper")
            .replacingOccurrences(of: "priceYuan: 99", with: "priceYuan: 79").utf8).write(to: URL(fileURLWithPath: b))
        let outcome = try livesim(["compare", a, b, "--replications", "4", "--out", folder])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.hasSuffix("report: \(folder)/report.html\n"))
        let html = try read(folder + "/report.html")
        for name in ["tiny", "cheaper"] { #expect(FileManager.default.fileExists(atPath: "\(folder)/\(name)/report.html")) }
        let lines = try read(folder + "/comparison.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = lines[0].map(String.init)
        var arrows = 0
        for row in lines.dropFirst() where row[header.firstIndex(of: "scenario")!] == "cheaper" {
            let low = Double(row[header.firstIndex(of: "diffCiLow")!]), high = Double(row[header.firstIndex(of: "diffCiHigh")!])
            let excludes = (low.map { $0 > 0 } ?? false) || (high.map { $0 < 0 } ?? false)
            let kpi = String(row[0])
            let start = try #require(html.range(of: "<tr data-kpi=\"\(kpi)\">"))
            let rowHTML = html[start.lowerBound..<html.range(of: "</tr>", range: start.upperBound..<html.endIndex)!.upperBound]
            let marked = rowHTML.contains("▲") || rowHTML.contains("▼")
            #expect(marked == excludes, "\(kpi): arrow \(marked), interval [\(low ?? .nan), \(high ?? .nan)]")
            if marked { arrows += 1 }
        }
        #expect(arrows > 0, "a 20-yuan cut moves some KPI clearly")
        // One table row per KPI, each once (season KPI keys never repeat a stream KPI's), in both languages.
        #expect(occurrences("<tr data-kpi=", in: html) == KPI.allCases.count)
        #expect(try livesim(["report", folder, "--lang", "zh"]).status == 0)
        #expect(occurrences("<tr data-kpi=", in: try read(folder + "/report.html")) == KPI.allCases.count)
        let found = charts(html)
        #expect(occurrences("data-series=", in: found["concurrency-overlay"]!) == 2)
        #expect(occurrences("class=\"bar\"", in: found["probability-best"]!) == 2)
        // The bars show the comparison's probabilities, which add up to one.
        let shown = found["probability-best"]!.matches(of: /it wins: ([0-9.]+)%</).map { Double($0.1)! }
        let written = lines.dropFirst().filter { $0[0] == "gmvYuan" }.map { Double($0[header.firstIndex(of: "probabilityBest")!])! * 100 }
        #expect(shown.count == 2 && zip(shown, written).allSatisfy { abs($0 - $1) < 0.01 }, "bars \(shown) vs comparison.csv \(written)")
        #expect(abs(shown.reduce(0, +) - 100) < 0.02)
        #expect(html.contains(Label.multipleTestingNote.english))
    }

    @Test func sweepReportHasAHeatMapWithTheBestCellOutlined() throws {
        let dir = temporaryFolder()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let base = try tinyScenario()
        try Data("""
            base: \(base)
            replications: 2
            objective: gmvYuan
            vary:
              promotions[0].offers[0].priceYuan: [79, 99, 129]
              host.charisma: [0.4, 0.8]
            """.utf8).write(to: URL(fileURLWithPath: dir + "/sweep.yaml"))
        let outcome = try livesim(["sweep", dir + "/sweep.yaml", "--out", dir + "/out", "--lang", "zh"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.hasSuffix("report: \(dir)/out/report.html\n"))
        let html = try read(dir + "/out/report.html")
        let found = charts(html)
        let map = try #require(found["sweep-heat-map"])
        #expect(occurrences("<g class=\"cell", in: map) == 6)
        #expect(occurrences("class=\"cell best\"", in: map) == 1)
        #expect(occurrences("data-series=", in: found["sweep-line"]!) == 2, "one line per charisma level")
        #expect(html.contains("<tr class=\"best\">"))
        #expect(html.contains(Label.rerunCI.chinese))

        // The planner picks the heat map's axes: charisma as rows, price as columns.
        let swapped = try livesim(["report", dir + "/out", "--axes", "host.charisma,promotions[0].offers[0].priceYuan"])
        #expect(swapped.status == 0, "\(swapped.stderr)")
        let swappedMap = try #require(charts(try read(dir + "/out/report.html"))["sweep-heat-map"])
        #expect(swappedMap.contains("host.charisma 0.8 · promotions[0].offers[0].priceYuan 129"))
        #expect(!map.contains("host.charisma 0.8 · promotions[0].offers[0].priceYuan 129"))
        #expect(occurrences("class=\"cell best\"", in: swappedMap) == 1)
        let unknown = try livesim(["report", dir + "/out", "--axes", "host.charisma,host.sincerity"])
        #expect(unknown.status == 2 && unknown.stderr.contains("host.sincerity is not varied by this sweep"))
        #expect(try livesim(["report", dir + "/out", "--axes", "host.charisma"]).status == 2)
    }

    @Test func reportOfAFolderWithoutResultsExitsTwo() throws {
        let empty = temporaryFolder()
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let outcome = try livesim(["report", empty])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("not a livesim result folder"))
        #expect(!FileManager.default.fileExists(atPath: empty + "/report.html"))
        #expect(try livesim(["report", empty + "/missing"]).status == 2)
        #expect(try livesim(["report", empty, "--lang", "fr"]).status == 2)
    }
}
