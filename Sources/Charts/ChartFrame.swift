/// Formats an axis or label value (the report's language decides how).
public typealias ValueFormat = @Sendable (Double) -> String

/// A chart's size and margins, in SVG user units.
public struct ChartFrame: Sendable, Equatable {
    public var width: Double
    public var height: Double
    public var left: Double
    public var right: Double
    public var top: Double
    public var bottom: Double

    public init(width: Double = 720, height: Double = 300, left: Double = 72, right: Double = 20,
                top: Double = 46, bottom: Double = 46) {
        self.width = width; self.height = height
        self.left = left; self.right = right; self.top = top; self.bottom = bottom
    }

    var plotX: ClosedRange<Double> { left...max(left + 1, width - right) }

    /// The frame grown at the top for a legend of `names` that wraps onto
    /// several rows (the plot keeps its size).
    func reserving(legend names: [String]) -> ChartFrame {
        var frame = self
        let extra = Double(legendRows(names).map(\.row).max() ?? 0) * 16
        frame.top += extra
        frame.height += extra
        return frame
    }

    /// Legend entries laid out left to right, wrapping at the plot's width:
    /// each entry's row and x.
    func legendRows(_ names: [String]) -> [(row: Int, x: Double)] {
        var out: [(row: Int, x: Double)] = []
        var row = 0, x = plotX.lowerBound
        for name in names {
            let width = 18 + approximateTextWidth(name) + 12
            if x + width > plotX.upperBound && x > plotX.lowerBound { row += 1; x = plotX.lowerBound }
            out.append((row, x))
            x += width
        }
        return out
    }
    var plotY: ClosedRange<Double> { top...max(top + 1, height - bottom) }
}

/// Series colours: the Okabe–Ito palette (distinguishable with the common
/// colour-vision deficiencies), then Tableau's, cycling.
public enum Palette {
    static let colours = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
                          "#4E79A7", "#F28E2B", "#59A14F", "#B07AA1"]

    /// The colour of series `index`.
    public static func colour(_ index: Int) -> String { colours[((index % colours.count) + colours.count) % colours.count] }
}

/// Shared drawing: the root element, axes, grid lines, legend, empty state.
extension SVGBuilder {
    /// Opens the chart's root `<svg>`; `id` goes in `data-chart` (tests and
    /// styles find charts by it), `title` in `aria-label` and `<title>`.
    mutating func openChart(id: String, title: String, frame: ChartFrame) {
        open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("class", "chart"), ("data-chart", id),
                     ("viewBox", "0 0 \(svgNumber(frame.width)) \(svgNumber(frame.height))"),
                     ("role", "img"), ("aria-label", title)])
        self.title(title)
    }

    /// A horizontal axis along the plot's bottom, with tick labels.
    mutating func xAxis(_ scale: LinearScale, ticks: [Double], format: ValueFormat, label: String, frame: ChartFrame) {
        let y = frame.plotY.upperBound
        open("g", [("class", "axis x-axis")])
        element("line", [("x1", svgNumber(frame.plotX.lowerBound)), ("x2", svgNumber(frame.plotX.upperBound)),
                         ("y1", svgNumber(y)), ("y2", svgNumber(y))])
        for t in ticks where scale.domain.contains(t) {
            let x = scale(t)
            element("line", [("x1", svgNumber(x)), ("x2", svgNumber(x)), ("y1", svgNumber(y)), ("y2", svgNumber(y + 4))])
            element("text", [("x", svgNumber(x)), ("y", svgNumber(y + 16)), ("text-anchor", "middle")], text: format(t))
        }
        if !label.isEmpty {
            element("text", [("class", "axis-label"), ("x", svgNumber((frame.plotX.lowerBound + frame.plotX.upperBound) / 2)),
                             ("y", svgNumber(frame.height - 6)), ("text-anchor", "middle")], text: label)
        }
        close("g")
    }

    /// A vertical axis at the plot's left, with grid lines and tick labels.
    mutating func yAxis(_ scale: LinearScale, ticks: [Double], format: ValueFormat, label: String, frame: ChartFrame) {
        let x = frame.plotX.lowerBound
        open("g", [("class", "axis y-axis")])
        for t in ticks where scale.domain.contains(t) {
            let y = scale.flipped(t)
            element("line", [("class", "grid"), ("x1", svgNumber(x)), ("x2", svgNumber(frame.plotX.upperBound)),
                             ("y1", svgNumber(y)), ("y2", svgNumber(y))])
            element("text", [("x", svgNumber(x - 6)), ("y", svgNumber(y + 4)), ("text-anchor", "end")], text: format(t))
        }
        if !label.isEmpty {
            element("text", [("class", "axis-label"), ("x", svgNumber(x)), ("y", svgNumber(frame.top - 10)),
                             ("text-anchor", "start")], text: label)
        }
        close("g")
    }

    /// Legend entries above the plot, left to right, wrapping into rows
    /// (the frame must come from ``ChartFrame/reserving(legend:)``).
    mutating func legend(_ entries: [(name: String, colour: String, kind: String)], frame: ChartFrame) {
        guard !entries.isEmpty else { return }
        open("g", [("class", "legend")])
        for (entry, place) in zip(entries, frame.legendRows(entries.map(\.name))) {
            let x = place.x, y = 6 + Double(place.row) * 16
            open("g", [("class", "legend-item"), ("data-kind", entry.kind)])
            if entry.kind == "band" {
                element("rect", [("x", svgNumber(x)), ("y", svgNumber(y + 2)), ("width", "12"), ("height", "10"), ("fill", entry.colour),
                                 ("fill-opacity", "0.2")])
            } else {
                element("rect", [("x", svgNumber(x)), ("y", svgNumber(y + 5)), ("width", "12"), ("height", "4"), ("fill", entry.colour)])
            }
            element("text", [("x", svgNumber(x + 16)), ("y", svgNumber(y + 12))], text: entry.name)
            close("g")
        }
        close("g")
    }

    /// "No data" in the middle of an empty plot.
    mutating func emptyNote(_ text: String, frame: ChartFrame) {
        element("text", [("class", "empty"), ("x", svgNumber((frame.plotX.lowerBound + frame.plotX.upperBound) / 2)),
                         ("y", svgNumber((frame.plotY.lowerBound + frame.plotY.upperBound) / 2)), ("text-anchor", "middle")],
                text: text)
    }
}

/// Width of `text` at the charts' 11-unit font, roughly (CJK characters are
/// about twice as wide as Latin ones): enough to lay out legends.
func approximateTextWidth(_ text: String) -> Double {
    text.unicodeScalars.reduce(0) { $0 + ($1.value > 0x2E80 ? 11 : 6.2) }
}
