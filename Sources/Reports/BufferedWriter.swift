import Foundation

/// Appends text to a file through a 64 KiB buffer: result tables and traces
/// are streamed to disk, never held whole in memory.
public final class BufferedWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private let capacity = 1 << 16

    /// Creates (or truncates) `path`.
    public init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        buffer.reserveCapacity(capacity)
    }

    /// Writes to standard output.
    public init(standardOutput: Void = ()) {
        handle = FileHandle.standardOutput
        buffer.reserveCapacity(capacity)
    }

    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= capacity { try flush() }
    }

    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes (standard output is only flushed).
    public func close() throws {
        try flush()
        if handle !== FileHandle.standardOutput { try handle.close() }
    }
}

/// Numbers in result files: integers without a fraction, others in Swift's
/// shortest round-trip form, never locale-dependent; nil (a ratio whose
/// denominator is zero) is empty in CSV.
public enum NumberText {
    public static func csv(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "" }
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    public static func csv(_ x: Int) -> String { String(x) }

    /// A CSV field, quoted when it holds a comma, quote or newline.
    public static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
