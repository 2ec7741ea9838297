import Calibration
import Foundation
import Testing

/// Per-minute CSV exports: headers, number formats, minutes, and refusals
/// that name the file, row, column and value.
@Suite struct CSVExportTests {
    @Test func englishHeadersReadIntoTheContractsSeries() throws {
        let s = try readCSV("""
            minute,concurrentViewers,entries,exits,interactions,productClicks,orders,gmvYuan
            0,100,120,20,30,15,2,199.5
            1,130,60,30,25,12,1,99

            """)
        #expect(s.file == "past.csv" && s.minutes == 2 && s.notes.isEmpty)
        #expect(Set(s.series.keys) == Set(ObservedSeries.allCases.map(\.rawValue)))
        #expect(s.series["concurrentViewers"] == [100, 130] && s.series["gmvYuan"] == [199.5, 99])
        #expect(s[.exits] == [20, 30] && s.observedSeries == ObservedSeries.allCases)
        #expect(s.sha256.count == 64 && s.sha256.allSatisfy(\.isHexDigit))
    }

    @Test func chineseHeadersCaseAndSpacesAndFullWidthBrackets() throws {
        let s = try readCSV("""
            时间, 实时在线人数 ,进场人数,离场人数,评论次数,商品点击次数,成交订单数,成交金额（元）
            20:00,1,2,3,4,5,6,7
            20:01,1,2,3,4,5,6,7

            """)
        #expect(s.observedSeries == ObservedSeries.allCases, "\(s.series.keys)")
        for (header, series) in [("Online", "concurrentViewers"), ("COMMENTS", "interactions"), ("gmv", "gmvYuan"), ("成交金额(元)", "gmvYuan"),
                                 ("成交金额 (元)", "gmvYuan"), ("在线人数", "concurrentViewers"), ("进入直播间人数", "entries"), ("订单数", "orders")] {
            let t = try readCSV("Minute,\(header)\n0,5\n")
            #expect(t.series[series] == [5], "\(header)")
        }
    }

    @Test func gmvInFenIsDividedByAHundred() throws {
        for header in ["成交金额(分)", "成交金额（分）", "GMV（分）"] {
            let s = try readCSV("分钟,\(header)\n0,12345\n1,\"1,000\"\n")
            #expect(s[.gmvYuan] == [123.45, 10], "\(header)")
        }
    }

    @Test func everyNumberFormat() throws {
        let s = try readCSV("""
            minute,online,orders,gmvYuan,interactions
            0,"12,345",1.2万,3.1%, 7 
            1,"1,234,567.5",0.5亿,¥99,"  8"
            2,12,"2.5万",￥1.5,9

            """)
        #expect(s[.concurrentViewers] == [12_345, 1_234_567.5, 12])
        #expect(s[.orders] == [12_000, 50_000_000, 25_000])
        #expect(s[.gmvYuan] == [0.031, 99, 1.5])
        #expect(s[.interactions] == [7, 8, 9])
    }

    @Test func byteOrderMarkCRLFAndQuotedFields() throws {
        var bytes = Data([0xEF, 0xBB, 0xBF])
        bytes += Data("minute,\"online\",\"comments\"\r\n0,\"1,000\",\"5\"\r\n1,\"2,000\",6\r\n".utf8)
        let s = try ExportReader.read(bytes, file: "bom.csv")
        #expect(s.minutes == 2 && s[.concurrentViewers] == [1_000, 2_000] && s[.interactions] == [5, 6])
        // A quoted header with a comma and a doubled quote, and a line break inside quotes, in an ignored column.
        let t = try readCSV("minute,\"note, \"\"free\"\"\",orders\r\n0,\"two\r\nlines\",3\r\n1,,4\r\n")
        #expect(t[.orders] == [3, 4] && t.minutes == 2)
        #expect(t.notes == ["ignored column B (note, \"free\"): not a recognised series; map it with `columns:`"])
        // Old Mac line ends (CR only), and blank lines are dropped.
        let u = try readCSV("minute,orders\r0,1\r\r1,2\r")
        #expect(u[.orders] == [1, 2])
    }

