/// Bars for categories, one bar per group and category: horizontal (funnel
/// stages, probability of being best) or vertical (a histogram's bins).
/// Each bar may carry an interval (a confidence interval), drawn as whiskers.
public struct BarChart: Sendable {
    public enum Orientation: Sendable { case horizontal, vertical }

    public struct Group: Sendable {
        public var name: String
        /// One value per category.
        public var values: [Double]
        /// Optional interval per category (nil entries: none).
        public var intervals: [ClosedRange<Double>?]
        public init(name: String, values: [Double], intervals: [ClosedRange<Double>?] = []) {
            self.name = name; self.values = values; self.intervals = intervals
        }
    }

    public var id: String
    public var title: String
    public var valueLabel: String
    /// Title of the category axis (vertical bars only).
    public var categoryLabel: String
    public var categories: [String]
    public var groups: [Group]
    public var orientation: Orientation
    public var valueFormat: ValueFormat
    /// Text beside each bar (horizontal bars only): its value, or a caller's text.
    public var barLabels: [[String]]?
    /// Index of a category to emphasise (the best scenario, say).
    public var highlight: Int?
    public var emptyText: String
    public var frame: ChartFrame

    public init(id: String, title: String, valueLabel: String, categoryLabel: String = "", categories: [String], groups: [Group],
                orientation: Orientation = .horizontal, valueFormat: @escaping ValueFormat, barLabels: [[String]]? = nil,
                highlight: Int? = nil, emptyText: String = "No data", frame: ChartFrame? = nil) {
        self.id = id; self.title = title; self.valueLabel = valueLabel; self.categoryLabel = categoryLabel; self.categories = categories
        self.groups = groups; self.orientation = orientation; self.valueFormat = valueFormat
        self.barLabels = barLabels; self.highlight = highlight; self.emptyText = emptyText
        let labelWidth = (categories.map(approximateTextWidth).max() ?? 40) + 16
        self.frame = frame ?? (orientation == .horizontal
            ? ChartFrame(height: max(120, 56 + Double(categories.count * max(1, groups.count)) * 16 + Double(categories.count) * 8),
                         left: min(260, max(72, labelWidth)), right: 110)
            : ChartFrame())
    }

    func value(_ g: Group, _ c: Int) -> Double {
        c < g.values.count && g.values[c].isFinite ? g.values[c] : 0
    }

    public func svg() -> String {
        var b = SVGBuilder()
        let frame = self.frame.reserving(legend: groups.count > 1 ? groups.map(\.name) : [])
        b.openChart(id: id, title: title, frame: frame)
        let all = groups.flatMap { g in categories.indices.map { value(g, $0) } }
            + groups.flatMap { g in g.intervals.compactMap { $0 }.flatMap { [$0.lowerBound, $0.upperBound] } }
        let extent = finiteExtent(all) ?? 0...1
        let ticks = Ticks.nice(min(0, extent.lowerBound), max(0, extent.upperBound), count: 5)
        let domain = ticks.first!...ticks.last!
        if categories.isEmpty || groups.isEmpty { b.emptyNote(emptyText, frame: frame) }
        switch orientation {
        case .horizontal: drawHorizontal(&b, domain: domain, ticks: ticks, frame: frame)
        case .vertical: drawVertical(&b, domain: domain, ticks: ticks, frame: frame)
        }
        if groups.count > 1 {
            b.legend(groups.enumerated().map { (name: $0.element.name, colour: Palette.colour($0.offset), kind: "bar") }, frame: frame)
        }
        b.close("svg")
        return b.markup
    }

