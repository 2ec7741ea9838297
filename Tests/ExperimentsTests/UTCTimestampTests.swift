import Foundation
import Testing
import Experiments

/// The hand-written UTC timestamps give exactly the text of Foundation's
/// formatters they replaced (manifest times, result folder names).
@Suite struct UTCTimestampTests {
    /// Whole, fractional, pre-1970, leap-day and far-future instants.
    static let instants: [Double] = [0, 0.999, -1.5, 951_782_400, 1_796_000_000.75, 4_102_444_799.5, 1_234_567_890]

    @Test func iso8601MatchesISO8601DateFormatter() {
        let reference = ISO8601DateFormatter()
        for t in Self.instants {
            let date = Date(timeIntervalSince1970: t)
            #expect(UTCTimestamp.iso8601(date) == reference.string(from: date), "at \(t)")
        }
    }

    @Test func compactMatchesTheFolderNameFormatter() {
        let reference = DateFormatter()
        reference.locale = Locale(identifier: "en_US_POSIX")
        reference.timeZone = TimeZone(identifier: "UTC")
        reference.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        for t in Self.instants {
            let date = Date(timeIntervalSince1970: t)
            #expect(UTCTimestamp.compact(date) == reference.string(from: date), "at \(t)")
        }
    }
}
