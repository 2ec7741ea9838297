import Foundation

extension ExportTable {
    /// Reads a CSV export: UTF-8 with or without a byte-order mark, fields
    /// separated by commas, optionally quoted (`"a, b"`, `""` for a quote,
    /// line breaks inside quotes), records ended by CRLF, LF or CR. Every
    /// cell is text; rows wholly empty are dropped.
    static func csv(_ data: Data, file: String) throws(ExportError) -> ExportTable {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(data: Data(bytes), encoding: .utf8) else {
            var expected = "a CSV file in UTF-8 (with or without BOM), or an .xlsx workbook"
            if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { expected += " (this one is UTF-16: save it as \"CSV UTF-8\")" }
            else { expected += " (save it as \"CSV UTF-8\"; exports in GBK must be converted first)" }
            throw ExportError(file: file, value: "not UTF-8 text", expected: expected)
        }
        var rows: [(number: Int, cells: [ExportCell])] = []
        var record: [ExportCell] = []
        var field = String.UnicodeScalarView()
        var quoted = false, wasQuoted = false
        var number = 1
        func endField() {
            let s = String(field)
            record.append(s.isEmpty && !wasQuoted ? .empty : .text(s))
            field = String.UnicodeScalarView(); wasQuoted = false
        }
        func endRecord() {
            endField()
            if !record.allSatisfy(\.isEmpty) { rows.append((number, record)) }
            record = []; number += 1
        }
        var scalars = text.unicodeScalars[...]
        while let c = scalars.popFirst() {
            if quoted {
                if c == "\"" {
                    if scalars.first == "\"" { field.append(c); scalars.removeFirst() } else { quoted = false }
                } else {
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.allSatisfy({ $0 == " " || $0 == "\t" }) && !wasQuoted:
                field = String.UnicodeScalarView(); quoted = true; wasQuoted = true
            case ",": endField()
            case "\r":
                if scalars.first == "\n" { scalars.removeFirst() }
                endRecord()
            case "\n": endRecord()
            default: field.append(c)
            }
        }
        if quoted {
            throw ExportError(file: file, row: number, value: "a quoted field that is never closed",
                              expected: "each opening quote closed by a quote (a quote inside a field is written twice: \"\")")
        }
        if !field.isEmpty || !record.isEmpty || wasQuoted { endRecord() }
        return ExportTable(rows: rows)
    }
}
