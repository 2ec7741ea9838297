import Foundation

/// Numbers as exports write them in text cells: surrounding spaces,
/// thousands separators (`12,345`), a `万` or `亿` suffix (`1.2万` = 12,000),
/// a `%` suffix (a fraction: `3.1%` = 0.031) and a leading `¥`.
enum CellNumber {
    /// The number `text` writes, nil when it writes none (`abc`, `-`, `1,2`, `nan`).
    static func parse(_ text: String) -> Double? {
        let blank = CharacterSet.whitespacesAndNewlines.union(.init(charactersIn: "\u{3000}\u{00A0}"))
        var s = Substring(text.trimmingCharacters(in: blank))
        if let first = s.first, first == "¥" || first == "￥" { s = Substring(s.dropFirst().trimmingCharacters(in: blank)) }
        var shift = 0
        if let last = s.last {
            switch last {
            case "%", "％": shift = -2
            case "万": shift = 4
            case "亿": shift = 8
            default: break
            }
            if shift != 0 { s = Substring(s.dropLast().trimmingCharacters(in: blank)) }
        }
        guard let plain = withoutThousandsSeparators(s), isDecimal(plain) else { return nil }
        let exponentWritten = plain.contains { $0 == "e" || $0 == "E" }
        // Shifting the decimal exponent in the text keeps 3.1% exactly the double written 0.031.
        let value = exponentWritten ? Double(plain).map { $0 * pow(10, Double(shift)) } : Double(plain + (shift == 0 ? "" : "e\(shift)"))
        guard let value, value.isFinite else { return nil }
        return value
    }

    /// `12,345.6` as `12345.6`; nil when the commas do not group thousands.
    private static func withoutThousandsSeparators(_ s: Substring) -> String? {
        guard s.contains(",") else { return String(s) }
        var body = s
        if let first = body.first, first == "-" || first == "+" { body = body.dropFirst() }
        let integer = body.prefix { $0 != "." && $0 != "e" && $0 != "E" }
        let groups = integer.split(separator: ",", omittingEmptySubsequences: false)
        guard let head = groups.first, (1...3).contains(head.count),
              groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        return s.replacingOccurrences(of: ",", with: "")
    }

    /// Whether `s` is a plain decimal: an optional sign, digits with an
    /// optional point, an optional exponent (no `nan`, `inf` or hexadecimal).
    private static func isDecimal(_ s: String) -> Bool {
        var chars = Substring(s)
        if let first = chars.first, first == "-" || first == "+" { chars = chars.dropFirst() }
        let mantissa = chars.prefix { $0 != "e" && $0 != "E" }
        let exponent = chars.dropFirst(mantissa.count)
        let digits = mantissa.filter { $0 != "." }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigitLike), mantissa.filter({ $0 == "." }).count <= 1 else { return false }
        guard !exponent.isEmpty else { return true }
        var e = exponent.dropFirst()
        if let first = e.first, first == "-" || first == "+" { e = e.dropFirst() }
        return !e.isEmpty && e.allSatisfy(\.isASCIIDigitLike)
    }
}

private extension Character {
    var isASCIIDigitLike: Bool { ("0"..."9").contains(self) }
}
