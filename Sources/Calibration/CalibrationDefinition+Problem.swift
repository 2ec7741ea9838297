import Experiments
import Foundation
import Scenario

extension CalibrationDefinition {
    /// The calibration file as the engine's problem: each past stream's
    /// scenario (the base with the stream's own `set:` written in, loaded
    /// once here), its observed series, the fitted paths and the effort.
    /// The export files are not read again: their series are in memory.
    /// - Throws: ``ScenarioErrors`` when a stream's scenario cannot be loaded.
    public func problem() throws(ScenarioErrors) -> CalibrationProblem {
        var problemStreams: [CalibrationProblem.Stream] = []
        for stream in streams {
            let scenario = try base.source.load(overrides: stream.set)
            let observed = stream.observed
            problemStreams.append(CalibrationProblem.Stream(
                name: (observed.file as NSString).lastPathComponent, file: observed.file, sha256: observed.sha256,
                scenario: scenario, observed: observed.series))
        }
        return CalibrationProblem(
            name: name, file: file, base: base,
            parameters: fit,
            streams: problemStreams, targets: targets.map(\.rawValue), replications: replications, budget: budget, seed: seed,
            fingerprint: fingerprint)
    }
}
