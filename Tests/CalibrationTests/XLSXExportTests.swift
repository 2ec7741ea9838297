import Calibration
import Foundation
import Testing

/// .xlsx exports: the first sheet in workbook order, shared and inline
/// strings, numeric cells, cell references with gaps, date and time cells.
@Suite struct XLSXExportTests {
    /// A workbook whose first sheet (stored as sheet2.xml) has shared-string
    /// headers, numeric cells, a text cell in 万, an inline string and a
    /// skipped column (B is absent from every row); the second sheet is a decoy.
    func workbook() -> WorkbookBuilder {
        WorkbookBuilder(sheets: [
            ("直播数据", """
                <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c><c r="D1" t="s"><v>2</v></c><c r="E1" t="s"><v>3</v></c></row>\
                <row r="2"><c r="A2"><v>0</v></c><c r="C2"><v>1500</v></c><c r="D2" t="s"><v>4</v></c><c r="E2"><v>12345</v></c></row>\
                <row r="3"><c r="A3"><v>1</v></c><c r="C3"><v>1620.5</v></c><c r="D3" t="inlineStr"><is><t>7</t></is></c><c r="E3"><v>100</v></c></row>\
                <row r="4"><c r="A4"><v>2</v></c><c r="C4"><v>1700</v></c><c r="D4"><v>9</v></c><c r="E4"><v>0</v></c></row>
                """),
            ("decoy", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>nothing</t></is></c></row>"),
        ], sharedStrings: ["分钟", "在线人数", "成交订单数", "成交金额(分)", "1.2万"])
    }

    @Test func theFirstSheetInWorkbookOrderIsRead() throws {
        let data = try workbook().data()
        let s = try ExportReader.read(data, file: "past.xlsx")
        #expect(s.minutes == 3)
        #expect(s[.concurrentViewers] == [1500, 1620.5, 1700])
        #expect(s[.orders] == [12_000, 7, 9], "a shared string in 万, an inline string, a number")
        #expect(s[.gmvYuan] == [123.45, 1, 0], "fen ÷ 100")
        #expect(s.notes.isEmpty, "the skipped column B has neither header nor data: \(s.notes)")
    }

    @Test func readingAWorkbookFileByPath() throws {
        let folder = try temporaryFolder()
        let path = try write(try workbook().data(), "past.xlsx", in: folder)
        let s = try ExportReader.read(file: path)
        #expect(s.file == path && s.minutes == 3 && s.sha256.count == 64)
    }

    @Test func timeStyledCellsAreMinutesFromTheFirstRowPastMidnight() throws {
        // Style 1: built-in h:mm (20); style 2: a custom date-time format.
        let day = 46_346.0  // 2026-11-20
        var book = WorkbookBuilder(sheets: [("s", """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>\
            <row r="2"><c r="A2" s="1"><v>\(1438.0 / 1440)</v></c><c r="B2"><v>1</v></c></row>\
            <row r="3"><c r="A3" s="1"><v>\(1439.0 / 1440)</v></c><c r="B3"><v>2</v></c></row>\
            <row r="4"><c r="A4" s="1"><v>0</v></c><c r="B4"><v>3</v></c></row>
            """)], sharedStrings: ["时间", "online"])
        book.cellStyles = [0, 20, 164]
        book.customFormats = [164: "yyyy\\-mm\\-dd hh:mm:ss"]
        let clock = try ExportReader.read(try book.data(), file: "t.xlsx")
        #expect(clock.minutes == 3 && clock[.concurrentViewers] == [1, 2, 3])

        book.sheets = [("s", """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>\
            <row r="2"><c r="A2" s="2"><v>\(day + 1439.0 / 1440)</v></c><c r="B2"><v>1</v></c></row>\
            <row r="3"><c r="A3" s="2"><v>\(day + 1)</v></c><c r="B3"><v>2</v></c></row>
            """)]
        let dated = try ExportReader.read(try book.data(), file: "t.xlsx")
        #expect(dated.minutes == 2)

        // Unstyled fractions of a day in a minute column are times too.
        book.sheets = [("s", """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>\
            <row r="2"><c r="A2"><v>\(day + 1200.0 / 1440)</v></c><c r="B2"><v>1</v></c></row>\
            <row r="3"><c r="A3"><v>\(day + 1201.0 / 1440)</v></c><c r="B3"><v>2</v></c></row>
            """)]
        #expect(try ExportReader.read(try book.data(), file: "t.xlsx").minutes == 2)
    }

    @Test func richTextHeadersJoinTheirRunsWithoutPhoneticHints() throws {
        let book = WorkbookBuilder(sheets: [("s", """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>\
            <row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>
            """)], sharedStrings: ["Minute", "<r><t>在线</t></r><r><rPr><b/></rPr><t>人数</t></r><rPh sb=\"0\" eb=\"2\"><t>ザイセン</t></rPh>",
                                  "0", "&#x20;1"])  // a character reference: " 1"
        let s = try ExportReader.read(try book.data(), file: "rich.xlsx")
        #expect(s[.concurrentViewers] == [1], "\(s.notes)")
    }

    @Test func aBadCellIsRefusedAtItsRowAndColumn() throws {
        var book = workbook()
        book.sheets[0].rows = book.sheets[0].rows.replacingOccurrences(of: "<c r=\"D4\"><v>9</v></c>", with: "<c r=\"D4\" t=\"inlineStr\"><is><t>n/a</t></is></c>")
        let e = try #require(refusal(try book.data(), file: "past.xlsx"))
        #expect(e.file == "past.xlsx" && e.row == 4 && e.column == 4 && e.header == "成交订单数" && e.value == "\"n/a\"")
        #expect(e.description.hasPrefix("past.xlsx: row 4, column D (成交订单数): \"n/a\""))

        var gap = workbook()
        gap.sheets[0].rows = gap.sheets[0].rows.replacingOccurrences(of: "<c r=\"A4\"><v>2</v></c>", with: "<c r=\"A4\"><v>5</v></c>")
        let g = try #require(refusal(try gap.data(), file: "past.xlsx"))
        #expect(g.row == 4 && g.column == 1 && g.value == "5" && g.expected.contains("gap"))
    }

    @Test func aDamagedArchiveIsRefused() throws {
        var data = try workbook().data()
        data = data.prefix(40)
        let e = try #require(refusal(data, file: "broken.xlsx"))
        #expect(e.file == "broken.xlsx" && e.expected.contains("xlsx"), "\(e)")
    }

    /// A workbook saved by LibreOffice Calc (`libreoffice --headless --convert-to xlsx`
    /// from Tests/Fixtures/calibration/libreoffice.csv): clock times as time
    /// cells, numbers as numbers, a text header it keeps as a shared string.
    @Test func aWorkbookSavedByASpreadsheetProgram() throws {
        let path = packageRoot.appendingPathComponent("Tests/Fixtures/calibration/libreoffice.xlsx").path
        let s = try ExportReader.read(file: path)
        #expect(s.minutes == 5)
        #expect(s[.concurrentViewers] == [1200, 1350, 1500, 1480, 1390])
        #expect(s[.orders] == [3, 5, 8, 6, 4])
        #expect(s[.gmvYuan] == [297, 495, 792, 594, 396])
        #expect(s.notes == ["ignored column E (备注): not a recognised series; map it with `columns:`"])
    }
}
