import Foundation
import SWXMLHash
import ZIPFoundation

extension ExportTable {
    /// Largest part of a workbook read (a sheet, the shared strings), so a
    /// small archive that inflates enormously is refused.
    static let maximumPartBytes = 256 << 20
    /// Most columns a sheet has (Excel's XFD).
    static let maximumColumns = 16_384

    /// Reads the first sheet, in workbook order, of an .xlsx export: the
    /// workbook's relationships say which part it is; shared strings, inline
    /// strings and numeric cells are read, each cell placed by its reference
    /// (`C1` after `A1` leaves B1 empty). A numeric cell whose style shows a
    /// date or a time is marked so (Excel serial day numbers).
    static func xlsx(_ data: Data, file: String) throws(ExportError) -> ExportTable {
        let workbook = try XLSXWorkbook(data, file: file)
        return try workbook.firstSheet()
    }
}

/// An .xlsx archive opened with ZIPFoundation, its XML parts parsed with
/// SWXMLHash (namespace prefixes dropped, so `x:sheet` and `sheet` are alike).
private struct XLSXWorkbook {
    let archive: Archive
    let file: String

    init(_ data: Data, file: String) throws(ExportError) {
        self.file = file
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw ExportError(file: file, value: "not a ZIP archive", expected: "an .xlsx workbook (Office Open XML), or a CSV file")
        }
    }

    private func damaged(_ what: String) -> ExportError {
        ExportError(file: file, value: "an .xlsx workbook without \(what)", expected: "a workbook as a spreadsheet program saves it")
    }

    /// The bytes of the part at `path`, nil when the archive has none.
    func part(_ path: String) throws(ExportError) -> Data? {
        guard let entry = archive[path] else { return nil }
        guard entry.uncompressedSize <= UInt64(ExportTable.maximumPartBytes) else {
            throw ExportError(file: file, value: "a part \(path) of \(entry.uncompressedSize) bytes",
                              expected: "parts of at most \(ExportTable.maximumPartBytes) bytes")
        }
        var out = Data()
        do {
            _ = try archive.extract(entry, consumer: { chunk in
                out.append(chunk)
                if out.count > ExportTable.maximumPartBytes { throw CocoaError(.fileReadTooLarge) }
            })
        } catch {
            throw ExportError(file: file, value: "a damaged part \(path) (\(error))", expected: "a workbook as a spreadsheet program saves it")
        }
        return out
    }

    /// The root element of the XML part at `path`.
    func xml(_ path: String) throws(ExportError) -> XMLHashXMLElement? {
        guard let data = try part(path) else { return nil }
        let document = XMLHash.config { options in
            options.detectParsingErrors = true
            options.shouldProcessNamespaces = true
        }.parse(data)
        if case .parsingError(let problem) = document {
            throw ExportError(file: file, value: "a part \(path) that is not well-formed XML (line \(problem.line), column \(problem.column))",
                              expected: "a workbook as a spreadsheet program saves it")
        }
        return document.children.first?.element
    }

    /// The relationships of the part at `path` (`xl/workbook.xml` →
    /// `xl/_rels/workbook.xml.rels`): id → (type, target resolved to a path in the archive).
    func relationships(of path: String) throws(ExportError) -> [String: (type: String, target: String)] {
        let directory = (path as NSString).deletingLastPathComponent
        let relsPath = (directory.isEmpty ? "" : directory + "/") + "_rels/" + (path as NSString).lastPathComponent + ".rels"
        guard let root = try xml(relsPath) else { return [:] }
        var result: [String: (type: String, target: String)] = [:]
        for relationship in root.elements("Relationship") {
            guard let id = relationship.attribute("Id"), let target = relationship.attribute("Target") else { continue }
            result[id] = (relationship.attribute("Type") ?? "", XLSXWorkbook.resolve(target, from: directory))
        }
        return result
    }

    /// A relationship target as a path in the archive.
    static func resolve(_ target: String, from directory: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : directory.split(separator: "/")
        for piece in target.split(separator: "/") {
            if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(piece) }
        }
        return parts.joined(separator: "/")
    }

    func firstSheet() throws(ExportError) -> ExportTable {
        // The workbook part: the package's office document, or where it usually is.
        let workbookPath = try relationships(of: "").values.first { $0.type.hasSuffix("/officeDocument") }?.target ?? "xl/workbook.xml"
        guard let workbook = try xml(workbookPath) else { throw damaged("a workbook part (\(workbookPath))") }
        guard let sheet = workbook.elements("sheets").first?.elements("sheet").first else { throw damaged("any sheet") }
        let relationships = try relationships(of: workbookPath)
        guard let id = sheet.attribute("id"), let sheetPath = relationships[id]?.target, let root = try xml(sheetPath) else {
            throw damaged("the part of its first sheet (\(sheet.attribute("name") ?? "unnamed"))")
        }
        let strings = try sharedStrings(relationships.values.first { $0.type.hasSuffix("/sharedStrings") }?.target)
        let dateStyles = try dateStyles(relationships.values.first { $0.type.hasSuffix("/styles") }?.target)

        var rows: [(number: Int, cells: [ExportCell])] = []
        var rowNumber = 0
        for row in root.elements("sheetData").first?.elements("row") ?? [] {
            rowNumber = row.attribute("r").flatMap { Int($0) } ?? rowNumber + 1
            var cells: [ExportCell] = []
            for c in row.elements("c") {
                let index = c.attribute("r").flatMap(XLSXWorkbook.columnIndex) ?? cells.count
                guard index < ExportTable.maximumColumns else {
                    throw ExportError(file: file, row: rowNumber, value: "a cell \(c.attribute("r") ?? "") beyond column XFD",
                                      expected: "a sheet of at most \(ExportTable.maximumColumns) columns")
                }
                if index >= cells.count { cells += Array(repeating: .empty, count: index - cells.count + 1) }
                cells[index] = try cell(c, strings: strings, dateStyles: dateStyles, row: rowNumber, column: index)
            }
            if !cells.allSatisfy(\.isEmpty) { rows.append((rowNumber, cells)) }
        }
        return ExportTable(rows: rows)
    }

    private func cell(_ c: XMLHashXMLElement, strings: [String], dateStyles: Set<Int>, row: Int, column: Int) throws(ExportError) -> ExportCell {
        let value = c.elements("v").first?.text
        switch c.attribute("t") ?? "n" {
        case "s":
            guard let value, let i = Int(value.trimmingCharacters(in: .whitespaces)), strings.indices.contains(i) else {
                throw ExportError(file: file, row: row, column: column + 1, value: "a shared-string cell pointing at no string (\(value ?? "none"))",
                                  expected: "a workbook as a spreadsheet program saves it")
            }
            return .text(strings[i])
        case "inlineStr":
            return c.elements("is").first.map { ExportCell.text(XLSXWorkbook.richText($0)) } ?? .empty
        case "n":
            guard let value, !value.isEmpty else { return .empty }
            guard let x = Double(value.trimmingCharacters(in: .whitespaces)), x.isFinite else { return .text(value) }
            let style = c.attribute("s").flatMap { Int($0) } ?? 0
            return .number(x, dateStyled: dateStyles.contains(style))
        default:
            // str (a formula's text), b (TRUE/FALSE), e (#N/A), d (ISO 8601 text): as text.
            return value.map { .text($0) } ?? .empty
        }
    }

    /// The shared strings, in order (rich text runs joined; phonetic runs left out).
    private func sharedStrings(_ path: String?) throws(ExportError) -> [String] {
        guard let root = try xml(path ?? "xl/sharedStrings.xml") else { return [] }
        return root.elements("si").map(XLSXWorkbook.richText)
    }

    /// The text of a string item: its `t`, or its runs' `t`s joined.
    static func richText(_ item: XMLHashXMLElement) -> String {
        item.elements().reduce(into: "") { text, child in
            switch child.localName {
            case "t": text += child.text
            case "r": text += child.elements("t").map(\.text).joined()
            default: break
            }
        }
    }

    /// The cell styles (indices into `cellXfs`) whose number format shows a
    /// date or a time: the built-in date formats, or a format code with
    /// date or time letters outside quotes and brackets.
    private func dateStyles(_ path: String?) throws(ExportError) -> Set<Int> {
        guard let root = try xml(path ?? "xl/styles.xml") else { return [] }
        var custom: [Int: String] = [:]
        for format in root.elements("numFmts").first?.elements("numFmt") ?? [] {
            if let id = format.attribute("numFmtId").flatMap({ Int($0) }) { custom[id] = format.attribute("formatCode") ?? "" }
        }
        let builtIn = Set(Array(14...22) + Array(27...36) + Array(45...47) + Array(50...58))
        var result = Set<Int>()
        for (index, xf) in (root.elements("cellXfs").first?.elements("xf") ?? []).enumerated() {
            let id = xf.attribute("numFmtId").flatMap { Int($0) } ?? 0
            if custom[id].map(XLSXWorkbook.isDateFormat) ?? builtIn.contains(id) { result.insert(index) }
        }
        return result
    }

    /// Whether a number format code shows a date or a time.
    static func isDateFormat(_ code: String) -> Bool {
        var plain = "", bracket = "", inQuote = false, inBracket = false, escaped = false
        for c in code.lowercased() {
            if escaped { escaped = false; continue }
            if inQuote { if c == "\"" { inQuote = false }; continue }
            if inBracket {
                // Brackets hold colours and locales ([Red], [$-409]), or elapsed time ([h], [mm], [ss]).
                if c == "]" {
                    inBracket = false
                    if bracket.allSatisfy({ "hms".contains($0) }) { plain += bracket }
                } else {
                    bracket.append(c)
                }
                continue
            }
            switch c {
            case "\\": escaped = true
            case "\"": inQuote = true
            case "[": inBracket = true; bracket = ""
            default: plain.append(c)
            }
        }
        plain = plain.replacingOccurrences(of: "general", with: "")
        return plain.contains { "ymdhs".contains($0) }
    }

    /// The 0-based column of a cell reference (`C7` → 2), nil when it is not one.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0, letters = 0
        for c in reference.uppercased().unicodeScalars {
            guard (65...90).contains(c.value) else { break }
            index = index * 26 + Int(c.value) - 64
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : index - 1
    }
}

private extension XMLHashXMLElement {
    /// The name without a namespace prefix.
    var localName: String { name.split(separator: ":").last.map(String.init) ?? name }

    /// The child elements, or those with the local name `name`.
    func elements(_ name: String? = nil) -> [XMLHashXMLElement] {
        children.compactMap { $0 as? XMLHashXMLElement }.filter { name == nil || $0.localName == name }
    }

    /// The attribute with the local name `name` (`r:id` for `id`).
    func attribute(_ name: String) -> String? {
        if let a = attribute(by: name) { return a.text }
        return allAttributes.first { $0.key.hasSuffix(":" + name) }?.value.text
    }
}
