import Experiments
import Foundation
import Synchronization

/// The progress line on standard error — replications (or cells) done, the
/// share or the rate, and the time left — only on a terminal, only after the
/// first second, at most four updates a second, from any thread.
final class ProgressLine: Sendable {
    let start = Date()
    let enabled = isatty(STDERR_FILENO) == 1
    /// Whether a line was shown, and when the last one was.
    let state = Mutex<(shown: Bool, last: Date)>((false, .distantPast))

    /// The handler to give an experiment.
    var handler: ProgressHandler { { [self] in update($0) } }

    func update(_ p: ExperimentProgress) {
        guard enabled else { return }
        let now = Date(), elapsed = now.timeIntervalSince(start)
        guard elapsed > 1, p.replicationsTotal > 0 else { return }
        let finished = p.replicationsDone >= Double(p.replicationsTotal)
        let line: String? = state.withLock { state in
            guard now.timeIntervalSince(state.last) >= 0.25 || finished else { return nil }
            state = (true, now)
            let rate = p.replicationsDone / elapsed
            let left = rate > 0 ? (Double(p.replicationsTotal) - p.replicationsDone) / rate : 0
            if let done = p.cellsDone, let total = p.cellsTotal {
                return "\rcell \(min(done + 1, total))/\(total) · \(String(format: "%.1f", rate)) replications/s · about \(Self.duration(left)) left\u{1B}[K"
            }
            let percent = Int((100 * p.replicationsDone / Double(p.replicationsTotal)).rounded(.down))
            return "\rreplication \(min(Int(p.replicationsDone) + 1, p.replicationsTotal))/\(p.replicationsTotal) · \(percent)% · about \(Self.duration(left)) left\u{1B}[K"
        }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// Clears the line, if one was shown.
    func finish() {
        if state.withLock({ $0.shown }) { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 60 ? "\(s / 60) min \(s % 60) s" : "\(s) s"
    }
}
