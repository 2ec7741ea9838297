/// One cell of an export as its file holds it: text (CSV, or a string cell of
/// a workbook), a number (a numeric workbook cell, with whether its style is
/// a date or time), or nothing.
enum ExportCell: Sendable, Equatable {
    case empty
    case text(String)
    /// A numeric workbook cell; `dateStyled` when its number format shows a
    /// date or a time (an Excel serial day number).
    case number(Double, dateStyled: Bool)

    /// The cell as it would be shown in a message.
    var shown: String {
        switch self {
        case .empty: "an empty cell"
        case .text(let s): "\"\(s.count > 60 ? String(s.prefix(57)) + "..." : s)\""
        case .number(let x, _): x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
        }
    }

    var isEmpty: Bool {
        switch self {
        case .empty: true
        case .text(let s): s.allSatisfy { $0.isWhitespace }
        case .number: false
        }
    }
}

/// A sheet of an export, before any column is interpreted: its rows, each
/// with its row number in the file (1 is the first), cells by column (0 is
/// column A). Rows wholly empty are dropped. The CSV and .xlsx readers both
/// produce it; ``ExportReader`` finds the header row and reads the columns.
struct ExportTable: Sendable {
    var rows: [(number: Int, cells: [ExportCell])]

    /// The cell of `row` (an index into `rows`) in `column`, empty when the row is shorter.
    func cell(_ row: Int, _ column: Int) -> ExportCell {
        column < rows[row].cells.count ? rows[row].cells[column] : .empty
    }
}
