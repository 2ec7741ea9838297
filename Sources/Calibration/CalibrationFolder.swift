import Experiments
import Foundation
import ResultsStore
import Scenario

/// A calibration's output folder and its store, prepared as a sweep's is: a
/// new or empty folder, or one holding this calibration's `results.sqlite`
/// (and perhaps its earlier outputs) to resume.
enum CalibrationFolder {
    static func prepare(_ path: String) throws(ExperimentError) {
        try FileSystem.prepareResumableFolder(path, store: CalibrationFileName.store, ownFiles: CalibrationFileName.all, kind: "a calibration")
    }

    /// What the evaluations depend on: the loader's fingerprint, the fitted
    /// paths and bounds, targets, seed, replications and every stream's
    /// resolved scenario and observed file (not the budget: a resume may extend it).
    static func fingerprint(_ p: CalibrationProblem) -> String {
        var parts = [p.fingerprint, String(p.seed), String(p.replications), p.targets.joined(separator: ",")]
        parts += p.parameters.map { "\($0.path) \($0.min) \($0.max) \($0.logScale)" }
        parts += p.streams.map { "\($0.sha256) \($0.scenario.resolvedSha256)" }
        // The observed values themselves (a stream built in code has no file to hash).
        for stream in p.streams {
            for name in p.targets {
                parts.append(name + " " + (stream.observed[name] ?? []).map { String($0.bitPattern, radix: 16) }.joined(separator: " "))
            }
        }
        return ScenarioLoader.sha256(Data(parts.joined(separator: "\n").utf8))
    }

    static func openStore(_ problem: CalibrationProblem, directory: String) throws(ExperimentError) -> CalibrationStore {
        let path = (directory as NSString).appendingPathComponent(CalibrationFileName.store)
        do {
            return try CalibrationStore(path: path, fingerprint: fingerprint(problem), paths: problem.parameters.map(\.path))
        } catch let mismatch as CalibrationStore.Mismatch {
            throw .badInput("--out \(directory): \(CalibrationFileName.store) \(mismatch.message); expected the same calibration, or use a new --out")
        } catch {
            throw .failure("could not open \(path): \(FileSystem.describe(error))")
        }
    }
}
