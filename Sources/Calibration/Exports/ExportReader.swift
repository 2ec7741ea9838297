import Foundation
import Scenario

/// Reads a past stream's per-minute export (CSV or .xlsx) into an
/// ``ObservedStream``: finds the header row, recognises its columns by the
/// contract's header table (``ObservedSeries``, ``ExportColumn``) and the
/// calibration file's own `columns:` mappings, reads every cell, and refuses
/// what cannot be fitted to, naming the file, row, column and value.
public enum ExportReader {
    /// Largest export read.
    public static let maximumFileBytes = 64 << 20
    /// How far down the header row is looked for (a title row may come first).
    static let headerSearchRows = 10
    /// Minute cells that mark a totals row at the end (compared case-insensitive).
    static let totalLabels: Set<String> = ["合计", "总计", "汇总", "小计", "total", "totals", "sum"]

    /// Reads `file`: a ZIP archive is read as an .xlsx workbook (its first
    /// sheet), anything else as CSV.
    /// - Parameter columns: extra header → column mappings (`在线: concurrentViewers`);
    ///   they win over the contract's table, and each must name a header of the file.
    public static func read(file: String, columns: [String: ExportColumn] = [:]) throws(ExportError) -> ObservedStream {
        var info = stat()
        guard stat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
              let data = FileManager.default.contents(atPath: file) else {
            throw ExportError(file: file, value: "cannot be read (no such file, or no permission)", expected: "a readable CSV or .xlsx export")
        }
        guard data.count <= maximumFileBytes else {
            throw ExportError(file: file, value: "a file of \(data.count) bytes", expected: "an export of at most \(maximumFileBytes) bytes")
        }
        return try read(data, file: file, columns: columns)
    }

