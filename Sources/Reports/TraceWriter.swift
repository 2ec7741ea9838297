import Audience
import Foundation
import JSON

/// `livesim trace`: streams every event of a run as JSON lines or CSV, with
/// the fields of the README's trace table (names looked up from the
/// configuration). Lost sales are facts of the run too, but not of the trace
/// contract: they are written only on request (`includeLostSales`).
public struct TraceWriter: EventSink {
    public enum Format: String, Sendable, CaseIterable { case jsonl, csv }

    /// CSV columns: the union of every event type's fields.
    public static let csvColumns = ["t", "type", "viewer", "channel", "partner", "arrivalIndex", "reentry", "segment",
                                    "interest", "priceSensitivity", "willingnessToPay", "trust", "patience", "sociability",
                                    "staySeconds", "product", "offer", "units", "amountYuan"]

    let writer: BufferedWriter
    let format: Format
    let includeLostSales: Bool
    /// Texts as they appear in the output (JSON strings quoted, CSV fields
    /// escaped), encoded once so writing an event allocates nothing.
    let kinds: [[UInt8]]
    let channels: [[UInt8]]
    let partners: [[UInt8]]
    let segments: [[UInt8]]
    let products: [[UInt8]]
    /// Offer ids by offer index, and the empty text of list price.
    let offers: [[UInt8]]
    let listPrice: [UInt8]
    static let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n")

    /// - Parameter includeLostSales: also write lost sales (decisions to buy
    ///   that found no stock), as `lostSale` lines with the fields of an
    ///   order; outside the trace contract, so off by default.
    public init(writer: BufferedWriter, format: Format, configuration: StreamConfiguration, includeLostSales: Bool = false) throws {
        self.writer = writer
        self.format = format
        self.includeLostSales = includeLostSales
        let encode: (String) -> [UInt8] = format == .jsonl ? { Array(JSONValue.quote($0).utf8) } : { Array(NumberText.field($0).utf8) }
        kinds = ViewerEvent.Kind.allCases.map { encode($0.name) }
        channels = configuration.channelRows.map { encode($0.channel.key) }
        partners = configuration.channelRows.map { encode($0.partner) }
        segments = configuration.viewers.segmentNames.map(encode)
        products = configuration.products.map { encode($0.id) }
        offers = configuration.offerIDs.map(encode)
        listPrice = encode("")
        if format == .csv { try writer.write(Self.csvColumns.joined(separator: ",") + "\n") }
    }

    /// Appends the event's line; a write error is kept by the writer and
    /// thrown by ``finish()``.
    public mutating func receive(_ e: ViewerEvent) {
        if e.kind == .lostSale && !includeLostSales { return }
        switch format {
        case .jsonl: json(e)
        case .csv: csv(e)
        }
    }

    /// Flushes the output; throws the first write error, if any.
    public func finish() throws {
        try writer.close()
    }

    private func json(_ e: ViewerEvent) {
        let w = writer
        w.append("{\"t\":"); w.append(number: e.time)
        w.append(",\"type\":"); w.append(kinds[Int(e.kind.rawValue)])
        w.append(",\"viewer\":"); w.append(Int(e.viewer))
        switch e.kind {
        case .arrive:
            let t = e.traits
            w.append(",\"channel\":"); w.append(channels[Int(e.channelRow)])
            w.append(",\"partner\":"); w.append(partners[Int(e.channelRow)])
            w.append(",\"arrivalIndex\":"); w.append(Int(e.arrivalIndex))
            w.append(e.reentry ? ",\"reentry\":true" : ",\"reentry\":false")
            w.append(",\"segment\":"); w.append(segments[Int(e.segment)])
            w.append(",\"interest\":"); w.append(number: t.interest)
            w.append(",\"priceSensitivity\":"); w.append(number: t.priceSensitivity)
            w.append(",\"willingnessToPay\":"); w.append(number: t.willingnessToPay)
            w.append(",\"trust\":"); w.append(number: t.trust)
            w.append(",\"patience\":"); w.append(number: t.patience)
            w.append(",\"sociability\":"); w.append(number: t.sociability)
        case .leave:
            w.append(",\"staySeconds\":"); w.append(number: e.staySeconds)
        case .interact, .follow, .share:
            break
        case .click:
            w.append(",\"product\":"); w.append(products[Int(e.product)])
        case .order, .lostSale:
            w.append(",\"product\":"); w.append(products[Int(e.product)])
            w.append(",\"offer\":"); w.append(offer(e))
            w.append(",\"units\":"); w.append(Int(e.units))
            w.append(",\"amountYuan\":"); w.append(number: e.amountYuan)
        case .return:
            w.append(",\"product\":"); w.append(products[Int(e.product)])
            w.append(",\"amountYuan\":"); w.append(number: e.amountYuan)
        }
        w.append("}\n")
    }

    /// Columns as in ``csvColumns``; fields an event type does not have are empty.
    private func csv(_ e: ViewerEvent) {
        let w = writer
        w.append(number: e.time); w.append(byte: Self.comma)
        w.append(kinds[Int(e.kind.rawValue)]); w.append(byte: Self.comma)
        w.append(Int(e.viewer)); w.append(byte: Self.comma)
        if e.kind == .arrive {
            let t = e.traits
            w.append(channels[Int(e.channelRow)]); w.append(byte: Self.comma)
            w.append(partners[Int(e.channelRow)]); w.append(byte: Self.comma)
            w.append(Int(e.arrivalIndex)); w.append(byte: Self.comma)
            w.append(e.reentry ? "true," : "false,")
            w.append(segments[Int(e.segment)]); w.append(byte: Self.comma)
            w.append(number: t.interest); w.append(byte: Self.comma)
            w.append(number: t.priceSensitivity); w.append(byte: Self.comma)
            w.append(number: t.willingnessToPay); w.append(byte: Self.comma)
            w.append(number: t.trust); w.append(byte: Self.comma)
            w.append(number: t.patience); w.append(byte: Self.comma)
            w.append(number: t.sociability); w.append(byte: Self.comma)
        } else {
            w.append(",,,,,,,,,,,")
        }
        if e.kind == .leave { w.append(number: e.staySeconds) }
        w.append(byte: Self.comma)
        if e.product >= 0 { w.append(products[Int(e.product)]) }
        w.append(byte: Self.comma)
        let sale = e.kind == .order || e.kind == .lostSale
        if sale { w.append(offer(e)) }
        w.append(byte: Self.comma)
        if sale { w.append(Int(e.units)) }
        w.append(byte: Self.comma)
        if sale || e.kind == .return { w.append(number: e.amountYuan) }
        w.append(byte: Self.newline)
    }

    /// The offer's id, empty at list price.
    private func offer(_ e: ViewerEvent) -> [UInt8] { e.offer >= 0 ? offers[Int(e.offer)] : listPrice }
}
