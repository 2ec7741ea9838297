import Calibration
import Testing

/// The header table (``ObservedSeries``, ``ExportColumn``): one statement,
/// no header claimed twice, every contract header recognised.
@Suite struct HeaderTableTests {
    @Test func everyHeaderNamesOneColumn() {
        var seen: [String: String] = [:]
        for header in ExportColumn.minuteHeaders {
            #expect(seen.updateValue("minute", forKey: ExportHeader.normalised(header)) == nil, "\(header)")
        }
        for series in ObservedSeries.allCases {
            for header in series.headers {
                let key = ExportHeader.normalised(header)
                #expect(seen[key] == nil || seen[key] == series.rawValue, "\(header) is claimed twice")
                seen[key] = series.rawValue
                #expect(ExportHeader.column(for: header) == .series(series, divisor: 1), "\(header)")
            }
            #expect(series.headers.first == series.rawValue, "the contract's own name is a header of its series")
        }
        #expect(ObservedSeries.allCases.map(\.rawValue) == ["concurrentViewers", "entries", "exits", "interactions", "productClicks", "orders", "gmvYuan"])
    }

    @Test func headerSpellings() {
        #expect(ExportHeader.column(for: "  TIME ") == .minute)
        #expect(ExportHeader.column(for: "成交金额（分）") == .series(.gmvYuan, divisor: 100))
        #expect(ExportHeader.column(for: "gmvYuan (元)") == .series(.gmvYuan, divisor: 1))
        #expect(ExportHeader.column(for: "订单数(分)") == nil, "only money takes a unit")
        #expect(ExportHeader.column(for: "在线") == nil)
        #expect(ExportColumn(name: "minute") == .minute && ExportColumn(name: "orders") == .series(.orders, divisor: 1))
        #expect(ExportColumn(name: "online") == nil, "a mapping names the contract's series, not a header")
    }
}
