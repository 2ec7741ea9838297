/// One fitted parameter's estimate and its 95% interval, in the parameter's units.
public struct CalibrationEstimate: Sendable, Equatable {
    /// The fitted field path.
    public var path: String
    /// The value at the best evaluation (the one `calibrated.yaml` writes).
    public var estimate: Double
    /// The 95% interval's ends (see ``CalibrationOutcome/method``).
    public var ciLow: Double
    public var ciHigh: Double
    /// The bounds it was fitted within.
    public var min: Double
    public var max: Double
    /// The data pin it: the interval's ends were found inside the bounds and
    /// it covers at most half of the range. False where the parameter cannot
    /// be told apart from others (it acts only through a product with
    /// another, say) or the data say little about it.
    public var identified: Bool
    /// Not identified for lack of evaluations, not of data: the budget ran
    /// out before this parameter's profile was found (see `Docs/experiments.md`);
    /// a larger budget may identify it. False when identified.
    public var limitedByBudget: Bool = false
}

/// What a calibration found and where it wrote it.
public struct CalibrationOutcome: Sendable {
    /// The output folder.
    public let directory: String
    /// One per fitted path, in the problem's order.
    public let estimates: [CalibrationEstimate]
    /// The objective (scaled deviance, summed over streams and series) at the estimates.
    public let objective: Double
    /// Evaluations in the calibration's sequence, those taken from the store
    /// (a resume) and those simulated by this call.
    public let evaluations: Int
    public let evaluationsReused: Int
    public let evaluationsSimulated: Int
    /// How the intervals were found (as `summary.json` states it).
    public let method: String
    /// Per target series (rows, the problem's order) and parameter (columns):
    /// the rise of the series' scaled deviance across the parameter's
    /// interval; nil where no profile point exists.
    public let sensitivity: [[Double?]]
    /// The path of `report.html`.
    public let report: String
}
