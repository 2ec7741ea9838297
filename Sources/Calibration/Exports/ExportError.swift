/// Why a past stream's export was refused: the file, the row and column
/// (1-based, as a spreadsheet shows them) and the column's header where the
/// problem is in one, the value found and what was expected. Errors are
/// data; the calibration loader and the command line render them.
public struct ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// The row (1 is the header row); nil for a problem with the whole file.
    public var row: Int?
    /// The column (1 is column A); nil for a problem with a whole row or file.
    public var column: Int?
    /// The column's header as written, where the problem is in one column.
    public var header: String?
    public var value: String
    public var expected: String
    /// The `columns:` mapping this is about (a header that is not in the
    /// file), so a calibration file can point at the line that wrote it.
    public var mapping: String?

    public init(file: String, row: Int? = nil, column: Int? = nil, header: String? = nil, value: String, expected: String,
                mapping: String? = nil) {
        self.file = file; self.row = row; self.column = column; self.header = header
        self.value = value; self.expected = expected; self.mapping = mapping
    }

    /// `file: row R, column C (header): value — expected …`
    public var description: String {
        var place: [String] = []
        if let row { place.append("row \(row)") }
        if let column { place.append("column \(ExportError.letters(column))" + (header.map { " (\($0))" } ?? "")) }
        else if let header { place.append("column \(header)") }
        let at = place.isEmpty ? file : "\(file): \(place.joined(separator: ", "))"
        return "\(at): \(value) — expected \(expected)"
    }

    /// A 1-based column number as spreadsheet letters (1 → A, 27 → AA).
    static func letters(_ column: Int) -> String {
        var n = column, text = ""
        while n > 0 {
            let r = (n - 1) % 26
            text = String(UnicodeScalar(UInt8(65 + r))) + text
            n = (n - 1) / 26
        }
        return text
    }
}
