import Audience
import Foundation
import Reports
import Testing

/// The trace's order and lost-sale lines: which offer an order was at, and
/// lost sales written only on request.
@Suite struct TraceWriterTests {
    /// A 30-minute stream of one product: a named live price for the first
    /// ten minutes, list price for the next ten, an offer with the default
    /// id (`late.0`) for the last ten.
    static func offerStream(inventory: Int? = nil) -> StreamConfiguration {
        var c = StreamConfiguration()
        c.durationMinutes = 30
        var search = SearchChannel()
        search.perMinute = 300
        c.channels.search = search
        c.products = [Product(id: "serum", referencePriceYuan: 199, unitCostYuan: 50, inventory: inventory)]
        c.runOfShow = [FeaturedWindow(product: "serum", fromMinute: 0, toMinute: 30)]
        var opening = PromotionPhase(name: "opening")
        opening.fromMinute = 0; opening.toMinute = 10
        var named = Offer(type: .livePrice)
        named.id = "opening-serum"; named.product = "serum"; named.priceYuan = 99
        opening.offers = [named]
        var late = PromotionPhase(name: "late")
        late.fromMinute = 20; late.toMinute = 30
        var unnamed = Offer(type: .livePrice)
        unnamed.product = "serum"; unnamed.priceYuan = 149
        late.offers = [unnamed]
        c.promotions = [opening, late]
        return c
    }

    /// The trace of replication 0 under seed 3, as lines, and the run's result.
    static func trace(_ c: StreamConfiguration, format: TraceWriter.Format, includeLostSales: Bool = false) throws
        -> (lines: [Substring], result: StreamResult) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("trace-\(UUID().uuidString).\(format)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var writer = try TraceWriter(writer: BufferedWriter(path: path), format: format, configuration: c,
                                     includeLostSales: includeLostSales)
        let result = try Simulation(configuration: c).run(seed: 3, replication: 0, sink: &writer)
        try writer.finish()
        return (try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n"), result)
    }

    static func object(_ line: Substring) -> [String: Any] {
        try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
    }

    /// Each order names the offer it was bought at (its id, the default
    /// `<phase>.<index>` too), and none at list price; in both formats.
    @Test func ordersNameTheirOffer() throws {
        let c = Self.offerStream()
        let orders = try Self.trace(c, format: .jsonl).lines.map(Self.object).filter { $0["type"] as? String == "order" }
        var offersByWindow: [Int: Set<String>] = [:]
        for o in orders {
            offersByWindow[Int((o["t"] as! Double) / 600), default: []].insert(o["offer"] as! String)
        }
        #expect(offersByWindow == [0: ["opening-serum"], 1: [""], 2: ["late.0"]], "offers by 10-minute window: \(offersByWindow)")
        let csv = try Self.trace(c, format: .csv).lines
        let columns = csv[0].split(separator: ",", omittingEmptySubsequences: false)
        let type = columns.firstIndex(of: "type")!, offer = columns.firstIndex(of: "offer")!
        let csvOffers = csv.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            .filter { $0[type] == "order" }.map { String($0[offer]) }
        #expect(csvOffers == orders.map { $0["offer"] as! String })
    }

    /// Lost sales stay out of the trace unless asked for; then each is a
    /// `lostSale` line with the fields of an order, adding up to the run's
    /// lost-sales KPIs.
    @Test func lostSalesAreWrittenOnlyOnRequest() throws {
        let c = Self.offerStream(inventory: 20)
        let plain = try Self.trace(c, format: .jsonl)
        #expect(!plain.lines.contains { $0.contains("\"type\":\"lostSale\"") })
        let full = try Self.trace(c, format: .jsonl, includeLostSales: true)
        let lost = full.lines.map(Self.object).filter { $0["type"] as? String == "lostSale" }
        #expect(full.lines.count == plain.lines.count + lost.count)
        #expect(!lost.isEmpty && lost.allSatisfy { $0["product"] as? String == "serum" && $0["offer"] is String })
        let units = lost.reduce(0) { $0 + ($1["units"] as! Int) }
        let yuan = lost.reduce(0.0) { $0 + ($1["amountYuan"] as! Double) }
        #expect(Double(units) == full.result.kpis[.lostSalesUnits])
        #expect(abs(yuan - full.result.kpis[.lostSalesYuan]!) <= 1e-9 * yuan)
    }
}