    /// Reads an export's bytes; `file` names it in notes and errors.
    public static func read(_ data: Data, file: String, columns: [String: ExportColumn] = [:]) throws(ExportError) -> ObservedStream {
        let table: ExportTable
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            table = try .xlsx(data, file: file)
        } else if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw ExportError(file: file, value: "an old binary .xls workbook", expected: "an .xlsx workbook or a CSV file (save it as one of those)")
        } else {
            table = try .csv(data, file: file)
        }
        return try stream(table, file: file, sha256: ScenarioLoader.sha256(data), columns: columns)
    }

    /// The header text of a cell.
    private static func text(_ cell: ExportCell) -> String {
        switch cell {
        case .empty: ""
        case .text(let s): s.trimmingCharacters(in: .whitespacesAndNewlines)
        case .number: cell.shown
        }
    }

    static func stream(_ table: ExportTable, file: String, sha256: String, columns: [String: ExportColumn]) throws(ExportError) -> ObservedStream {
        guard !table.rows.isEmpty else {
            throw ExportError(file: file, value: "an empty file", expected: "a header row, then one row per minute")
        }
        var mapped: [String: (header: String, column: ExportColumn)] = [:]
        for (header, column) in columns.sorted(by: { $0.key < $1.key }) where mapped[ExportHeader.normalised(header)] == nil {
            mapped[ExportHeader.normalised(header)] = (header, column)
        }
        func column(of header: String) -> ExportColumn? { mapped[ExportHeader.normalised(header)]?.column ?? ExportHeader.column(for: header) }

        // The header row: the first of the top rows with a minute column (a title may come first).
        let headerIndex = table.rows.prefix(headerSearchRows).firstIndex { $0.cells.contains { column(of: text($0)) == .minute } } ?? 0
        let headerRow = table.rows[headerIndex]
        let headers = headerRow.cells.map(text)
        var notes: [String] = []
        if headerIndex > 0 {
            notes.append(headerRow.number == 2 ? "row 1 above the header row skipped" : "rows 1–\(headerRow.number - 1) above the header row skipped")
        }
        var dataRows = Array(table.rows.indices.dropFirst(headerIndex + 1))
        func name(_ i: Int) -> String { "column \(ExportError.letters(i + 1))" + (headers[i].isEmpty ? "" : " (\(headers[i]))") }

        var minuteColumn: Int?
        var seriesColumns: [(index: Int, series: ObservedSeries, divisor: Double)] = []
        var usedMappings = Set<String>()
        for (i, header) in headers.enumerated() {
            guard !header.isEmpty else {
                if dataRows.contains(where: { !table.cell($0, i).isEmpty }) { notes.append("ignored \(name(i)): it has no header") }
                continue
            }
            if let m = mapped[ExportHeader.normalised(header)] { usedMappings.insert(m.header) }
            switch column(of: header) {
            case .minute?:
                if let first = minuteColumn { notes.append("ignored \(name(i)): \(name(first)) is the minute column") } else { minuteColumn = i }
            case .series(let series, let divisor)?:
                if let prior = seriesColumns.first(where: { $0.series == series }) {
                    throw ExportError(file: file, row: headerRow.number, column: i + 1, header: header, value: "a second column for \(series.rawValue)",
                                      expected: "one column per series (\(name(prior.index)) is \(series.rawValue) already): remove one, or map it elsewhere with `columns:`")
                }
                seriesColumns.append((i, series, divisor))
            case nil:
                notes.append("ignored \(name(i)): not a recognised series; map it with `columns:`")
            }
        }
        let present = headers.filter { !$0.isEmpty }.joined(separator: ", ")
        for (header, _) in columns.sorted(by: { $0.key < $1.key }) where !usedMappings.contains(header) {
            throw ExportError(file: file, row: headerRow.number, header: header, value: "no column headed \"\(header)\"",
                              expected: "a header of the file's header row (\(present))", mapping: header)
        }
        guard let minuteColumn else {
            throw ExportError(file: file, row: headerRow.number, value: "no minute column (headers: \(present))",
                              expected: "a column headed \(ExportColumn.minuteHeaders.joined(separator: ", ")), or one mapped to minute with `columns:`")
        }
        guard !seriesColumns.isEmpty else {
            throw ExportError(file: file, row: headerRow.number, value: "no recognised series (headers: \(present))",
                              expected: "a column of \(ObservedSeries.allCases.map(\.rawValue).joined(separator: ", ")) (see the header table in Docs/formats.md), or one mapped with `columns:`")
        }
        // A totals row at the end is not a minute.
        if let last = dataRows.last, case .text(let label) = table.cell(last, minuteColumn), totalLabels.contains(ExportHeader.normalised(label)) {
            notes.append("row \(table.rows[last].number) (\(label.trimmingCharacters(in: .whitespaces))) skipped: a totals row")
            dataRows.removeLast()
        }
        guard !dataRows.isEmpty else {
            throw ExportError(file: file, row: headerRow.number, value: "no rows under the header row", expected: "one row per minute under the header row")
        }

        let minuteCells = dataRows.map { table.cell($0, minuteColumn) }
        let minutes: Int
        do {
            let read = try MinuteColumn.minutes(minuteCells)
            minutes = read.minutes
            if let note = read.note { notes.append(note) }
        } catch {
            throw ExportError(file: file, row: table.rows[dataRows[error.row]].number, column: minuteColumn + 1, header: headers[minuteColumn],
                              value: minuteCells[error.row].shown, expected: error.expected)
        }

        var series: [String: [Double]] = [:]
        for column in seriesColumns {
            var values: [Double] = []
            values.reserveCapacity(dataRows.count)
            for row in dataRows {
                let cell = table.cell(row, column.index)
                let number: Double?
                switch cell {
                case .number(let x, _): number = x
                case .text(let s): number = CellNumber.parse(s)
                case .empty: number = nil
                }
                guard let number, number >= 0 else {
                    throw ExportError(file: file, row: table.rows[row].number, column: column.index + 1, header: headers[column.index], value: cell.shown,
                                      expected: number == nil ? "a number (12,345, 1.2万 and 3.1% are read too)" : "a number ≥ 0 (a count or an amount)")
                }
                values.append(number / column.divisor)
            }
            series[column.series.rawValue] = values
        }
        return ObservedStream(file: file, sha256: sha256, minutes: minutes, series: series, notes: notes)
    }
}
