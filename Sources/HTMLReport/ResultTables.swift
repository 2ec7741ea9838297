import Foundation
import Reports

/// A CSV file read back: its header and rows of text fields (RFC 4180
/// quoting), with lookups by column name.
struct CSVTable {
    let columns: [String]
    let rows: [[String]]
    private let index: [String: Int]

    init(text: String) {
        var records = CSVTable.parse(text)
        columns = records.isEmpty ? [] : records.removeFirst()
        rows = records.filter { !($0.count == 1 && $0[0].isEmpty) }
        index = Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Reads `name` in `folder`; a missing file is an error naming it.
    init(folder: String, name: String) throws {
        let path = (folder as NSString).appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ReportError.missingFile(path)
        }
        self.init(text: text)
    }

    /// Reads one of the tables the writers write, checking it starts with the
    /// columns ``ResultTable`` states for it (a folder of another version is refused by name).
    init(folder: String, table: ResultTable) throws {
        try self.init(folder: folder, name: table.fileName)
        guard columns.starts(with: table.columns) else {
            throw ReportError.unexpectedColumns((folder as NSString).appendingPathComponent(table.fileName), expected: table.columns)
        }
    }

    func has(_ column: String) -> Bool { index[column] != nil }

    /// The field `column` of `row` ("" when the column is absent).
    func text(_ row: [String], _ column: String) -> String {
        guard let i = index[column], i < row.count else { return "" }
        return row[i]
    }

    /// The field as a number (nil when empty or not a number).
    func number(_ row: [String], _ column: String) -> Double? { Double(text(row, column)) }

    func integer(_ row: [String], _ column: String) -> Int { Int(text(row, column)) ?? Int(number(row, column) ?? 0) }

    static func parse(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else {
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"": quoted = true
            case ",": record.append(field); field = ""
            case "\n": record.append(field); records.append(record); record = []; field = ""
            case "\r": break
            default: field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }
}

/// A JSON file read back as Foundation values.
func readJSON(folder: String, name: String) throws -> [String: Any] {
    let path = (folder as NSString).appendingPathComponent(name)
    guard let data = FileManager.default.contents(atPath: path) else { throw ReportError.missingFile(path) }
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw ReportError.unreadable(path) }
    return object
}

/// Why a report could not be built.
public enum ReportError: Error, CustomStringConvertible, Equatable {
    case missingFile(String)
    case unreadable(String)
    case notAResultFolder(String)
    case unknownPath(String, known: [String])
    case unexpectedColumns(String, expected: [String])

    public var description: String {
        switch self {
        case .missingFile(let path): "\(path): missing (a report is built from the result files of a run, comparison or sweep)"
        case .unreadable(let path): "\(path): not valid JSON"
        case .notAResultFolder(let path): "\(path): no \(ResultFileName.summary), \(ResultFileName.comparison) or \(ResultFileName.sweep) — not a livesim result folder"
        case .unexpectedColumns(let path, let expected): "\(path): unexpected columns; expected \(expected.joined(separator: ",")) first"
        case .unknownPath(let path, let known): "--axes: \(path) is not varied by this sweep; expected one of \(known.joined(separator: ", "))"
        }
    }
}

/// Mean, 95% CI and P5/P95 of a KPI across replications, from summary.json.
struct KPIStatistics {
    var mean: Double?
    var ciLow: Double?
    var ciHigh: Double?
    var p5: Double?
    var p95: Double?

    init(_ json: Any?) {
        let object = json as? [String: Any] ?? [:]
        mean = (object["mean"] as? NSNumber)?.doubleValue
        let ci = object["ci95"] as? [Any]
        ciLow = (ci?.first as? NSNumber)?.doubleValue
        ciHigh = (ci?.last as? NSNumber)?.doubleValue
        p5 = (object["p5"] as? NSNumber)?.doubleValue
        p95 = (object["p95"] as? NSNumber)?.doubleValue
    }
}

/// Order statistic with linear interpolation (as numpy and GSL compute it).
func quantile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let h = Double(sorted.count - 1) * p
    let low = Int(h.rounded(.down)), high = min(sorted.count - 1, low + 1)
    return sorted[low] + (h - Double(low)) * (sorted[high] - sorted[low])
}
