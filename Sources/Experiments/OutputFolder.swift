import Foundation

/// Where results go, written atomically: everything is written into a hidden
/// temporary folder beside the final one (`.NAME.tmp-PID`), which is renamed
/// into place only when complete. An interrupted run (Ctrl-C, SIGTERM, an
/// error) removes its temporary folder; one killed outright (`kill -9`)
/// cannot, so the next output folder made beside it removes temporaries
/// whose process is gone (``removedStale`` lists them).
public struct OutputFolder: Sendable {
    /// The folder the results end up in.
    public let final: String
    let temporary: String
    /// Temporary folders and files of dead processes removed beside `final`.
    public let removedStale: [String]

    /// `requested` (refused if it exists and is not empty), or
    /// `Results/<name>/<UTC timestamp>/` (made unique with -2, -3…).
    /// - Parameter option: how the folder was asked for, in messages (`--out`).
    public init(requested: String?, scenarioName: String, option: String = "--out") throws(ExperimentError) {
        let fm = FileManager.default
        if let requested {
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: requested, isDirectory: &isDirectory) {
                guard isDirectory.boolValue else { throw .badInput("\(option) \(requested): a file is in the way; expected a new or empty folder") }
                let contents = (try? fm.contentsOfDirectory(atPath: requested)) ?? []
                guard contents.isEmpty else { throw .badInput("\(option) \(requested): the folder exists and is not empty; expected a new or empty folder") }
            }
            final = requested
        } else {
            let stamp = UTCTimestamp.compact(Date())
            var candidate = "Results/\(scenarioName)/\(stamp)"
            var n = 1
            while fm.fileExists(atPath: candidate) { n += 1; candidate = "Results/\(scenarioName)/\(stamp)-\(n)" }
            final = candidate
        }
        let url = URL(fileURLWithPath: final)
        temporary = Self.temporaryName(for: url.lastPathComponent, in: url.deletingLastPathComponent().path)
        removedStale = FileSystem.removeStaleTemporaries(in: url.deletingLastPathComponent().path)
    }

    /// The hidden temporary name of `name` in `directory` for this process.
    static func temporaryName(for name: String, in directory: String) -> String {
        (directory as NSString).appendingPathComponent(".\(name).tmp-\(getpid())")
    }

    /// Runs `body` on the temporary folder, then renames it into place.
    /// Errors other than ``ExperimentError`` become failures naming the folder.
    public func write<T>(_ body: (String) throws -> T) throws(ExperimentError) -> T {
        try FileSystem.makeDirectories(temporary, shown: final)
        let cleanup = InterruptCleanup(path: temporary)
        defer { cleanup.cancel() }
        do {
            let value = try body(temporary)
            // `final` is absent or an empty folder (checked when the folder was chosen).
            if FileManager.default.fileExists(atPath: final) { rmdir(final) }
            guard rename(temporary, final) == 0 else {
                throw ExperimentError.failure("cannot move the results into \(final): \(String(cString: strerror(errno)))")
            }
            return value
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            if let error = error as? ExperimentError { throw error }
            throw .failure("could not write the results into \(final): \(FileSystem.describe(error))")
        }
    }
}

