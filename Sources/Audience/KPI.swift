/// The stream KPIs of Docs/model.md, keyed as in Docs/formats.md, in output order.
public enum KPI: String, CaseIterable, Sendable, Codable {
    case views, uniqueViewers, peakConcurrent, averageConcurrent, averageStaySeconds
    case medianStaySeconds, p90StaySeconds, interactions, interactionRate, productExposures
    case productClicks, clickThroughRate, orders, buyers, conversionRate
    case clickToOrderRate, gmvYuan, averageOrderValueYuan, gpmYuan, newFollows
    case followRate, shares, shareArrivals, fissionCoefficient, returns
    case netGmvYuan, costYuan, profitYuan, roi, lostSalesUnits, lostSalesYuan

    /// The key in result files.
    public var key: String { rawValue }

    /// Whether less is better (cost, returns, lost sales): used when ranking strategies.
    public var lowerIsBetter: Bool {
        switch self {
        case .costYuan, .returns, .lostSalesUnits, .lostSalesYuan: true
        default: false
        }
    }
}

/// One value per KPI; nil where a ratio's denominator is zero.
public struct KPIValues: Sendable, Equatable {
    public private(set) var values: [Double?] = Array(repeating: nil, count: KPI.allCases.count)

    public init() {}

    public subscript(kpi: KPI) -> Double? {
        get { values[KPI.allCases.firstIndex(of: kpi)!] }
        set { values[KPI.allCases.firstIndex(of: kpi)!] = newValue }
    }
}

/// numerator / denominator, or nil when the denominator is zero.
@inline(__always)
func ratio(_ numerator: Double, _ denominator: Double) -> Double? {
    denominator == 0 ? nil : numerator / denominator
}
