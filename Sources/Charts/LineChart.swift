/// Lines over a numeric x axis, each optionally with a shaded band (say
/// P5–P95 across replications), behind them labelled spans (phases, stall
/// incidents) and vertical markers (flash sales, lotteries, sell-outs).
public struct LineChart: Sendable {
    public struct Series: Sendable {
        public var name: String
        public var points: [(x: Double, y: Double)]
        /// Low and high at each x (drawn as a shaded area under the line's colour).
        public var band: [(x: Double, low: Double, high: Double)]
        public var dashed: Bool

        public init(name: String, points: [(x: Double, y: Double)], band: [(x: Double, low: Double, high: Double)] = [],
                    dashed: Bool = false) {
            self.name = name; self.points = points; self.band = band; self.dashed = dashed
        }
    }

    /// A shaded x interval with a label (`kind` becomes its CSS class and `data-kind`).
    public struct Span: Sendable {
        public var from: Double, to: Double
        public var label: String
        public var kind: String
        public init(from: Double, to: Double, label: String, kind: String) {
            self.from = from; self.to = to; self.label = label; self.kind = kind
        }
    }

    /// A vertical line at `x` with a label (`kind` as for spans).
    public struct Marker: Sendable {
        public var x: Double
        public var label: String
        public var kind: String
        public init(x: Double, label: String, kind: String) { self.x = x; self.label = label; self.kind = kind }
    }

    public var id: String
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    public var spans: [Span]
    public var markers: [Marker]
    /// Legend text for the bands (nil: bands are not in the legend).
    public var bandLabel: String?
    public var xFormat: ValueFormat
    public var yFormat: ValueFormat
    /// Whether the y axis starts at zero (counts, money) or fits the data.
    public var yFromZero: Bool
    public var emptyText: String
    public var frame: ChartFrame

    public init(id: String, title: String, xLabel: String, yLabel: String, series: [Series], spans: [Span] = [],
                markers: [Marker] = [], bandLabel: String? = nil, xFormat: @escaping ValueFormat,
                yFormat: @escaping ValueFormat, yFromZero: Bool = true, emptyText: String = "No data",
                frame: ChartFrame = ChartFrame()) {
        self.id = id; self.title = title; self.xLabel = xLabel; self.yLabel = yLabel
        self.series = series; self.spans = spans; self.markers = markers; self.bandLabel = bandLabel
        self.xFormat = xFormat; self.yFormat = yFormat; self.yFromZero = yFromZero
        self.emptyText = emptyText; self.frame = frame
    }

