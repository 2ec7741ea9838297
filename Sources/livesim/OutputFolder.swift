import Foundation

/// Where results go, written atomically: everything is written into a hidden
/// temporary folder beside the final one, which is renamed into place only
/// when complete. An interrupted run (Ctrl-C, an error) removes its temporary
/// folder, so no half-written result is ever left behind.
struct OutputFolder {
    let final: String
    private let temporary: String

    /// `--out DIR` (refused if it exists and is not empty), or
    /// `Results/<name>/<UTC timestamp>/`.
    init(requested: String?, scenarioName: String) throws {
        let fm = FileManager.default
        if let requested {
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: requested, isDirectory: &isDirectory) {
                guard isDirectory.boolValue else { throw InputError(message: "--out \(requested): a file is in the way; expected a new or empty folder") }
                let contents = (try? fm.contentsOfDirectory(atPath: requested)) ?? []
                guard contents.isEmpty else { throw InputError(message: "--out \(requested): the folder exists and is not empty; expected a new or empty folder") }
            }
            final = requested
        } else {
            let stamp = OutputFolder.timestamp()
            var candidate = "Results/\(scenarioName)/\(stamp)"
            var n = 1
            while fm.fileExists(atPath: candidate) { n += 1; candidate = "Results/\(scenarioName)/\(stamp)-\(n)" }
            final = candidate
        }
        let url = URL(fileURLWithPath: final)
        temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())").path
    }

    /// Runs `body` on the temporary folder, then renames it into place.
    func write<T>(_ body: (String) throws -> T) throws -> T {
        let fm = FileManager.default
        try fm.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let cleanup = InterruptCleanup(path: temporary)
        defer { cleanup.cancel() }
        do {
            let value = try body(temporary)
            if fm.fileExists(atPath: final) { try fm.removeItem(atPath: final) }   // an empty folder, checked above
            try fm.moveItem(atPath: temporary, toPath: final)
            return value
        } catch {
            try? fm.removeItem(atPath: temporary)
            throw error
        }
    }

    static func timestamp(_ date: Date = Date()) -> String { UTCTimestamp.compact(date) }
}

/// Removes a temporary path when the process is interrupted (SIGINT, SIGTERM),
/// then exits with 128 + the signal number.
final class InterruptCleanup {
    private var sources: [DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "livesim.interrupt")

    init(path: String) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler {
                try? FileManager.default.removeItem(atPath: path)
                Foundation.exit(128 + sig)
            }
            source.resume()
            sources.append(source)
        }
    }

    func cancel() {
        for s in sources { s.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
