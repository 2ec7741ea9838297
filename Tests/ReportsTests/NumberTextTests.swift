import Foundation
import Reports
import SimCore
import Testing

/// Numbers in result files and traces: written into a buffer without
/// allocating, yet the same text Swift prints, and always read back exactly.
@Suite struct NumberTextTests {
    @Test func integersHaveNoFractionAndNonFiniteIsEmpty() {
        #expect(NumberText.csv(5.0) == "5" && NumberText.csv(-3.0) == "-3" && NumberText.csv(0.0) == "0")
        #expect(NumberText.csv(123_456_789_012_345.0) == "123456789012345")
        #expect(NumberText.csv(Double.nan) == "" && NumberText.csv(Double.infinity) == "" && NumberText.csv(nil as Double?) == "")
        #expect(NumberText.csv(0.1) == "0.1" && NumberText.csv(1e-05) == "1e-05" && NumberText.csv(-2.5) == "-2.5")
    }

    /// Over six orders of magnitude, both signs: the text reads back as the
    /// same double and equals Swift's own shortest form.
    @Test func randomDoublesReadBackExactlyAndMatchSwift() {
        var stream = RandomStream(seed: 21)
        var mismatches: [String] = []
        for i in 0..<20_000 {
            let scale = [1e-6, 1e-3, 1, 1e3, 1e6][i % 5]
            let x = (stream.uniform() - 0.5) * scale
            let text = NumberText.csv(x)
            if Double(text) != x || text != "\(x)" { mismatches.append("\(x) → \(text)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    /// Traits are single precision: their text reads back as the same float.
    @Test func randomFloatsReadBackExactly() {
        var stream = RandomStream(seed: 22)
        var mismatches: [String] = []
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 40)
        defer { buffer.deallocate() }
        for i in 0..<20_000 {
            let scale: Float = [1e-6, 1e-3, 1, 1e3, 1e6][i % 5]
            let x = Float(stream.uniform() - 0.5) * scale
            let text = String(decoding: UnsafeBufferPointer(start: buffer, count: NumberText.write(x, into: buffer)), as: UTF8.self)
            if Float(text) != x || text.count > 16 { mismatches.append("\(x) → \(text)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test func bufferedWriterWritesWhatWasAppended() throws {
        let path = NSTemporaryDirectory() + "livesim-numbertext-\(getpid()).txt"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try BufferedWriter(path: path)
        var expected = ""
        for i in 0..<100_000 {   // several buffer flushes
            writer.append(number: Double(i) / 7); writer.append(byte: UInt8(ascii: ","))
            writer.append(i - 50_000); writer.append("\n" as StaticString)
            expected += "\(NumberText.csv(Double(i) / 7)),\(i - 50_000)\n"
        }
        try writer.close()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
    }

    @Test func anUnwritablePathIsAClearError() {
        #expect(throws: WriteFailure.self) { try BufferedWriter(path: "/nonexistent-dir/x/trace.jsonl") }
    }
}
