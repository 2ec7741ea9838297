/// One past stream as its per-minute export says it went: the series the
/// file has, each indexed by minute from 0 (the first row), in the units the
/// contract names them in. It is what calibration fits the model to.
public struct ObservedStream: Sendable, Equatable {
    /// The export as given (relative to the working directory).
    public var file: String
    /// SHA-256 of the export's bytes, lower-case hexadecimal: an output
    /// folder's manifest names the data it was fitted to.
    public var sha256: String
    /// The number of minutes (data rows).
    public var minutes: Int
    /// The series by the contract's name (`concurrentViewers`, `entries`,
    /// `exits`, `interactions`, `productClicks`, `orders`, `gmvYuan`); each
    /// has `minutes` values, minute 0 first.
    public var series: [String: [Double]]
    /// What was read but not used, for people: ignored columns (with how to
    /// map them), rows above the header, a totals row, minutes numbered from 1.
    public var notes: [String]

    public init(file: String, sha256: String, minutes: Int, series: [String: [Double]], notes: [String]) {
        self.file = file; self.sha256 = sha256; self.minutes = minutes; self.series = series; self.notes = notes
    }

    /// The series the file has, in the contract's order.
    public var observedSeries: [ObservedSeries] {
        ObservedSeries.allCases.filter { series[$0.rawValue] != nil }
    }

    /// The values of `series`, nil when the file does not have it.
    public subscript(series: ObservedSeries) -> [Double]? { self.series[series.rawValue] }
}
