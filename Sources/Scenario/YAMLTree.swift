import Foundation
import JSON
import Yams

/// Where a node was written.
public struct SourceLocation: Sendable, Equatable {
    public var file: String
    public var line: Int
    public var column: Int
}

/// A YAML document as a tree of nodes that remember their file and line, so
/// trees from an `extends` chain can be merged and every error still points at
/// the right file. Package-wide, so experiment files read in other targets
/// (calibration) report problems where they are written.
package struct YAMLNode: Sendable {
    package enum Value: Sendable {
        case null
        case bool(Bool)
        case integer(Int)
        case number(Double)
        case string(String)
        case mapping([(key: String, keyLocation: SourceLocation, value: YAMLNode)])
        case sequence([YAMLNode])
    }

    package var value: Value
    package var location: SourceLocation
    /// A plain scalar as written (`.nan`, `1_000`, `yes`), for messages.
    var written: String? = nil

    /// libyaml's limit on nesting (its `MAX_NESTING_LEVEL`).
    static let maximumNesting = 1_000

    /// Parses `text` (from `file`). Rejects empty documents, several documents,
    /// non-string keys, and anchors and aliases (so an alias bomb fails before
    /// it is expanded).
    package static func parse(_ text: String, file: String) throws(ScenarioErrors) -> YAMLNode {
        let root: Node?
        let parser: Parser
        do {
            // No resolver rules: Yams' default ones are regular expressions,
            // whose compilation starts ICU (milliseconds of every run). Plain
            // scalars are typed below, as those rules would.
            parser = try Parser(yaml: text, resolver: .basic, constructor: .default, encoding: .utf8)
            root = try parser.singleRoot()
        } catch let error as YamlError {
            throw ScenarioErrors([YAMLNode.describe(error, file: file)])
        } catch {
            throw ScenarioErrors([ScenarioError(file: file, path: "", value: "unreadable YAML (\(error))", expected: "a YAML mapping")])
        }
        guard let root else {
            throw ScenarioErrors([ScenarioError(file: file, path: "", value: "an empty file", expected: "a YAML mapping of scenario keys")])
        }
        // Yams holds node anchors weakly, owned by the parser: keep it alive
        // while the tree is checked for them.
        return try withExtendedLifetime(parser) { () throws(ScenarioErrors) -> YAMLNode in
            try convert(root, file: file, path: "")
        }
    }

    private static func location(_ node: Node, _ file: String) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
    }

    /// A plain scalar's boolean under YAML 1.1 (the words Yams' default
    /// resolver reads as booleans, in the same three spellings each).
    static func yamlBool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": false
        default: nil
        }
    }

    private static func convert(_ node: Node, file: String, path: String) throws(ScenarioErrors) -> YAMLNode {
        let here = location(node, file)
        if node.anchor != nil {
            throw ScenarioErrors([ScenarioError(file: file, line: here.line, column: here.column, path: path,
                                                value: "a YAML anchor or alias", expected: "plain values (anchors and aliases are not accepted)")])
        }
        switch node {
        case .scalar(let scalar):
            let value: Value
            if scalar.style == .plain, node.null != nil { value = .null }
            else if scalar.style == .plain, let b = yamlBool(scalar.string) { value = .bool(b) }
            else if scalar.style == .plain, let i = node.int { value = .integer(i) }
            else if scalar.style == .plain, let x = node.float { value = .number(x) }
            else { value = .string(scalar.string) }
            return YAMLNode(value: value, location: here, written: scalar.style == .plain ? scalar.string : nil)
        case .mapping(let mapping):
            var pairs: [(key: String, keyLocation: SourceLocation, value: YAMLNode)] = []
            for (key, child) in mapping {
                guard case .scalar(let k) = key else {
                    let l = location(key, file)
                    throw ScenarioErrors([ScenarioError(file: file, line: l.line, column: l.column, path: path,
                                                        value: "a non-text key", expected: "keys that are plain names")])
                }
                if key.anchor != nil {
                    let l = location(key, file)
                    throw ScenarioErrors([ScenarioError(file: file, line: l.line, column: l.column, path: path,
                                                        value: "a YAML anchor or alias", expected: "plain values (anchors and aliases are not accepted)")])
                }
                let childPath = path.isEmpty ? k.string : "\(path).\(k.string)"
                pairs.append((k.string, location(key, file), try convert(child, file: file, path: childPath)))
            }
            return YAMLNode(value: .mapping(pairs), location: here)
        case .sequence(let sequence):
            var items: [YAMLNode] = []
            for (i, child) in sequence.enumerated() {
                items.append(try convert(child, file: file, path: "\(path)[\(i)]"))
            }
            return YAMLNode(value: .sequence(items), location: here)
        case .alias:
            throw ScenarioErrors([ScenarioError(file: file, line: here.line, column: here.column, path: path,
                                                value: "a YAML alias", expected: "plain values (anchors and aliases are not accepted)")])
        }
    }

    private static func describe(_ error: YamlError, file: String) -> ScenarioError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            if problem.contains("yaml_set_max_nest_level") {
                // libyaml's limit on nested mappings and lists (its own wording names its API).
                return ScenarioError(file: file, line: mark.line, column: mark.column, path: "",
                                     value: "nested deeper than \(maximumNesting) levels",
                                     expected: "a YAML mapping of scenario keys nested at most \(maximumNesting) levels deep")
            }
            return ScenarioError(file: file, line: mark.line, column: mark.column, path: "", value: "not valid YAML (\(problem))",
                                 expected: "a YAML mapping of scenario keys")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ScenarioError(file: file, line: context.mark.line, column: context.mark.column, path: "",
                                 value: "duplicate key \(duplicates.joined(separator: ", "))", expected: "each key once per mapping")
        case .reader(let problem, _, _, _):
            return ScenarioError(file: file, path: "", value: "not readable as UTF-8 text (\(problem))", expected: "a YAML text file")
        default:
            return ScenarioError(file: file, path: "", value: "not valid YAML (\(error))", expected: "a YAML mapping of scenario keys")
        }
    }

    /// `extends` merge: mappings merge key by key, recursively; anything else
    /// in the child replaces the parent's.
    static func merge(parent: YAMLNode, child: YAMLNode) -> YAMLNode {
        guard case .mapping(let p) = parent.value, case .mapping(let c) = child.value else { return child }
        var merged = p
        for entry in c {
            if let i = merged.firstIndex(where: { $0.key == entry.key }) {
                merged[i] = (entry.key, entry.keyLocation, merge(parent: merged[i].value, child: entry.value))
            } else {
                merged.append(entry)
            }
        }
        return YAMLNode(value: .mapping(merged), location: child.location)
    }

    /// A short rendering of the value for messages.
    package var summary: String {
        switch value {
        case .null: written ?? "null"
        case .bool(let b): written ?? String(b)
        case .integer(let i): written ?? String(i)
        case .number(let x): written ?? JSONValue.format(x)
        case .string(let s): s.count > 60 ? "\"\(s.prefix(57))...\"" : "\"\(s)\""
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }
}

extension YAMLNode {
    /// A node written at `location`: a mapping's key as a node, so a problem
    /// with it points where the key is written.
    package init(_ value: Value, at location: SourceLocation) {
        self.init(value: value, location: location)
    }
}