    public func svg() -> String {
        var b = SVGBuilder()
        let drawn = series.enumerated().filter { !$0.element.points.filter { $0.x.isFinite && $0.y.isFinite }.isEmpty }
        var entries = drawn.count > 1 ? drawn.map { (name: $0.element.name, colour: Palette.colour($0.offset), kind: "line") } : []
        if let bandLabel, drawn.contains(where: { !$0.element.band.isEmpty }) {
            entries.append((name: bandLabel, colour: Palette.colour(0), kind: "band"))
        }
        let frame = self.frame.reserving(legend: entries.map(\.name))
        b.openChart(id: id, title: title, frame: frame)
        let xs = series.flatMap { s in s.points.map(\.x) + s.band.map(\.x) } + spans.flatMap { [$0.from, $0.to] }
            + markers.map(\.x)
        let ys = series.flatMap { s in s.points.map(\.y) + s.band.flatMap { [$0.low, $0.high] } }
        let xExtent = finiteExtent(xs) ?? 0...1
        var yExtent = finiteExtent(ys) ?? 0...1
        if yFromZero { yExtent = min(0, yExtent.lowerBound)...max(0, yExtent.upperBound) }
        let xTicks = Ticks.nice(xExtent.lowerBound, xExtent.upperBound, count: 8)
        let yTicks = Ticks.nice(yExtent.lowerBound, yExtent.upperBound, count: 5)
        let x = LinearScale(domain: xExtent, range: frame.plotX)
        let y = LinearScale(domain: yTicks.first!...yTicks.last!, range: frame.plotY)

        b.open("g", [("class", "spans")])
        for span in spans where span.from.isFinite && span.to.isFinite && span.to > span.from {
            let x0 = x(max(span.from, xExtent.lowerBound)), x1 = x(min(span.to, xExtent.upperBound))
            b.open("g", [("class", "span " + span.kind), ("data-kind", span.kind)])
            b.title(span.label)
            b.element("rect", [("x", svgNumber(x0)), ("y", svgNumber(frame.plotY.lowerBound)), ("width", svgNumber(max(0.5, x1 - x0))),
                               ("height", svgNumber(frame.plotY.upperBound - frame.plotY.lowerBound))])
            if x1 - x0 > approximateTextWidth(span.label) + 4 {
                b.element("text", [("x", svgNumber(x0 + 4)), ("y", svgNumber(frame.plotY.lowerBound + 12))], text: span.label)
            }
            b.close("g")
        }
        b.close("g")
        b.yAxis(y, ticks: yTicks, format: yFormat, label: yLabel, frame: frame)
        b.xAxis(x, ticks: xTicks, format: xFormat, label: xLabel, frame: frame)

        if drawn.isEmpty { b.emptyNote(emptyText, frame: frame) }
        for (index, s) in drawn {
            let colour = Palette.colour(index)
            b.open("g", [("class", "series"), ("data-series", s.name)])
            b.title(s.name)
            let band = s.band.filter { $0.x.isFinite && $0.low.isFinite && $0.high.isFinite }
            if !band.isEmpty {
                var d = ""
                for (k, p) in band.enumerated() { d += (k == 0 ? "M" : "L") + svgNumber(x(p.x)) + "," + svgNumber(y.flipped(p.high)) }
                for p in band.reversed() { d += "L" + svgNumber(x(p.x)) + "," + svgNumber(y.flipped(p.low)) }
                b.element("path", [("class", "band"), ("d", d + "Z"), ("fill", colour), ("fill-opacity", "0.18"), ("stroke", "none")])
            }
            let points = s.points.filter { $0.x.isFinite && $0.y.isFinite }
            if points.count == 1 {
                b.element("circle", [("class", "point"), ("cx", svgNumber(x(points[0].x))), ("cy", svgNumber(y.flipped(points[0].y))),
                                     ("r", "3"), ("fill", colour)])
            } else {
                var d = ""
                for (k, p) in points.enumerated() { d += (k == 0 ? "M" : "L") + svgNumber(x(p.x)) + "," + svgNumber(y.flipped(p.y)) }
                var attributes = [("class", "line"), ("d", d), ("fill", "none"), ("stroke", colour), ("stroke-width", "1.8")]
                if s.dashed { attributes.append(("stroke-dasharray", "5 3")) }
                b.element("path", attributes)
            }
            b.close("g")
        }

        b.open("g", [("class", "markers")])
        // Labels go to the first row where they overlap no earlier label
        // (right of their line, or left of it near the plot's right edge).
        var rowEnds: [[ClosedRange<Double>]] = []
        for marker in markers where marker.x.isFinite {
            let mx = x(marker.x)
            b.open("g", [("class", "marker " + marker.kind), ("data-kind", marker.kind)])
            b.title(marker.label)
            b.element("line", [("x1", svgNumber(mx)), ("x2", svgNumber(mx)), ("y1", svgNumber(frame.plotY.lowerBound + 16)),
                               ("y2", svgNumber(frame.plotY.upperBound))])
            let width = approximateTextWidth(marker.label) * 0.9
            let leftOfLine = mx + width > frame.plotX.upperBound
            let extent = leftOfLine ? (mx - 3 - width)...(mx - 3) : (mx + 3)...(mx + 3 + width)
            var row = rowEnds.firstIndex { placed in !placed.contains { $0.overlaps(extent) } } ?? rowEnds.count
            if row == rowEnds.count { rowEnds.append([]) }
            if row > 5 { row = 5 }
            rowEnds[row].append(extent)
            b.element("text", [("x", svgNumber(leftOfLine ? mx - 3 : mx + 3)), ("y", svgNumber(frame.plotY.lowerBound + 26 + Double(row) * 11)),
                               ("text-anchor", leftOfLine ? "end" : "start")], text: marker.label)
            b.close("g")
        }
        b.close("g")

        b.legend(entries, frame: frame)
        b.close("svg")
        return b.markup
    }
}
