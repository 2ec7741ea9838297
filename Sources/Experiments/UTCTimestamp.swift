import Foundation

/// UTC timestamps written with the C library's calendar (`gmtime_r`), the
/// text `DateFormatter` would give, without loading a time-zone database and
/// ICU at start-up (several milliseconds of every run).
public enum UTCTimestamp {
    /// `2026-11-29T01:02:03Z`: ISO 8601, whole seconds (the manifest's times).
    public static func iso8601(_ date: Date) -> String { format(date, dateSeparator: "-", timeSeparator: ":") }

    /// `20261129T010203Z`: ISO 8601 basic format (result folder names).
    public static func compact(_ date: Date) -> String { format(date, dateSeparator: "", timeSeparator: "") }

    private static func format(_ date: Date, dateSeparator d: String, timeSeparator c: String) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var t = tm()
        gmtime_r(&seconds, &t)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(t.tm_year + 1900)\(d)\(two(t.tm_mon + 1))\(d)\(two(t.tm_mday))T\(two(t.tm_hour))\(c)\(two(t.tm_min))\(c)\(two(t.tm_sec))Z"
    }
}
