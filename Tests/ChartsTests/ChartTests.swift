import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Charts

/// Parses SVG markup as XML; returns the text of every `<title>` and the
/// number of elements, or nil when the markup is not well-formed.
final class SVGProbe: NSObject, XMLParserDelegate {
    var titles: [String] = []
    var elements = 0
    var attributes: [[String: String]] = []
    private var inTitle = false
    private var text = ""

    static func parse(_ svg: String) -> SVGProbe? {
        let probe = SVGProbe()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = probe
        return parser.parse() ? probe : nil
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements += 1
        self.attributes.append(attributes)
        if name == "title" { inTitle = true; text = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inTitle { text += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "title" { titles.append(text); inTitle = false }
    }

    func count(_ key: String, _ value: String? = nil) -> Int {
        attributes.filter { a in a[key] != nil && (value == nil || a[key] == value) }.count
    }
}

let plain: ValueFormat = { String(format: "%g", $0) }

@Suite struct ScaleAndTickTests {
    @Test func niceTicksCoverTheDataInStepsOfOneTwoOrFive() {
        for (low, high) in [(0.0, 97.0), (3.0, 7.2), (-41.0, 12.0), (0.0, 0.034), (1_000.0, 1_000_000.0), (0, 3e12)] {
            let ticks = Ticks.nice(low, high, count: 5)
            #expect(ticks.first! <= low && ticks.last! >= high, "\(ticks) covers \(low)…\(high)")
            #expect(ticks.count >= 2 && ticks.count <= 12)
            let step = ticks[1] - ticks[0]
            let mantissa = step / pow(10, floor(log10(step)))
            #expect([1, 2, 5, 10].contains { abs($0 - mantissa) < 1e-9 }, "step \(step) is 1, 2 or 5 × 10^k")
            for (a, b) in zip(ticks, ticks.dropFirst()) { #expect(abs((b - a) - step) <= step * 1e-9) }
        }
        #expect(Ticks.nice(0, 97) == [0, 20, 40, 60, 80, 100])
    }

    @Test func degenerateAndNonFiniteInputsGiveFiniteTicks() {
        let single = Ticks.nice(5, 5)
        let singleFinite = single.allSatisfy { $0.isFinite }
        #expect(singleFinite && single.first! < 5 && single.last! > 5)
        let zeros = Ticks.nice(0, 0)
        let zerosFinite = zeros.allSatisfy { $0.isFinite }
        #expect(zerosFinite)
        #expect(Ticks.nice(.nan, 3) == [0, 1])
        #expect(Ticks.nice(0, .infinity) == [0, 1])
    }

    @Test func linearScaleMapsEndpointsAndFlips() {
        let s = LinearScale(domain: 0...10, range: 100...200)
        #expect(s(0) == 100 && s(10) == 200 && s(5) == 150)
        #expect(s.flipped(10) == 100 && s.flipped(0) == 200)
        let degenerate = LinearScale(domain: 3...3, range: 0...1)
        #expect(degenerate(3).isFinite && degenerate(3) == 0.5)
    }

    @Test func svgNumbersAreShortAndFinite() {
        #expect(svgNumber(1) == "1")
        #expect(svgNumber(1.234) == "1.23")
        #expect(svgNumber(-0.5) == "-0.5")
        #expect(svgNumber(2.05) == "2.05")
        #expect(svgNumber(.nan) == "0")
        #expect(svgNumber(.infinity) == "0")
        #expect(svgNumber(1e300) == "1000000000")
    }

    @Test func escapingKeepsChineseAndEscapesMarkup() {
        #expect(xmlEscaped("a < b & \"c\" 'd' >") == "a &lt; b &amp; &quot;c&quot; &#39;d&#39; &gt;")
        #expect(xmlEscaped("观看人次") == "观看人次")
        #expect(xmlEscaped("bell\u{07}") == "bell")
        // Text that needs nothing comes back as it is; tabs and newlines stay,
        // U+FFFE and U+FFFF go (0xEF-led), other 0xEF-led characters stay.
        #expect(xmlEscaped("GMV ¥1,234.5 (95% CI)") == "GMV ¥1,234.5 (95% CI)")
        #expect(xmlEscaped("tab\there\nnew\u{FFFE}\u{FFFF}") == "tab\there\nnew")
        #expect(xmlEscaped("\u{FEFF}ok\u{FFFD}") == "\u{FEFF}ok\u{FFFD}")
    }
}

@Suite struct ChartMarkupTests {
    let nasty = "<Serum> & \"Co\" 精华"

    func line(_ series: [LineChart.Series], markers: [LineChart.Marker] = [], spans: [LineChart.Span] = []) -> String {
        LineChart(id: "test", title: "Concurrent viewers", xLabel: "minute", yLabel: "viewers", series: series,
                  spans: spans, markers: markers, bandLabel: "P5–P95", xFormat: plain, yFormat: plain).svg()
    }

    @Test func lineChartHasOneGroupPerSeriesAndLegendEntries() throws {
        let series = (0..<3).map { k -> LineChart.Series in
            let xs = (0..<10).map { Double($0) }
            let points: [(x: Double, y: Double)] = xs.map { (x: $0, y: $0 * Double(k)) }
            let band: [(x: Double, low: Double, high: Double)] = xs.map { (x: $0, low: $0 * Double(k) - 1, high: $0 * Double(k) + 1) }
            return LineChart.Series(name: "s\(k)", points: points, band: band)
        }
        let svg = line(series, markers: [.init(x: 3, label: "flash sale", kind: "flashSale")],
                       spans: [.init(from: 0, to: 4, label: "opening", kind: "phase")])
        let probe = try #require(SVGProbe.parse(svg))
        #expect(probe.count("data-series") == 3)
        #expect(probe.count("class", "band") == 3)
        #expect(probe.count("class", "legend-item") == 4, "3 lines and the band")
        #expect(probe.count("data-kind", "flashSale") == 1)
        #expect(probe.count("data-kind", "phase") == 1)
        #expect(!svg.contains("NaN") && !svg.lowercased().contains("inf"))
    }

    @Test func emptyAndSinglePointSeriesStayWellFormed() throws {
        let empty = try #require(SVGProbe.parse(line([LineChart.Series(name: "none", points: [])])))
        #expect(empty.count("class", "empty") == 1)
        #expect(empty.count("data-series") == 0)
        let single = try #require(SVGProbe.parse(line([LineChart.Series(name: "one", points: [(5, 5)])])))
        #expect(single.count("class", "point") == 1)
        let nan = line([LineChart.Series(name: "nan", points: [(0, .nan), (1, .infinity), (2, 3)])])
        #expect(SVGProbe.parse(nan) != nil)
        #expect(!nan.contains("NaN") && !nan.contains("nan,"))
    }

    @Test func hugeValuesGiveFiniteCoordinates() throws {
        let svg = line([LineChart.Series(name: "big", points: [(0, 0), (1, 4e15), (2, 9e15)])])
        let probe = try #require(SVGProbe.parse(svg))
        #expect(probe.count("data-series") == 1)
        let coordinates = probe.attributes.flatMap { a in ["x", "y", "x1", "x2", "y1", "y2", "d", "width", "height"].compactMap { a[$0] } }
        #expect(!coordinates.isEmpty && coordinates.allSatisfy { !$0.contains("e") && !$0.contains("NaN") && !$0.contains("inf") })
    }

    @Test func namesWithMarkupAndChineseRenderAsText() throws {
        let svg = line([LineChart.Series(name: nasty, points: [(0, 1), (1, 2)]), LineChart.Series(name: "b", points: [(0, 2), (1, 1)])],
                       markers: [.init(x: 0.5, label: nasty, kind: "soldOut")])
        let probe = try #require(SVGProbe.parse(svg))
        #expect(probe.titles.filter { $0 == nasty }.count == 2, "series and marker titles read back verbatim")
        #expect(!svg.contains("<Serum>"))
    }

    @Test func stackedAreasStackToTheTotal() throws {
        let chart = StackedAreaChart(id: "entries", title: "Entries", xLabel: "minute", yLabel: "entries", x: [0, 1, 2],
                                     series: [.init(name: "feed", values: [1, 2, 3]), .init(name: nasty, values: [3, 2, .nan])],
                                     xFormat: plain, yFormat: plain)
        let probe = try #require(SVGProbe.parse(chart.svg()))
        #expect(probe.count("data-series") == 2)
        #expect(probe.titles.contains(nasty))
        let empty = StackedAreaChart(id: "e", title: "t", xLabel: "", yLabel: "", x: [], series: [], xFormat: plain, yFormat: plain)
        #expect(try #require(SVGProbe.parse(empty.svg())).count("class", "empty") == 1)
    }

    @Test func barsCarryWhiskersAndHighlight() throws {
        let chart = BarChart(id: "best", title: "P(best)", valueLabel: "", categories: ["A", "B", nasty],
                             groups: [.init(name: "p", values: [0.2, 0.7, 0.1], intervals: [0.1...0.3, nil, 0...0.2])],
                             valueFormat: plain, highlight: 1)
        let probe = try #require(SVGProbe.parse(chart.svg()))
        #expect(probe.count("class", "bar") == 3)
        #expect(probe.count("class", "whisker") == 2)
        #expect(probe.count("class", "category highlight") == 1)
        let histogram = BarChart(id: "h", title: "stays", valueLabel: "views", categories: (0..<40).map { "\($0)" },
                                 groups: [.init(name: "views", values: (0..<40).map { Double($0 * $0) })],
                                 orientation: .vertical, valueFormat: plain)
        let bars = try #require(SVGProbe.parse(histogram.svg()))
        #expect(bars.count("class", "bar") == 40)
        let none = BarChart(id: "n", title: "none", valueLabel: "", categories: [], groups: [], valueFormat: plain)
        #expect(try #require(SVGProbe.parse(none.svg())).count("class", "empty") == 1)
    }

    @Test func heatMapColoursByValueAndOutlinesTheBest() throws {
        let map = HeatMap(id: "sweep", title: "GMV", rowLabel: "price", columnLabel: "budget", rows: ["79", "99"],
                          columns: ["0", "5000", nasty], values: [[1, 2, nil], [3, .nan, 6]], highlight: (1, 2), valueFormat: plain)
        let probe = try #require(SVGProbe.parse(map.svg()))
        #expect(probe.count("class", "cell") + probe.count("class", "cell best") == 6)
        #expect(probe.count("class", "cell best") == 1)
        #expect(HeatMap.colour(0) == "#EFF6FF" && HeatMap.colour(1) == "#084594")
        #expect(HeatMap.colour(.nan) == HeatMap.colour(0))
    }
}

@Suite struct LegendLayoutTests {
    func height(_ svg: String) -> Double {
        Double(svg.firstMatch(of: /viewBox="0 0 [0-9.]+ ([0-9.]+)"/)!.1)!
    }

    @Test func aLongLegendWrapsAndTheChartGrowsInsteadOfOverflowing() throws {
        func chart(_ count: Int) -> String {
            LineChart(id: "l", title: "t", xLabel: "", yLabel: "", series: (0..<count).map {
                LineChart.Series(name: "Influencer referral · partner \($0)", points: [(0, 1), (1, 2)])
            }, xFormat: plain, yFormat: plain).svg()
        }
        #expect(height(chart(2)) == ChartFrame().height, "two entries fit one row")
        let wide = chart(12)
        #expect(height(wide) > ChartFrame().height)
        let probe = try #require(SVGProbe.parse(wide))
        let xs = probe.attributes.filter { $0["class"] == "legend-item" }.count
        #expect(xs == 12)
        // No legend text starts left of the plot or past the chart's right edge.
        for match in wide.matches(of: /<g class="legend-item"[^>]*><rect x="([0-9.]+)"/) {
            let x = Double(match.1)!
            #expect(x >= ChartFrame().left && x < ChartFrame().width - ChartFrame().right)
        }
    }
}