    @Test func clockTimesAndDateTimesAreMinutesFromTheFirstRow() throws {
        let clock = try readCSV("时间,在线人数\n20:00,1\n20:01,2\n20:02:00,3\n")
        #expect(clock.minutes == 3 && clock[.concurrentViewers] == [1, 2, 3])
        let midnight = try readCSV("time,online\n23:58,1\n23:59,2\n00:00,3\n0:01,4\n")
        #expect(midnight.minutes == 4, "a clock that passes midnight keeps counting")
        let dated = try readCSV("时间,在线人数\n2026-11-20 23:59:00,1\n2026-11-21 00:00:00,2\n2026-11-21 00:01,3\n")
        #expect(dated.minutes == 3)
        let slashed = try readCSV("时间,在线人数\n2026/11/20 20:01,1\n2026/11/20 20:02,2\n")
        #expect(slashed.minutes == 2)
        let seconds = try readCSV("time,online\n20:00:30,1\n20:01:30,2\n")
        #expect(seconds.minutes == 2, "times with seconds a whole number of minutes apart")
        let fromOne = try readCSV("minute,online\n1,5\n2,6\n")
        #expect(fromOne.minutes == 2 && fromOne.notes == ["minutes start at 1: taken as minute 0"])
    }

    @Test func anUnrecognisedHeaderIsANoteAndColumnsMapsIt() throws {
        let s = try readCSV("分钟,在线,orders\n0,10,1\n1,11,2\n")
        #expect(s[.orders] == [1, 2] && s[.concurrentViewers] == nil)
        #expect(s.notes == ["ignored column B (在线): not a recognised series; map it with `columns:`"])
        let mapped = try readCSV("分钟,在线,orders\n0,10,1\n1,11,2\n", columns: ["在线": .series(.concurrentViewers, divisor: 1)])
        #expect(mapped[.concurrentViewers] == [10, 11] && mapped.notes.isEmpty)
        let minute = try readCSV("日期时间,orders\n2026-11-20 20:00,1\n2026-11-20 20:01,2\n", columns: ["日期时间": .minute])
        #expect(minute.minutes == 2)
    }

    @Test func aTitleRowAboveTheHeaderAndATotalsRowAreSkippedWithNotes() throws {
        let s = try readCSV("直播数据 2026-11-20,,\n分钟,在线人数,订单数\n0,10,1\n1,11,2\n合计,,3\n")
        #expect(s.minutes == 2 && s[.orders] == [1, 2])
        #expect(s.notes == ["row 1 above the header row skipped", "row 5 (合计) skipped: a totals row"])
    }

    // MARK: Refusals

    @Test func anEmptyFileIsRefused() throws {
        for text in ["", "\u{FEFF}", "\n\n,,\n"] {
            let e = try #require(refusal(text))
            #expect(e.file == "past.csv" && e.value == "an empty file", "\(e)")
        }
        let headerOnly = try #require(refusal("minute,online\n"))
        #expect(headerOnly.row == 1 && headerOnly.value == "no rows under the header row")
    }

    @Test func noMinuteColumnIsRefused() throws {
        let e = try #require(refusal("online,orders\n5,1\n"))
        #expect(e.row == 1 && e.value.contains("no minute column") && e.value.contains("online, orders"))
        #expect(e.expected.contains("minute, 分钟, 时间, time") && e.description.hasPrefix("past.csv: row 1: no minute column"))
    }

    @Test func noRecognisedSeriesIsRefused() throws {
        let e = try #require(refusal("minute,在线,备注\n0,5,x\n"))
        #expect(e.row == 1 && e.value.contains("no recognised series") && e.value.contains("在线, 备注"))
        #expect(e.expected.contains("columns:"))
    }

