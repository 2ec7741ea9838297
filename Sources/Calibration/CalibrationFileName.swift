import Reports

/// The names of a calibration's output files (Docs/formats.md, "Calibration").
public enum CalibrationFileName {
    public static let estimates = "estimates.csv"
    public static let calibrated = "calibrated.yaml"
    public static let fit = "fit.csv"
    public static let evaluations = "evaluations.csv"
    public static let summary = ResultFileName.summary
    public static let manifest = ResultFileName.manifest
    public static let report = ResultFileName.report
    public static let store = ResultFileName.store

    /// Column headers of the CSV files (evaluations.csv has one column per fitted path between these).
    public static let estimatesColumns = ["path", "estimate", "ciLow", "ciHigh", "min", "max", "identified"]
    public static let fitColumns = ["stream", "minute", "series", "observed", "simulatedMean", "simulatedP5", "simulatedP95"]
    public static func evaluationsColumns(paths: [String]) -> [String] { ["evaluation"] + paths + ["objective"] }

    /// Every file a finished calibration folder holds.
    public static let all = [estimates, calibrated, fit, evaluations, summary, manifest, report, store]
}
