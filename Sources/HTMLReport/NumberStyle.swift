import Audience
import Foundation
import Season

/// Numbers as a reader of the report's language expects them: thousands
/// separators, yuan amounts (万 and 亿 in Chinese), percentages. Written by
/// hand rather than through the system locale, so a report reads the same
/// on every machine.
struct NumberStyle: Sendable {
    let language: ReportLanguage

    /// An integer with thousands separators (rounded).
    func grouped(_ x: Double) -> String {
        guard x.isFinite else { return "—" }
        let rounded = x.rounded()
        guard abs(rounded) < 1e18 else { return String(format: "%.3g", x) }
        let digits = String(Int64(abs(rounded)))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (rounded < 0 ? "-" : "") + out
    }

    /// A count: grouped; in Chinese, from 10,000 on in 万 and from 10⁸ in 亿.
    func count(_ x: Double) -> String {
        guard x.isFinite else { return "—" }
        if language == .zh {
            if abs(x) >= 1e8 { return decimal(x / 1e8, digits: 2) + "亿" }
            if abs(x) >= 1e4 { return decimal(x / 1e4, digits: 2) + "万" }
        }
        return abs(x) >= 100 || x == x.rounded() ? grouped(x) : decimal(x, digits: 1)
    }

    /// A yuan amount: "¥752,184" or "75.22万元".
    func yuan(_ x: Double) -> String {
        guard x.isFinite else { return "—" }
        if language == .zh { return count(x) + "元" }
        return (x < 0 ? "-¥" : "¥") + (abs(x) >= 100 ? grouped(abs(x)) : decimal(abs(x), digits: 2))
    }

    /// A fraction as a percentage: 0.0228 → "2.28%".
    func percent(_ x: Double) -> String {
        guard x.isFinite else { return "—" }
        return decimal(x * 100, digits: x != 0 && abs(x) < 0.001 ? 3 : 2) + "%"
    }

    /// A percentage for an axis tick: "20%", "2.5%".
    func percentAxis(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        let p = (x * 100 * 1e6).rounded() / 1e6
        return (p == p.rounded() ? String(Int64(p)) : decimal(p, digits: abs(p) < 1 ? 2 : 1)) + "%"
    }

    func decimal(_ x: Double, digits: Int) -> String {
        guard x.isFinite else { return "—" }
        let text = String(format: "%.\(digits)f", x)
        return text == "-" + String(format: "%.\(digits)f", 0.0) ? String(format: "%.\(digits)f", 0.0) : text
    }

    /// Short axis labels: 1.5k / 2M in English, 1.5万 / 2亿 in Chinese.
    func axis(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        let a = abs(x)
        func short(_ v: Double, _ unit: String) -> String {
            let text = v == v.rounded() ? String(Int64(v)) : String(format: "%.1f", v)
            return text + unit
        }
        switch language {
        case .en:
            if a >= 1e9 { return short(x / 1e9, "B") }
            if a >= 1e6 { return short(x / 1e6, "M") }
            if a >= 1e3 { return short(x / 1e3, "k") }
        case .zh:
            if a >= 1e8 { return short(x / 1e8, "亿") }
            if a >= 1e4 { return short(x / 1e4, "万") }
        }
        return x == x.rounded() ? String(Int64(x)) : String(format: a < 1 ? "%.2f" : "%.1f", x)
    }

    /// A KPI's value in its unit (money, rate, seconds, count).
    func kpi(_ kpi: KPI, _ x: Double?) -> String {
        guard let x, x.isFinite else { return "—" }
        switch kpi {
        case .gmvYuan, .averageOrderValueYuan, .gpmYuan, .netGmvYuan, .costYuan, .profitYuan, .lostSalesYuan: return yuan(x)
        case .interactionRate, .clickThroughRate, .conversionRate, .clickToOrderRate, .followRate: return percent(x)
        case .fissionCoefficient: return decimal(x, digits: 3)
        case .roi: return decimal(x, digits: 2) + "×"
        case .averageStaySeconds, .medianStaySeconds, .p90StaySeconds, .averageConcurrent: return decimal(x, digits: 1)
        default: return count(x)
        }
    }

    /// "[low, high]" (or "—" without an interval).
    func interval(_ kpi: KPI, _ low: Double?, _ high: Double?) -> String {
        interval(low, high) { self.kpi(kpi, $0) }
    }

    /// "[low, high]" in any format (or "—" without an interval).
    func interval(_ low: Double?, _ high: Double?, _ format: (Double) -> String) -> String {
        guard let low, let high, low.isFinite, high.isFinite else { return "—" }
        return "[" + format(low) + (language == .zh ? "，" : ", ") + format(high) + "]"
    }

    /// A season KPI's value in its unit: yuan, shares as percentages, ratios
    /// with two decimals, else counts.
    func season(_ kpi: SeasonKPI, _ x: Double?) -> String {
        guard let x, x.isFinite else { return "—" }
        switch kpi.unit {
        case .yuan: return yuan(x)
        case .share: return percent(x)
        case .ratio: return decimal(x, digits: 2) + "×"
        case .count: return count(x)
        }
    }
}