    @Test func aNonNumericCellIsRefusedNamingRowColumnAndValue() throws {
        let e = try #require(refusal("minute,online,orders\n0,5,1\n1,6,abc\n"))
        #expect(e.row == 3 && e.column == 3 && e.header == "orders" && e.value == "\"abc\"")
        #expect(e.description == "past.csv: row 3, column C (orders): \"abc\" — expected a number (12,345, 1.2万 and 3.1% are read too)")
        for bad in ["1,2", "nan", "inf", "0x10", "--", "12,34,567", "1.2.3"] {
            let f = try #require(refusal("minute,online\n0,\"\(bad)\"\n"))
            #expect(f.row == 2 && f.column == 2 && f.value == "\"\(bad)\"", "\(bad)")
        }
        let empty = try #require(refusal("minute,online,orders\n0,5,\n"))
        #expect(empty.row == 2 && empty.column == 3 && empty.value == "an empty cell")
        let negative = try #require(refusal("minute,online\n0,-5\n"))
        #expect(negative.expected.contains("≥ 0"))
    }

    @Test func aGapOrARepeatInTheMinutesIsRefused() throws {
        let gap = try #require(refusal("minute,online\n0,1\n1,2\n3,3\n"))
        #expect(gap.row == 4 && gap.column == 1 && gap.header == "minute" && gap.value == "\"3\"")
        #expect(gap.expected.contains("minute 2") && gap.expected.contains("gap"))
        let repeated = try #require(refusal("时间,在线人数\n20:00,1\n20:01,2\n20:01,3\n"))
        #expect(repeated.row == 4 && repeated.header == "时间" && repeated.value == "\"20:01\"" && repeated.expected.contains("repeat"))
        let mixed = try #require(refusal("时间,在线人数\n20:00,1\n5,2\n"))
        #expect(mixed.row == 3 && mixed.expected.contains("clock time"))
        let bad = try #require(refusal("minute,online\n0,1\nlater,2\n"))
        #expect(bad.row == 3 && bad.value == "\"later\"")
        let fraction = try #require(refusal("minute,online\n0.5,1\n"))
        #expect(fraction.row == 2 && fraction.expected.contains("whole number"))
        let halfMinute = try #require(refusal("time,online\n20:00:00,1\n20:00:30,2\n"))
        #expect(halfMinute.row == 3 && halfMinute.expected.contains("whole number of minutes"))
    }

    @Test func twoColumnsForOneSeriesAndAMappingOfNoColumnAreRefused() throws {
        let twice = try #require(refusal("minute,online,在线人数\n0,1,1\n"))
        #expect(twice.row == 1 && twice.column == 3 && twice.header == "在线人数" && twice.value.contains("second column for concurrentViewers"))
        let unused = try #require(refusal("minute,online\n0,1\n", columns: ["在线": .series(.concurrentViewers, divisor: 1)]))
        #expect(unused.mapping == "在线" && unused.value.contains("no column headed \"在线\""))
    }

    @Test func notUTF8AndOldWorkbooksAreRefusedWithAHint() throws {
        let gbk = Data([0xB7, 0xD6, 0xD6, 0xD3, 0x2C, 0x31, 0x0A])  // 分钟,1 in GBK
        let e = try #require(refusal(gbk))
        #expect(e.value == "not UTF-8 text" && e.expected.contains("CSV UTF-8"))
        let xls = try #require(refusal(Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]), file: "old.xls"))
        #expect(xls.value.contains(".xls"))
    }

    @Test func readingAFileByPathHashesItsBytes() throws {
        let folder = try temporaryFolder()
        let text = "minute,online\n0,1\n"
        let path = try write(text, "past.csv", in: folder)
        let s = try ExportReader.read(file: path)
        #expect(s.file == path && s.sha256 == "7d204c70c4c15ab4f0efbbbc2bb0c9df09936c3853a54ee52bcdfa63f0919181", "sha256sum of the bytes")
        #expect(throws: ExportError.self) { try ExportReader.read(file: folder.appendingPathComponent("missing.csv").path) }
    }
}