    private func drawHorizontal(_ b: inout SVGBuilder, domain: ClosedRange<Double>, ticks: [Double], frame: ChartFrame) {
        let scale = LinearScale(domain: domain, range: frame.plotX)
        b.xAxis(scale, ticks: ticks, format: valueFormat, label: valueLabel, frame: frame)
        let slot = (frame.plotY.upperBound - frame.plotY.lowerBound) / Double(max(1, categories.count))
        let barHeight = min(22, (slot - 6) / Double(max(1, groups.count)))
        for (c, category) in categories.enumerated() {
            let top = frame.plotY.lowerBound + Double(c) * slot + (slot - barHeight * Double(groups.count)) / 2
            b.open("g", [("class", c == highlight ? "category highlight" : "category")])
            b.element("text", [("class", "category-label"), ("x", svgNumber(frame.plotX.lowerBound - 8)),
                               ("y", svgNumber(top + barHeight * Double(groups.count) / 2 + 4)), ("text-anchor", "end")], text: category)
            b.close("g")
        }
        for (g, group) in groups.enumerated() {
            b.open("g", [("class", "series"), ("data-series", group.name)])
            for c in categories.indices {
                let v = value(group, c)
                let top = frame.plotY.lowerBound + Double(c) * slot + (slot - barHeight * Double(groups.count)) / 2 + Double(g) * barHeight
                let x0 = scale(min(0, v)), x1 = scale(max(0, v))
                b.open("g", [("class", "bar")])
                b.title("\(categories[c]) · \(group.name): \(valueFormat(v))")
                b.element("rect", [("x", svgNumber(x0)), ("y", svgNumber(top + 1)), ("width", svgNumber(max(0, x1 - x0))),
                                   ("height", svgNumber(max(1, barHeight - 2))), ("fill", Palette.colour(g))])
                if c < group.intervals.count, let interval = group.intervals[c], interval.lowerBound.isFinite, interval.upperBound.isFinite {
                    let mid = svgNumber(top + barHeight / 2)
                    b.element("line", [("class", "whisker"), ("x1", svgNumber(scale(interval.lowerBound))),
                                       ("x2", svgNumber(scale(interval.upperBound))), ("y1", mid), ("y2", mid)])
                }
                let text = barLabels.flatMap { g < $0.count && c < $0[g].count ? $0[g][c] : nil } ?? valueFormat(v)
                b.element("text", [("class", "bar-label"), ("x", svgNumber(max(x1, scale(0)) + 4)), ("y", svgNumber(top + barHeight / 2 + 4))],
                          text: text)
                b.close("g")
            }
            b.close("g")
        }
    }

    private func drawVertical(_ b: inout SVGBuilder, domain: ClosedRange<Double>, ticks: [Double], frame: ChartFrame) {
        let scale = LinearScale(domain: domain, range: frame.plotY)
        b.yAxis(scale, ticks: ticks, format: valueFormat, label: valueLabel, frame: frame)
        let slot = (frame.plotX.upperBound - frame.plotX.lowerBound) / Double(max(1, categories.count))
        let barWidth = max(1, (slot * 0.9) / Double(max(1, groups.count)))
        // Label about 12 categories, evenly spaced, so the axis stays legible.
        let every = max(1, Int((Double(categories.count) / 12).rounded(.up)))
        b.open("g", [("class", "axis x-axis")])
        b.element("line", [("x1", svgNumber(frame.plotX.lowerBound)), ("x2", svgNumber(frame.plotX.upperBound)),
                           ("y1", svgNumber(frame.plotY.upperBound)), ("y2", svgNumber(frame.plotY.upperBound))])
        for (c, category) in categories.enumerated() where c % every == 0 {
            b.element("text", [("x", svgNumber(frame.plotX.lowerBound + (Double(c) + 0.5) * slot)), ("y", svgNumber(frame.plotY.upperBound + 16)),
                               ("text-anchor", "middle")], text: category)
        }
        if !categoryLabel.isEmpty {
            b.element("text", [("class", "axis-label"), ("x", svgNumber((frame.plotX.lowerBound + frame.plotX.upperBound) / 2)),
                               ("y", svgNumber(frame.height - 6)), ("text-anchor", "middle")], text: categoryLabel)
        }
        b.close("g")
        for (g, group) in groups.enumerated() {
            b.open("g", [("class", "series"), ("data-series", group.name)])
            for c in categories.indices {
                let v = value(group, c)
                let left = frame.plotX.lowerBound + Double(c) * slot + slot * 0.05 + Double(g) * barWidth
                let y0 = scale.flipped(max(0, v)), y1 = scale.flipped(min(0, v))
                b.open("g", [("class", "bar")])
                b.title("\(categories[c]) · \(group.name): \(valueFormat(v))")
                b.element("rect", [("x", svgNumber(left)), ("y", svgNumber(y0)), ("width", svgNumber(barWidth)),
                                   ("height", svgNumber(max(0, y1 - y0))), ("fill", Palette.colour(g))])
                b.close("g")
            }
            b.close("g")
        }
    }
}
