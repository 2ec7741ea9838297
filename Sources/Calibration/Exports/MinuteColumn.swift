import Foundation

/// The minute column of an export read into minutes from the first row.
/// A cell is a minute number (`0`, `1`, …), a clock time (`20:01`,
/// `20:01:30`), a date-time (`2026-11-20 20:01:00`, `2026/11/20 20:01`,
/// `2026-11-20T20:01`) or, in a workbook, an Excel serial day number (a
/// cell styled as a date or time, or a column with fractions of a day).
/// All cells of the column must be of one kind. A clock time that falls
/// below the previous one has passed midnight, and counting goes on.
struct MinuteColumn {
    /// What a cell's time is measured in.
    enum Kind: Equatable {
        /// A minute number.
        case number
        /// Seconds since midnight.
        case clock
        /// Seconds since 1970 (a date-time).
        case dateTime
        /// An Excel serial day number (seconds since its epoch).
        case serial

        var described: String {
            switch self {
            case .number: "a minute number"
            case .clock: "a clock time (HH:MM or HH:MM:SS)"
            case .dateTime: "a date-time (2026-11-20 20:01:00)"
            case .serial: "a date or time cell"
            }
        }
    }

    /// A cell read alone: its kind and its value (minutes for `.number`, seconds otherwise).
    static func reading(_ cell: ExportCell, serial: Bool) -> (kind: Kind, value: Double)? {
        switch cell {
        case .empty: return nil
        case .number(let x, let dateStyled):
            if dateStyled || serial { return (.serial, (x * 86_400).rounded()) }
            return (.number, x)
        case .text(let raw):
            let s = raw.trimmingCharacters(in: .whitespaces)
            if let seconds = clock(Substring(s)) { return (.clock, seconds) }
            if let seconds = dateTime(s) { return (.dateTime, seconds) }
            if let x = CellNumber.parse(s), !s.contains("%") { return (.number, x) }
            return nil
        }
    }

    /// `HH:MM` or `HH:MM:SS` (hours 0–23, one or two digits each) as seconds since midnight.
    static func clock(_ s: Substring) -> Double? {
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let h = Int(parts[0]), let m = Int(parts[1]), h < 24, m < 60 else { return nil }
        let sec = parts.count == 3 ? Int(parts[2]) ?? 60 : 0
        guard sec < 60 else { return nil }
        return Double(h * 3600 + m * 60 + sec)
    }

    /// `YYYY-MM-DD HH:MM[:SS]` (also with `/` or `.`, and `T` before the time) as seconds since 1970.
    static func dateTime(_ s: String) -> Double? {
        let pieces = s.split(whereSeparator: { $0 == " " || $0 == "T" })
        guard pieces.count == 2, let time = clock(pieces[1]) else { return nil }
        let date = pieces[0].split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
        guard date.count == 3, date[0].count == 4, let y = Int(date[0]), let mo = Int(date[1]), let d = Int(date[2]),
              (1...12).contains(mo), (1...31).contains(d) else { return nil }
        return Double(daysFromCivil(y, mo, d)) * 86_400 + time
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Why a cell was refused: the row index, and what was expected.
    struct Problem: Error { var row: Int; var expected: String }

    /// Minutes from the first row, one per cell; throws at the first cell
    /// that is not a time of the column's kind, not a whole number of
    /// minutes after the first row, or not one minute after the row before.
    /// `note` says when minute numbers start elsewhere than 0.
    static func minutes(_ cells: [ExportCell]) throws(Problem) -> (minutes: Int, note: String?) {
        // A workbook column of plain numbers with fractions holds days (times without a time style).
        let serial = cells.contains { if case .number(let x, _) = $0 { x != x.rounded() } else { false } }
        guard let first = cells.first, let start = reading(first, serial: serial) else {
            throw Problem(row: 0, expected: "a minute number from 0, a clock time (HH:MM[:SS]) or a date-time (2026-11-20 20:01:00)")
        }
        var note: String?
        if start.kind == .number {
            guard start.value >= 0, start.value == start.value.rounded() else {
                throw Problem(row: 0, expected: "a minute number: a whole number from 0")
            }
            if start.value != 0 { note = "minutes start at \(Int(start.value)): taken as minute 0" }
        }
        // Clock times, and serial times without a date, pass midnight by falling back.
        let wraps = start.kind == .clock || (start.kind == .serial && start.value < 86_400)
        var previous = start.value, dayOffset = 0.0
        for (i, cell) in cells.enumerated().dropFirst() {
            guard let r = reading(cell, serial: serial), r.kind == start.kind else {
                throw Problem(row: i, expected: "\(start.kind.described), as in the first row")
            }
            var value = r.value + dayOffset
            if wraps && value < previous { dayOffset += 86_400; value += 86_400 }  // past midnight
            previous = value
            let elapsed = start.kind == .number ? value - start.value : (value - start.value) / 60
            guard elapsed == elapsed.rounded() else {
                throw Problem(row: i, expected: start.kind == .number ? "a minute number: a whole number"
                              : "a time a whole number of minutes after the first row's")
            }
            guard Int(elapsed) == i else {
                let want = Int(start.kind == .number ? start.value : 0) + i
                let shown = start.kind == .number ? "minute \(want)" : "the time \(i) minute\(i == 1 ? "" : "s") after the first row's"
                throw Problem(row: i, expected: "\(shown): one row per minute, with no gap or repeat"
                              + (Int(elapsed) > i ? " (a gap before this row)" : " (a repeat, or a step back)"))
            }
        }
        return (cells.count, note)
    }
}
