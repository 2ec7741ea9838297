import Audience
import Foundation
import Scenario

/// `livesim trace`: streams every event of a run as JSON lines or CSV, with
/// the fields of FORMATS.md (names looked up from the configuration).
public struct TraceWriter: EventSink {
    public enum Format: String, Sendable, CaseIterable { case jsonl, csv }

    /// CSV columns: the union of every event type's fields.
    public static let csvColumns = ["t", "type", "viewer", "channel", "partner", "arrivalIndex", "reentry", "segment",
                                    "interest", "priceSensitivity", "willingnessToPay", "trust", "patience", "sociability",
                                    "staySeconds", "product", "offer", "units", "amountYuan"]

    let writer: BufferedWriter
    let format: Format
    let rows: [ChannelRow]
    let segments: [String]
    let products: [String]
    /// First write error, reported by ``finish()``.
    private(set) var failure: Error?

    public init(writer: BufferedWriter, format: Format, configuration: StreamConfiguration) throws {
        self.writer = writer
        self.format = format
        rows = configuration.channelRows
        segments = configuration.viewers.segmentNames
        products = configuration.products.map(\.id)
        if format == .csv { try writer.write(Self.csvColumns.joined(separator: ",") + "\n") }
    }

    public mutating func receive(_ e: ViewerEvent) {
        guard failure == nil else { return }
        do { try writer.write(format == .jsonl ? json(e) : csv(e)) } catch { failure = error }
    }

    /// Flushes the output; throws the first write error, if any.
    public func finish() throws {
        if let failure { throw failure }
        try writer.close()
    }

    /// (column, raw text, is text) per field of the event's type.
    private func fields(_ e: ViewerEvent) -> [(String, String, Bool)] {
        let n: (Double?) -> String = NumberText.csv
        var f: [(String, String, Bool)] = [("t", n(e.time), false), ("type", e.kind.name, true), ("viewer", String(e.viewer), false)]
        switch e.kind {
        case .arrive:
            let t = e.traits
            f += [("channel", e.channel.key, true), ("partner", rows[Int(e.channelRow)].partner, true),
                  ("arrivalIndex", String(e.arrivalIndex), false), ("reentry", e.reentry ? "true" : "false", false),
                  ("segment", segments[Int(e.segment)], true), ("interest", n(t.interest), false),
                  ("priceSensitivity", n(t.priceSensitivity), false), ("willingnessToPay", n(t.willingnessToPay), false),
                  ("trust", n(t.trust), false), ("patience", n(t.patience), false), ("sociability", n(t.sociability), false)]
        case .leave:
            f.append(("staySeconds", n(e.staySeconds), false))
        case .interact, .follow, .share:
            break
        case .click:
            f.append(("product", products[Int(e.product)], true))
        case .order:
            f += [("product", products[Int(e.product)], true), ("offer", "", true), ("units", String(e.units), false),
                  ("amountYuan", n(e.amountYuan), false)]
        case .return:
            f += [("product", products[Int(e.product)], true), ("amountYuan", n(e.amountYuan), false)]
        }
        return f
    }

    private func json(_ e: ViewerEvent) -> String {
        "{" + fields(e).map { "\"\($0.0)\":" + ($0.2 ? JSONValue.quote($0.1) : $0.1) }.joined(separator: ",") + "}\n"
    }

    private func csv(_ e: ViewerEvent) -> String {
        let f = fields(e)
        return Self.csvColumns.map { column -> String in
            guard let field = f.first(where: { $0.0 == column }) else { return "" }
            return field.2 ? NumberText.field(field.1) : field.1
        }.joined(separator: ",") + "\n"
    }
}
