extension StreamConfiguration {
    /// What is valid but probably not meant (check ``validate()`` first):
    /// today, a product whose own price can never be charged.
    public func warnings() -> [ConfigurationWarning] {
        products.indices.compactMap(unchargedPrice)
    }

    /// A product sells only on a click while it is featured, at the best
    /// price offer with units left. Its own price is never charged when, at
    /// every moment it is featured, an offer sells it for less that cannot
    /// run out while it is in stock: unlimited units, or at least as many as
    /// the inventory (an offer's units go down no faster than the stock).
    private func unchargedPrice(_ index: Int) -> ConfigurationWarning? {
        let product = products[index]
        let featured = runOfShow.enumerated().filter { $0.element.product == product.id }
        guard !featured.isEmpty, product.inventory.map({ $0 > 0 }) ?? true else { return nil }
        let selling = product.sellingPriceYuan
        var undercut: [(from: Double, to: Double, id: String, price: Double)] = []
        for phase in promotions {
            for (j, offer) in phase.offers.enumerated() where offer.product == product.id && offer.isPriceOffer {
                let price = offer.unitPriceYuan(sellingPriceYuan: selling)
                guard price < selling else { continue }
                if let units = offer.units, !(product.inventory.map { units >= $0 } ?? false) { continue }
                undercut.append((offer.fromMinute ?? phase.fromMinute, offer.toMinute ?? phase.toMinute, offer.id ?? "\(phase.name).\(j)", price))
            }
        }
        let windows = featured.map { (from: $0.element.fromMinute, to: min($0.element.toMinute, durationMinutes)) }
        guard windows.allSatisfy({ w in covers(undercut.map { ($0.from, $0.to) }, from: w.from, to: w.to) }) else { return nil }
        let used = undercut.filter { o in windows.contains { $0.from < o.to && o.from < $0.to } }
        let offers = used.map { "\($0.id) (¥\(fmt($0.price)))" }.joined(separator: ", ")
        let field = product.priceYuan == nil ? "referencePriceYuan" : "priceYuan"
        return ConfigurationWarning(
            path: "products[\(index)].\(field)",
            message: "the price ¥\(fmt(selling)) of \(product.id) is never charged: whenever it is featured "
                + "(\(featured.map { "runOfShow[\($0.offset)]" }.joined(separator: ", "))) it sells for less under \(offers), "
                + "whose units cannot run out while it is in stock"
                + (field == "referencePriceYuan" ? " (the list price still sets willingness to pay)" : ""))
    }

    /// Whether the intervals `[from, to)` together cover `[low, high)`.
    private func covers(_ intervals: [(Double, Double)], from low: Double, to high: Double) -> Bool {
        var reached = low
        for (from, to) in intervals.sorted(by: { $0.0 < $1.0 }) where reached < high {
            if from > reached { return false }
            reached = max(reached, to)
        }
        return reached >= high
    }
}
