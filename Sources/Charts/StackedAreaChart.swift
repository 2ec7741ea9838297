/// Series stacked on a shared x axis (entries by channel per minute, say):
/// each band's thickness is its series' value, the top edge their total.
public struct StackedAreaChart: Sendable {
    public struct Series: Sendable {
        public var name: String
        /// One value per x (missing or non-finite values count as 0).
        public var values: [Double]
        public init(name: String, values: [Double]) { self.name = name; self.values = values }
    }

    public var id: String
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var x: [Double]
    public var series: [Series]
    public var xFormat: ValueFormat
    public var yFormat: ValueFormat
    public var emptyText: String
    public var frame: ChartFrame

    public init(id: String, title: String, xLabel: String, yLabel: String, x: [Double], series: [Series],
                xFormat: @escaping ValueFormat, yFormat: @escaping ValueFormat, emptyText: String = "No data",
                frame: ChartFrame = ChartFrame()) {
        self.id = id; self.title = title; self.xLabel = xLabel; self.yLabel = yLabel
        self.x = x; self.series = series; self.xFormat = xFormat; self.yFormat = yFormat
        self.emptyText = emptyText; self.frame = frame
    }

    public func svg() -> String {
        var b = SVGBuilder()
        let frame = self.frame.reserving(legend: series.map(\.name))
        b.openChart(id: id, title: title, frame: frame)
        let columns = x.indices.filter { x[$0].isFinite }
        func value(_ s: Series, _ i: Int) -> Double {
            i < s.values.count && s.values[i].isFinite ? max(0, s.values[i]) : 0
        }
        var totals = Array(repeating: 0.0, count: x.count)
        for s in series { for i in columns { totals[i] += value(s, i) } }
        let xExtent = finiteExtent(columns.map { x[$0] }) ?? 0...1
        let yTicks = Ticks.nice(0, columns.map { totals[$0] }.max() ?? 1, count: 5)
        let xs = LinearScale(domain: xExtent, range: frame.plotX)
        let ys = LinearScale(domain: yTicks.first!...yTicks.last!, range: frame.plotY)
        b.yAxis(ys, ticks: yTicks, format: yFormat, label: yLabel, frame: frame)
        b.xAxis(xs, ticks: Ticks.nice(xExtent.lowerBound, xExtent.upperBound, count: 8), format: xFormat, label: xLabel, frame: frame)
        if columns.isEmpty || series.isEmpty { b.emptyNote(emptyText, frame: frame) }
        var base = Array(repeating: 0.0, count: x.count)
        for (index, s) in series.enumerated() where !columns.isEmpty {
            var top = base
            for i in columns { top[i] += value(s, i) }
            var d = ""
            for (k, i) in columns.enumerated() { d += (k == 0 ? "M" : "L") + svgNumber(xs(x[i])) + "," + svgNumber(ys.flipped(top[i])) }
            for i in columns.reversed() { d += "L" + svgNumber(xs(x[i])) + "," + svgNumber(ys.flipped(base[i])) }
            b.open("g", [("class", "series"), ("data-series", s.name)])
            b.title(s.name)
            b.element("path", [("class", "area"), ("d", d + "Z"), ("fill", Palette.colour(index)), ("fill-opacity", "0.85"),
                               ("stroke", "#fff"), ("stroke-width", "0.5")])
            b.close("g")
            base = top
        }
        b.legend(series.enumerated().map { (name: $0.element.name, colour: Palette.colour($0.offset), kind: "area") }, frame: frame)
        b.close("svg")
        return b.markup
    }
}
