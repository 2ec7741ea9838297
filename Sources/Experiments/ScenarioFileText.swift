import Foundation
import JSON
import Scenario

/// A scenario written out as a stand-alone file with values set at field
/// paths: `calibrated.yaml` (the estimates), `best.yaml` (an optimiser's
/// choice). It is the base's *resolved* form (its `extends` chain merged,
/// every default written out) rather than a small file that `extends:` the
/// base: an `extends` path is relative to the file that holds it, so a file
/// that pointed back at the base would break as soon as the output folder
/// moved, or the base changed under it. Written out, it runs as it is
/// (`livesim run best.yaml`) from any folder and keeps meaning what it says.
public enum ScenarioFileText {
    /// Top-level sections in the order of the shipped scenarios.
    static let order = ["name", "description", "seed", "replications", "stream", "host", "viewers", "channels", "products", "runOfShow",
                        "hostSchedule", "guests", "events", "streamQuality", "roomWeight", "promotions", "trust", "checkout", "returns",
                        "variation", "season"]

    /// The file's text.
    /// - Parameters:
    ///   - base: the base scenario.
    ///   - settings: field paths and their values, set in the base's resolved form.
    ///   - nameSuffix: appended to the scenario's `name` (`-calibrated`, `-best`).
    ///   - header: comment lines written first (without `#`).
    /// - Throws: ``ExperimentError`` when a path is not in the base's resolved form.
    public static func text(base: LoadedScenario, settings: [(path: String, value: JSONValue)], nameSuffix: String,
                            header: [String] = []) throws(ExperimentError) -> String {
        var tree = base.resolved
        for (path, value) in settings {
            guard let fieldPath = FieldPath(path), let changed = tree.setting(fieldPath.components[...], to: value) else {
                throw .badInput("\(base.file): \(path) is not a field of the resolved scenario; expected a path such as viewers.meanStaySecondsAtReference")
            }
            tree = changed
        }
        if case .string(let name)? = tree["name"] { tree.set("name", .string(name + nameSuffix)) }
        var out = header.map { $0.isEmpty ? "#\n" : "# \($0)\n" }.joined()
        guard case .object(var members) = tree else { return out }
        // Sections in the order scenario files write them (the resolved form is sorted by key).
        members.sort { (order.firstIndex(of: $0.key) ?? order.count, $0.key) < (order.firstIndex(of: $1.key) ?? order.count, $1.key) }
        for member in members where member.value != .null {
            out += YAMLText.member(member.key, member.value, indent: 0)
        }
        return out
    }
}

/// Block-style YAML of JSON values: mappings as `key: value`, lists as
/// `- item`, strings double-quoted (JSON escapes are YAML escapes too), and
/// numbers in a form YAML reads back as the same number.
enum YAMLText {
    static func member(_ key: String, _ value: JSONValue, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        let k = self.key(key)
        switch value {
        case .object(let members):
            let present = members.filter { $0.value != .null }
            if present.isEmpty { return "\(pad)\(k): {}\n" }
            return "\(pad)\(k):\n" + present.map { member($0.key, $0.value, indent: indent + 2) }.joined()
        case .array(let items):
            if items.isEmpty { return "\(pad)\(k): []\n" }
            return "\(pad)\(k):\n" + items.map { item($0, indent: indent + 2) }.joined()
        default:
            return "\(pad)\(k): \(scalar(value))\n"
        }
    }

    static func item(_ value: JSONValue, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .object(let members):
            let present = members.filter { $0.value != .null }
            if present.isEmpty { return "\(pad)- {}\n" }
            // The first member on the dash's line, the rest under it.
            var lines = present.map { member($0.key, $0.value, indent: indent + 2) }.joined()
            lines.replaceSubrange(lines.startIndex..<lines.index(lines.startIndex, offsetBy: indent + 2), with: pad + "- ")
            return lines
        case .array(let items):
            if items.isEmpty { return "\(pad)- []\n" }
            return "\(pad)-\n" + items.map { item($0, indent: indent + 2) }.joined()
        default:
            return "\(pad)- \(scalar(value))\n"
        }
    }

    static func scalar(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let x):
            var text = JSONValue.format(x)
            // YAML 1.1 floats need a point before an exponent (1.0e-05, not 1e-05).
            if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }), !text[..<e].contains(".") {
                text.insert(contentsOf: ".0", at: e)
            }
            return text
        case .string(let s): return JSONValue.quote(s)
        case .array, .object: return value.text()
        }
    }

    static func key(_ key: String) -> String {
        let plain = !key.isEmpty && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
            && !(key.first!.isNumber || key.first == "-") && YAMLTextReserved.words.contains(key.lowercased()) == false
        return plain ? key : JSONValue.quote(key)
    }
}

/// Plain words YAML would read as something other than a string key.
enum YAMLTextReserved {
    static let words: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"]
}
