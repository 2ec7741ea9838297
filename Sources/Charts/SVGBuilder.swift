/// Appends SVG markup: elements with attributes, text and attribute values
/// escaped for XML, coordinates written as short finite decimals. Charts
/// build their markup with it, so every chart is well-formed by construction.
public struct SVGBuilder: Sendable {
    public private(set) var markup = ""

    public init() {}

    /// Opens `<name attributes…>`; close it with ``close(_:)``.
    public mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        markup += "<" + name
        appendAttributes(attributes)
        markup += ">"
    }

    public mutating func close(_ name: String) {
        markup += "</" + name + ">"
    }

    /// `<name attributes…/>`, or `<name …>text</name>` when `text` is given.
    public mutating func element(_ name: String, _ attributes: [(String, String)] = [], text: String? = nil) {
        markup += "<" + name
        appendAttributes(attributes)
        if let text {
            markup += ">" + xmlEscaped(text) + "</" + name + ">"
        } else {
            markup += "/>"
        }
    }

    /// A `<title>` child: the tooltip browsers show on hover (no scripts needed).
    public mutating func title(_ text: String) {
        element("title", text: text)
    }

    /// Appends markup built elsewhere (another builder's output).
    public mutating func append(raw: String) {
        markup += raw
    }

    private mutating func appendAttributes(_ attributes: [(String, String)]) {
        for (key, value) in attributes {
            markup += " " + key + "=\"" + xmlEscaped(value) + "\""
        }
    }
}

/// Text safe inside XML elements and quoted attributes: `&`, `<`, `>`, `"`
/// and `'` become entities; every other character (Chinese included) stays.
/// Characters XML forbids (control characters other than tab and newlines)
/// are dropped.
public func xmlEscaped(_ text: String) -> String {
    // Most text (labels, numbers, ids) needs nothing: one pass over its
    // bytes, and it is returned as it is. 0xEF may begin U+FFFE or U+FFFF.
    let needsWork = text.utf8.contains { byte in
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0xEF: true
        case UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): false
        default: byte < 0x20
        }
    }
    guard needsWork else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
        default:
            if scalar.value >= 0x20 && !(0xFFFE...0xFFFF).contains(scalar.value) { out.unicodeScalars.append(scalar) }
        }
    }
    return out
}

/// A coordinate as SVG text: at most two decimals, no exponent, never NaN
/// (non-finite values are written as 0, callers filter them first).
public func svgNumber(_ x: Double) -> String {
    guard x.isFinite else { return "0" }
    let clamped = min(max(x, -1e9), 1e9)
    let hundredths = (clamped * 100).rounded()
    if hundredths == hundredths.rounded(.towardZero), hundredths.truncatingRemainder(dividingBy: 100) == 0 {
        return String(Int(hundredths / 100))
    }
    let whole = Int(hundredths) / 100, fraction = abs(Int(hundredths) % 100)
    let sign = hundredths < 0 && whole == 0 ? "-" : ""
    return fraction % 10 == 0 ? "\(sign)\(whole).\(fraction / 10)" : "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
}
