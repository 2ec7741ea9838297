import CNumberText
import Foundation

/// Appends bytes to a file through a 1 MiB buffer: result tables and traces
/// are streamed to disk, never held whole in memory. Appending numbers and
/// pre-encoded texts never allocates, so a trace of millions of events costs
/// no allocation per event. A write error is kept and thrown by the next
/// ``flush()`` or ``close()``; nothing after it is written.
public final class BufferedWriter {
    private let descriptor: Int32
    private let closesDescriptor: Bool
    private let path: String
    private let capacity = 1 << 20
    private let buffer: UnsafeMutablePointer<UInt8>
    private var used = 0
    private var failure: Error?
    private var closed = false

    /// Creates (or truncates) `path`.
    public init(path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteFailure(path: path, code: errno) }
        descriptor = fd
        closesDescriptor = true
        self.path = path
        buffer = .allocate(capacity: capacity)
    }

    /// Writes to standard output.
    public init(standardOutput: Void = ()) {
        descriptor = STDOUT_FILENO
        closesDescriptor = false
        path = "standard output"
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        if closesDescriptor && !closed { _ = Foundation.close(descriptor) }
        buffer.deallocate()
    }

    /// Appends text and reports an earlier write error.
    public func write(_ text: String) throws {
        append(text)
        if let failure { throw failure }
    }

    public func append(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    public func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    public func append(_ text: StaticString) {
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    public func append(byte: UInt8) {
        if used == capacity { drain() }
        buffer[used] = byte
        used += 1
    }

    public func append(_ bytes: UnsafeRawBufferPointer) {
        if used + bytes.count > capacity { drain() }
        if bytes.count > capacity {
            writeAll(bytes)
            return
        }
        if let base = bytes.baseAddress { (buffer + used).update(from: base.assumingMemoryBound(to: UInt8.self), count: bytes.count) }
        used += bytes.count
    }

    /// An integer in decimal.
    public func append(_ value: Int) {
        if used + 24 > capacity { drain() }
        used += NumberText.write(value, into: buffer + used)
    }

    /// A number as ``NumberText/csv(_:)-(Double?)`` writes it (empty if not finite).
    public func append(number value: Double) {
        if used + 40 > capacity { drain() }
        used += NumberText.write(value, into: buffer + used)
    }

    /// A single-precision number (a viewer trait) in its shortest exact form.
    public func append(number value: Float) {
        if used + 40 > capacity { drain() }
        used += NumberText.write(value, into: buffer + used)
    }

    /// Writes the buffer out; throws the first write error, if any.
    public func flush() throws {
        drain()
        if let failure { throw failure }
    }

    /// Flushes and closes (standard output is only flushed).
    public func close() throws {
        drain()
        if closesDescriptor && !closed {
            closed = true
            if Foundation.close(descriptor) != 0 && failure == nil { failure = WriteFailure(path: path, code: errno) }
        }
        if let failure { throw failure }
    }

    private func drain() {
        defer { used = 0 }
        guard used > 0 else { return }
        writeAll(UnsafeRawBufferPointer(start: buffer, count: used))
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil, var next = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = Foundation.write(descriptor, next, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                failure = WriteFailure(path: path, code: errno)
                return
            }
            next += written
            remaining -= written
        }
    }
}

/// A write that the operating system refused (disk full, permissions, …).
public struct WriteFailure: Error, CustomStringConvertible {
    public let path: String
    public let code: Int32
    public var description: String { "\(path): \(String(cString: strerror(code)))" }
}

/// Numbers in result files: integers without a fraction, others in the
/// shortest of 15, 16 or 17 significant digits that reads back exactly (as
/// Swift prints them), never locale-dependent; nil (a ratio whose
/// denominator is zero) is empty in CSV.
public enum NumberText {
    public static func csv(_ x: Double?) -> String {
        guard let x else { return "" }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { buffer in
            String(decoding: UnsafeBufferPointer(start: buffer.baseAddress!, count: write(x, into: buffer.baseAddress!)), as: UTF8.self)
        }
    }

    public static func csv(_ x: Int) -> String { String(x) }

    /// A CSV field, quoted when it holds a comma, quote or newline.
    public static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Writes `x` as ``csv(_:)-(Double?)`` does into `buffer` (40 bytes
    /// suffice), without allocating; returns the byte count.
    public static func write(_ x: Double, into buffer: UnsafeMutablePointer<UInt8>) -> Int {
        guard x.isFinite else { return 0 }
        if x == x.rounded() && abs(x) < 1e15 { return write(Int(x), into: buffer) }
        return buffer.withMemoryRebound(to: CChar.self, capacity: 40) { Int(livesim_format_double($0, 40, x)) }
    }

    /// Writes a float in the shortest of 6 to 9 significant digits that reads
    /// back exactly (integers without a fraction) into `buffer` (40 bytes suffice).
    public static func write(_ x: Float, into buffer: UnsafeMutablePointer<UInt8>) -> Int {
        guard x.isFinite else { return 0 }
        if x == x.rounded() && abs(x) < 1e7 { return write(Int(x), into: buffer) }
        return buffer.withMemoryRebound(to: CChar.self, capacity: 40) { Int(livesim_format_float($0, 40, x)) }
    }

    /// Writes `n` in decimal into `buffer` (24 bytes suffice); returns the byte count.
    public static func write(_ n: Int, into buffer: UnsafeMutablePointer<UInt8>) -> Int {
        var magnitude = n.magnitude
        var digits = 0
        repeat {
            buffer[digits] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
            digits += 1
        } while magnitude > 0
        if n < 0 {
            buffer[digits] = UInt8(ascii: "-")
            digits += 1
        }
        var i = 0, j = digits - 1
        while i < j {
            buffer.swapAt(i, j)
            i += 1; j -= 1
        }
        return digits
    }
}

extension UnsafeMutablePointer<UInt8> {
    fileprivate func swapAt(_ i: Int, _ j: Int) {
        let t = self[i]; self[i] = self[j]; self[j] = t
    }
}
