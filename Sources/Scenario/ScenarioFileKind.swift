import Foundation

/// What a LiveSim YAML file is, told by its top-level keys: a scenario, or
/// an experiment over a `base:` scenario. New experiment kinds plug in here.
public enum ScenarioFileKind: String, Sendable, CaseIterable {
    /// A scenario: no `base:` key (``ScenarioLoader``).
    case scenario
    /// A sweep: `base:` with `vary:` or `points:` (``SweepLoader``).
    case sweep
    /// A calibration file: `base:` with `observed:` or `fit:` (read by the
    /// Calibration target's `CalibrationLoader`).
    case calibration
    /// An optimisation file: `base:` with `decisions:` (read by the
    /// Optimisation target's `OptimisationLoader`).
    case optimisation
    /// An A/B test plan: `base:` with `arms:` (read by the Measurement
    /// target's `ABTestLoader`).
    case abTest

    /// The kind of `file`. A file that cannot be read as a YAML mapping is
    /// taken for a scenario, so the scenario loader reports why.
    public static func of(file: String) -> ScenarioFileKind {
        var info = stat()
        guard stat(file, &info) == 0, info.st_size <= ScenarioLoader.maximumFileBytes, info.st_mode & S_IFMT == S_IFREG,
              let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8),
              let tree = try? ExperimentFileHead.parse(text, file: file), case .mapping(let entries) = tree.value,
              entries.contains(where: { $0.key == "base" }) else { return .scenario }
        if entries.contains(where: { $0.key == "observed" || $0.key == "fit" }) { return .calibration }
        if entries.contains(where: { $0.key == "decisions" }) { return .optimisation }
        if entries.contains(where: { $0.key == "arms" }) { return .abTest }
        return .sweep
    }
}
