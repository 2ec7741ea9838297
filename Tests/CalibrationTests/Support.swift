import Calibration
import Foundation
import Testing
import ZIPFoundation

/// A fresh temporary folder for one test's files.
func temporaryFolder() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("livesim-calibration-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// Writes `bytes` as `name` in `folder` and returns its path.
@discardableResult
func write(_ bytes: Data, _ name: String, in folder: URL) throws -> String {
    let url = folder.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try bytes.write(to: url)
    return url.path
}

@discardableResult
func write(_ text: String, _ name: String, in folder: URL) throws -> String { try write(Data(text.utf8), name, in: folder) }

/// Reads a CSV export given as text.
func readCSV(_ text: String, columns: [String: ExportColumn] = [:]) throws(ExportError) -> ObservedStream {
    try ExportReader.read(Data(text.utf8), file: "past.csv", columns: columns)
}

/// The error reading `text` as a CSV export gives (nil, and an issue recorded, if it is read).
func refusal(_ text: String, columns: [String: ExportColumn] = [:], sourceLocation: SourceLocation = #_sourceLocation) -> ExportError? {
    refusal(Data(text.utf8), columns: columns, sourceLocation: sourceLocation)
}

func refusal(_ data: Data, file: String = "past.csv", columns: [String: ExportColumn] = [:],
             sourceLocation: SourceLocation = #_sourceLocation) -> ExportError? {
    do {
        let stream = try ExportReader.read(data, file: file, columns: columns)
        Issue.record("expected a refusal, read \(stream)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// The package's root folder (Tests/CalibrationTests/ is two levels down).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A small .xlsx workbook written part by part with ZIPFoundation: the
/// minimal Office Open XML parts a spreadsheet program writes.
struct WorkbookBuilder {
    /// The sheets in workbook order: name and the sheet part's XML rows (`<row>…</row>`).
    var sheets: [(name: String, rows: String)]
    var sharedStrings: [String]
    /// `cellXfs` entries' numFmtId, in order (style 0 first); custom formats by id.
    var cellStyles: [Int] = [0]
    var customFormats: [Int: String] = [:]
    /// Whether the sheets are listed in the archive in reverse order (the
    /// workbook, not the part names, says which sheet is first).
    var partsReversed = true

    func data() throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
        // Sheet i (0-based, workbook order) is stored as sheet(n - i).xml when reversed.
        let partNumber = { (i: Int) in partsReversed ? sheets.count - i : i + 1 }
        try add("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            </Types>
            """)
        try add("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="\(pkg)"><Relationship Id="rId1" Type="\(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """)
        let sheetList = sheets.enumerated().map { i, s in "<sheet name=\"\(s.name)\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 10)\"/>" }.joined()
        try add("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="\(main)" xmlns:r="\(rel)"><sheets>\(sheetList)</sheets></workbook>
            """)
        let sheetRels = sheets.indices.map { i in
            "<Relationship Id=\"rId\(i + 10)\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet\(partNumber(i)).xml\"/>"
        }.joined()
        try add("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="\(pkg)">\(sheetRels)\
            <Relationship Id="rId2" Type="\(rel)/sharedStrings" Target="sharedStrings.xml"/>\
            <Relationship Id="rId3" Type="\(rel)/styles" Target="/xl/styles.xml"/></Relationships>
            """)
        // An entry that starts with `<r>` is rich text, written as given (runs and phonetic hints).
        let items = sharedStrings.map { $0.hasPrefix("<r>") ? "<si>\($0)</si>" : "<si><t xml:space=\"preserve\">\($0)</t></si>" }.joined()
        try add("xl/sharedStrings.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <sst xmlns="\(main)" count="\(sharedStrings.count)" uniqueCount="\(sharedStrings.count)">\(items)</sst>
            """)
        let formats = customFormats.sorted { $0.key < $1.key }.map { "<numFmt numFmtId=\"\($0.key)\" formatCode=\"\($0.value)\"/>" }.joined()
        let xfs = cellStyles.map { "<xf numFmtId=\"\($0)\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>" }.joined()
        try add("xl/styles.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <styleSheet xmlns="\(main)"><numFmts count="\(customFormats.count)">\(formats)</numFmts>\
            <cellXfs count="\(cellStyles.count)">\(xfs)</cellXfs></styleSheet>
            """)
        for (i, sheet) in sheets.enumerated() {
            try add("xl/worksheets/sheet\(partNumber(i)).xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <worksheet xmlns="\(main)" xmlns:r="\(rel)"><sheetData>\(sheet.rows)</sheetData></worksheet>
                """)
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }
}
