import Foundation

/// A grid of cells coloured by value (a sweep's objective over two
/// parameters), each cell labelled with its value; one cell may be outlined.
public struct HeatMap: Sendable {
    public var id: String
    public var title: String
    public var rowLabel: String
    public var columnLabel: String
    public var rows: [String]
    public var columns: [String]
    /// `values[row][column]`; nil or non-finite: no result for that cell.
    public var values: [[Double?]]
    public var highlight: (row: Int, column: Int)?
    public var valueFormat: ValueFormat
    public var frame: ChartFrame

    public init(id: String, title: String, rowLabel: String, columnLabel: String, rows: [String], columns: [String],
                values: [[Double?]], highlight: (row: Int, column: Int)? = nil, valueFormat: @escaping ValueFormat,
                frame: ChartFrame? = nil) {
        self.id = id; self.title = title; self.rowLabel = rowLabel; self.columnLabel = columnLabel
        self.rows = rows; self.columns = columns; self.values = values; self.highlight = highlight
        self.valueFormat = valueFormat
        let left = min(220, max(80, (rows.map(approximateTextWidth).max() ?? 40) + 20))
        self.frame = frame ?? ChartFrame(width: 720, height: max(160, 90 + Double(rows.count) * 34), left: left, right: 20, top: 40, bottom: 50)
    }

    func value(_ r: Int, _ c: Int) -> Double? {
        guard r < values.count, c < values[r].count, let v = values[r][c], v.isFinite else { return nil }
        return v
    }

    /// Light to dark blue by the value's place between the extremes.
    static func colour(_ t: Double) -> String {
        let t = min(max(t.isFinite ? t : 0, 0), 1)
        let low = (239.0, 246.0, 255.0), high = (8.0, 69.0, 148.0)
        func mix(_ a: Double, _ b: Double) -> Int { Int((a + (b - a) * t).rounded()) }
        return String(format: "#%02X%02X%02X", mix(low.0, high.0), mix(low.1, high.1), mix(low.2, high.2))
    }

    public func svg() -> String {
        var b = SVGBuilder()
        b.openChart(id: id, title: title, frame: frame)
        let all = rows.indices.flatMap { r in columns.indices.compactMap { value(r, $0) } }
        let extent = finiteExtent(all)
        if rows.isEmpty || columns.isEmpty || extent == nil { b.emptyNote("—", frame: frame) }
        let cellWidth = (frame.plotX.upperBound - frame.plotX.lowerBound) / Double(max(1, columns.count))
        let cellHeight = (frame.plotY.upperBound - frame.plotY.lowerBound) / Double(max(1, rows.count))
        b.open("g", [("class", "series"), ("data-series", title)])
        for r in rows.indices {
            for c in columns.indices {
                let x = frame.plotX.lowerBound + Double(c) * cellWidth, y = frame.plotY.lowerBound + Double(r) * cellHeight
                let v = value(r, c)
                let t = v.flatMap { v in extent.map { $0.upperBound > $0.lowerBound ? (v - $0.lowerBound) / ($0.upperBound - $0.lowerBound) : 0.5 } } ?? 0
                let isBest = highlight.map { $0.row == r && $0.column == c } ?? false
                b.open("g", [("class", isBest ? "cell best" : "cell")])
                b.title("\(rowLabel) \(rows[r]) · \(columnLabel) \(columns[c]): \(v.map(valueFormat) ?? "—")")
                b.element("rect", [("x", svgNumber(x + 1)), ("y", svgNumber(y + 1)), ("width", svgNumber(max(0, cellWidth - 2))),
                                   ("height", svgNumber(max(0, cellHeight - 2))), ("fill", v == nil ? "#eeeeee" : Self.colour(t))]
                          + (isBest ? [("stroke", "#D55E00"), ("stroke-width", "3")] : []))
                b.element("text", [("x", svgNumber(x + cellWidth / 2)), ("y", svgNumber(y + cellHeight / 2 + 4)), ("text-anchor", "middle"),
                                   ("fill", t > 0.55 ? "#ffffff" : "#1a1a1a")], text: v.map(valueFormat) ?? "—")
                b.close("g")
            }
        }
        b.close("g")
        b.open("g", [("class", "axis")])
        for (r, row) in rows.enumerated() {
            b.element("text", [("x", svgNumber(frame.plotX.lowerBound - 6)), ("y", svgNumber(frame.plotY.lowerBound + (Double(r) + 0.5) * cellHeight + 4)),
                               ("text-anchor", "end")], text: row)
        }
        for (c, column) in columns.enumerated() {
            b.element("text", [("x", svgNumber(frame.plotX.lowerBound + (Double(c) + 0.5) * cellWidth)),
                               ("y", svgNumber(frame.plotY.upperBound + 16)), ("text-anchor", "middle")], text: column)
        }
        b.element("text", [("class", "axis-label"), ("x", svgNumber((frame.plotX.lowerBound + frame.plotX.upperBound) / 2)),
                           ("y", svgNumber(frame.height - 6)), ("text-anchor", "middle")], text: columnLabel)
        b.element("text", [("class", "axis-label"), ("x", svgNumber(frame.plotX.lowerBound)), ("y", svgNumber(frame.top - 10))], text: rowLabel)
        b.close("g")
        b.close("svg")
        return b.markup
    }
}
