import Foundation

/// The offers of a run and the stock behind them: which offers run when, what
/// a unit costs under each, how many units (and gifts) are left, and when
/// each product and offer sold out.
struct OfferBook {
    struct Entry {
        var id: String
        var offer: Offer
        var phase: Int
        /// Product index, or −1 for every product (a full reduction without one).
        var product: Int
        /// Seconds: `[from, to)`.
        var from: Double
        var to: Double
        var remaining: Int?
        var selloutTime: Double?
    }

    /// What a viewer is offered on clicking a product at a time.
    struct Quote {
        /// The price offer used, or −1 for the selling price.
        var priceOffer = -1
        var unitPriceYuan: Double
        var units = 1
        /// Gift and full-reduction offers that apply, or −1.
        var gift = -1
        var fullReduction = -1
    }

    private(set) var entries: [Entry]
    private(set) var stock: [Int?]
    private(set) var productSellout: [Double?]
    let products: [Product]

    init(configuration c: StreamConfiguration) {
        products = c.products
        let index = Dictionary(c.products.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var entries: [Entry] = []
        for (p, phase) in c.promotions.enumerated() {
            for (i, offer) in phase.offers.enumerated() {
                entries.append(Entry(id: phase.offerID(i), offer: offer, phase: p,
                                     product: offer.product.flatMap { index[$0] } ?? -1,
                                     from: (offer.fromMinute ?? phase.fromMinute) * 60, to: (offer.toMinute ?? phase.toMinute) * 60,
                                     remaining: offer.units))
            }
        }
        self.entries = entries
        stock = c.products.map(\.inventory)
        productSellout = Array(repeating: nil, count: c.products.count)
    }

    @inline(__always)
    func applies(_ e: Entry, product p: Int, at t: Double) -> Bool {
        t >= e.from && t < e.to && (e.product == p || e.product < 0)
    }

    @inline(__always)
    func available(_ e: Entry) -> Bool { e.remaining.map { $0 > 0 } ?? true }

    /// Whether any offer on `product` still has units at `t` (promotion salience).
    func anyAvailable(product p: Int, at t: Double) -> Bool {
        entries.contains { applies($0, product: p, at: t) && available($0) }
    }

    /// The unit price under a price offer.
    func unitPrice(_ e: Entry, product p: Int) -> Double {
        e.offer.unitPriceYuan(sellingPriceYuan: products[p].sellingPriceYuan)
    }

    /// The best deal on `product` at `t`: the lowest unit price among the price
    /// offers with units left (ties: the first), plus a gift and a full
    /// reduction that apply.
    func quote(product p: Int, at t: Double) -> Quote {
        var q = Quote(unitPriceYuan: products[p].sellingPriceYuan)
        for (i, e) in entries.enumerated() where applies(e, product: p, at: t) && available(e) {
            switch e.offer.type {
            case .gift: if q.gift < 0 { q.gift = i }
            case .fullReduction: if q.fullReduction < 0 { q.fullReduction = i }
            default:
                let price = unitPrice(e, product: p)
                if price < q.unitPriceYuan || (q.priceOffer < 0 && price <= q.unitPriceYuan) {
                    q.priceOffer = i
                    q.unitPriceYuan = price
                    q.units = e.offer.type == .bundle ? max(1, e.offer.bundleUnits) : 1
                }
            }
        }
        return q
    }

    /// Share of an offer's limited units already sold (0 for unlimited).
    func soldShare(_ i: Int) -> Double {
        guard i >= 0, let units = entries[i].offer.units, units > 0, let left = entries[i].remaining else { return 0 }
        return 1 - Double(left) / Double(units)
    }

    /// Whether the product has `units` in stock.
    func inStock(product p: Int, units: Int) -> Bool { stock[p].map { $0 >= units } ?? true }

    /// Offer units a sale of `units` takes: a bundle counts once, a gift
    /// once per order, other price offers per unit.
    func offerUnits(_ i: Int, units: Int) -> Int {
        switch entries[i].offer.type {
        case .bundle, .gift: 1
        default: units
        }
    }

    /// Units of the price offer still available, if limited (for raising a basket).
    func remainingUnits(_ i: Int) -> Int? { i >= 0 ? entries[i].remaining : nil }

    /// Takes a sale out of stock and out of the offers used; records sell-outs.
    mutating func sell(product p: Int, units: Int, quote q: Quote, at t: Double) {
        if let s = stock[p] {
            stock[p] = s - units
            if s - units <= 0 && productSellout[p] == nil { productSellout[p] = t }
        }
        take(offer: q.priceOffer, units: units, at: t)
        take(offer: q.gift, units: units, at: t)
    }

    /// Takes an order's units from offer `i`'s stock (none: −1, or no unit limit).
    private mutating func take(offer i: Int, units: Int, at t: Double) {
        guard i >= 0, let left = entries[i].remaining else { return }
        let taken = min(left, offerUnits(i, units: units))
        entries[i].remaining = left - taken
        if left - taken <= 0 && entries[i].selloutTime == nil { entries[i].selloutTime = t }
    }
}