/// File-system steps with messages a user can act on (POSIX reasons, not
/// Foundation's error domains and codes).
public enum FileSystem {
    /// Creates `path` and its missing parents.
    /// - Parameter shown: the path named in messages (default `path`).
    public static func makeDirectories(_ path: String, shown: String? = nil) throws(ExperimentError) {
        let shown = shown ?? path
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + component
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: prefix, isDirectory: &isDirectory) {
                guard isDirectory.boolValue else { throw .badInput("cannot create \(shown): \(prefix) is not a directory") }
                continue
            }
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw .badInput("cannot create \(shown): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Writes a whole file under a hidden temporary name, then renames it into
    /// place: a reader never sees half a file.
    public static func writeAtomically(_ text: String, to directory: String, name: String) throws(ExperimentError) {
        let final = (directory as NSString).appendingPathComponent(name)
        let temporary = OutputFolder.temporaryName(for: name, in: directory)
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: temporary)) } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw .failure("could not write \(final): \(describe(error))")
        }
        guard rename(temporary, final) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw .failure("could not write \(final): \(reason)")
        }
    }

    /// Writes a new file through `body` (given a hidden temporary path beside
    /// it), then renames it into place; refuses to replace an existing file,
    /// creates missing parent folders, and removes stale temporaries beside it.
    /// - Returns: the stale temporaries removed.
    @discardableResult
    public static func writeNewFile(at path: String, option: String = "--out", _ body: (String) throws -> Void) throws(ExperimentError) -> [String] {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw .badInput("\(option) \(path): the file exists; expected a new file (remove it first)")
        }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        try makeDirectories(directory)
        let removed = removeStaleTemporaries(in: directory)
        let temporary = OutputFolder.temporaryName(for: url.lastPathComponent, in: directory)
        let cleanup = InterruptCleanup(path: temporary)
        defer { cleanup.cancel() }
        do { try body(temporary) } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            if let error = error as? ExperimentError { throw error }
            throw .failure("could not write \(path): \(describe(error))")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw .failure("could not write \(path): \(reason)")
        }
        return removed
    }

    /// Prepares the output folder of an experiment that resumes from a store
    /// (a sweep, a calibration): creates it, or accepts one that is empty or
    /// holds `store` and nothing but `ownFiles` (its earlier outputs, SQLite's
    /// side files, hidden temporaries), removing stale temporaries.
    /// - Parameter kind: what the experiment is, for the message ("a sweep").
    public static func prepareResumableFolder(_ path: String, store: String, ownFiles: [String], kind: String) throws(ExperimentError) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .badInput("--out \(path): a file is in the way; expected a folder") }
            let contents = (try? fm.contentsOfDirectory(atPath: path)) ?? []
            let ours = Set(ownFiles + [store, store + "-journal", store + "-wal", store + "-shm"])
            guard contents.isEmpty || (contents.contains(store) && contents.allSatisfy { ours.contains($0) || $0.hasPrefix(".") }) else {
                throw .badInput("--out \(path): the folder holds other files and no \(store); expected a new or empty folder, or \(kind)'s folder to resume")
            }
            _ = removeStaleTemporaries(in: path)
        } else {
            try makeDirectories(path)
        }
    }

    /// Removes `.NAME.tmp-PID` entries in `directory` whose process no longer
    /// exists (left by a run killed with SIGKILL); returns their paths.
    public static func removeStaleTemporaries(in directory: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var removed: [String] = []
        // Only hidden names can be ours: filtered before sorting, since a
        // crowded folder (a shared /tmp) holds thousands of others.
        for name in names.filter({ $0.hasPrefix(".") }).sorted() {
            guard let mark = name.range(of: ".tmp-", options: .backwards), let pid = Int32(name[mark.upperBound...]), pid > 0,
                  pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            let path = (directory as NSString).appendingPathComponent(name)
            if (try? FileManager.default.removeItem(atPath: path)) != nil { removed.append(path) }
        }
        return removed
    }

    /// A file error as "reason (path)", from the POSIX error underneath
    /// Foundation's, where there is one.
    public static func describe(_ error: Error) -> String {
        if let error = error as? ExperimentError { return error.message }
        let ns = error as NSError
        let path = ns.userInfo[NSFilePathErrorKey] as? String ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
        var reason: String?
        if ns.domain == NSPOSIXErrorDomain {
            reason = String(cString: strerror(Int32(ns.code)))
        } else if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            reason = String(cString: strerror(Int32(underlying.code)))
        } else if let posix = error as? POSIXError {
            reason = String(cString: strerror(posix.code.rawValue))
        }
        switch (reason, path) {
        case let (reason?, path?): return "\(path): \(reason)"
        case let (reason?, nil): return reason
        case (nil, let path?): return "\(path): \(ns.localizedDescription)"
        default: return "\(error)"
        }
    }
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
