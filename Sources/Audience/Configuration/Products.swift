/// A product on sale in the stream.
public struct Product: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var category = "general"
    /// List price: the reference for willingness to pay.
    public var referencePriceYuan: Double
    /// The price it sells at in this stream outside any offer; nil: the list
    /// price. Below the list price it converts better (the purchase decision's
    /// price term), above it worse.
    public var priceYuan: Double?
    public var unitCostYuan = 0.0
    /// Units in stock; nil for unlimited.
    public var inventory: Int?
    /// Days a unit lasts a buyer (seasons: repurchase reminders); nil: none.
    public var consumptionCycleDays: Double?

    public init(id: String, name: String? = nil, referencePriceYuan: Double, priceYuan: Double? = nil,
                unitCostYuan: Double = 0, inventory: Int? = nil) {
        self.id = id
        self.name = name ?? id
        self.referencePriceYuan = referencePriceYuan
        self.priceYuan = priceYuan
        self.unitCostYuan = unitCostYuan
        self.inventory = inventory
    }
}

extension Product {
    /// The price outside offers: `priceYuan`, or the list price.
    public var sellingPriceYuan: Double { priceYuan ?? referencePriceYuan }
}

/// A window of the run of show (排品) in which one product is featured.
public struct FeaturedWindow: Sendable, Equatable, Codable {
    public var product: String
    public var fromMinute: Double
    public var toMinute: Double
    public init(product: String, fromMinute: Double, toMinute: Double) {
        self.product = product; self.fromMinute = fromMinute; self.toMinute = toMinute
    }
}
