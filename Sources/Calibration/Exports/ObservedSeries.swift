import Foundation

/// The per-minute series a past stream's export can hold, named as the
/// calibration contract names them (Docs/formats.md, "Calibration"), with the
/// column headers each is recognised by. This is the one statement of the
/// header table: the reader, the calibration file's `columns:` and `targets:`
/// and the docs all follow it.
public enum ObservedSeries: String, Sendable, CaseIterable, Hashable, Comparable {
    /// Viewers in the room that minute (在线人数).
    case concurrentViewers
    /// Viewers who entered the room that minute.
    case entries
    /// Viewers who left the room that minute.
    case exits
    /// Comments and other interactions that minute.
    case interactions
    /// Product clicks that minute.
    case productClicks
    /// Orders placed that minute.
    case orders
    /// GMV that minute, in yuan.
    case gmvYuan

    /// The headers that name this series, as the contract lists them
    /// (compared trimmed, case-insensitive, with full-width brackets read as
    /// ASCII ones: see ``ExportHeader``).
    public var headers: [String] {
        switch self {
        case .concurrentViewers: ["concurrentViewers", "online", "实时在线人数", "在线人数"]
        case .entries: ["entries", "进入直播间人数", "进场人数", "进入人数"]
        case .exits: ["exits", "离开直播间人数", "离场人数"]
        case .interactions: ["interactions", "comments", "评论次数", "评论数"]
        case .productClicks: ["productClicks", "商品点击次数"]
        case .orders: ["orders", "成交订单数", "订单数"]
        case .gmvYuan: ["gmvYuan", "GMV", "成交金额", "成交金额(元)", "成交金额（元）"]
        }
    }

    /// Whether the series is money, whose header may carry a unit suffix:
    /// `(元)` for yuan, `(分)` for fen (the values are then divided by 100).
    public var isMoney: Bool { self == .gmvYuan }

    /// Series in the contract's order (the order of the header table).
    public static func < (a: ObservedSeries, b: ObservedSeries) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// What a column of an export holds: the minute, or one series (with the
/// divisor that brings its cells to the series' unit: 100 for GMV in fen).
public enum ExportColumn: Sendable, Hashable, CustomStringConvertible {
    /// The minute of each row: a number from 0, a clock time or a date-time.
    case minute
    /// A series, with the divisor that brings its cells to the series' unit
    /// (a division, so 12345 fen is exactly the yuan written 123.45).
    case series(ObservedSeries, divisor: Double)

    /// The headers of the minute column, as the contract lists them.
    public static let minuteHeaders = ["minute", "分钟", "时间", "time"]

    /// A name a calibration file's `columns:` may map a header to: `minute`
    /// or a series name (`gmvYuan`); nil for anything else.
    public init?(name: String) {
        if name == "minute" { self = .minute; return }
        guard let series = ObservedSeries(rawValue: name) else { return nil }
        self = .series(series, divisor: 1)
    }

    /// Every name `columns:` may map to, for messages.
    public static let names = ["minute"] + ObservedSeries.allCases.map(\.rawValue)

    public var description: String {
        switch self {
        case .minute: "minute"
        case .series(let s, let divisor): divisor == 1 ? s.rawValue : "\(s.rawValue) (÷\(Int(divisor)))"
        }
    }
}

/// Column headers as the reader compares them: trimmed (spaces, tabs,
/// ideographic spaces), case-insensitive, full-width brackets as ASCII ones
/// and no space before a bracketed unit, so `成交金额（元）`, `成交金额 (元)`
/// and `成交金额(元)` are one header.
public enum ExportHeader {
    /// The comparable form of a header.
    public static func normalised(_ header: String) -> String {
        var text = header.replacingOccurrences(of: "（", with: "(").replacingOccurrences(of: "）", with: ")")
            .replacingOccurrences(of: "【", with: "[").replacingOccurrences(of: "】", with: "]")
        text = text.trimmingCharacters(in: .whitespacesAndNewlines.union(.init(charactersIn: "\u{3000}\u{FEFF}")))
        while let space = text.range(of: " (") { text.replaceSubrange(space, with: "(") }
        return text.lowercased()
    }

    /// What `header` names under the contract's table, or nil when it is not
    /// recognised. A money series' header may end in a unit: `(元)` (yuan)
    /// or `(分)` (fen, divided by 100).
    public static func column(for header: String) -> ExportColumn? {
        let key = normalised(header)
        if ExportColumn.minuteHeaders.contains(where: { normalised($0) == key }) { return .minute }
        for series in ObservedSeries.allCases where series.headers.contains(where: { normalised($0) == key }) {
            return .series(series, divisor: 1)
        }
        for (unit, divisor) in [("(元)", 1.0), ("(分)", 100.0)] where key.hasSuffix(unit) {
            let stem = String(key.dropLast(unit.count))
            for series in ObservedSeries.allCases where series.isMoney && series.headers.contains(where: { normalised($0) == stem }) {
                return .series(series, divisor: divisor)
            }
        }
        return nil
    }
}
