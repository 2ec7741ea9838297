import JSON
/// A field path into a scenario, as Docs/formats.md writes them:
/// `promotions[0].offers[1].priceYuan`, `host.charisma`.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    public enum Component: Sendable, Hashable { case key(String), index(Int) }
    public let components: [Component]
    public let description: String

    /// Nil when the text is not a path (empty keys, a bad index).
    public init?(_ text: String) {
        var components: [Component] = []
        var key = ""
        var chars = Array(text)[...]
        func flushKey() -> Bool {
            guard !key.isEmpty else { return false }
            components.append(.key(key)); key = ""; return true
        }
        while let c = chars.first {
            chars = chars.dropFirst()
            switch c {
            case ".":
                if !key.isEmpty { _ = flushKey() } else if case .index = components.last {} else { return nil }
            case "[":
                if !key.isEmpty { _ = flushKey() }
                guard let close = chars.firstIndex(of: "]"), let i = Int(String(chars[chars.startIndex..<close])), i >= 0 else { return nil }
                components.append(.index(i))
                chars = chars[chars.index(after: close)...]
            default:
                key.append(c)
            }
        }
        if !key.isEmpty { _ = flushKey() }
        guard case .key = components.first else { return nil }
        self.components = components
        description = text
    }
}

extension YAMLNode {
    /// This tree with the value at `path` replaced (intermediate mappings are
    /// created; list indices must exist). Nil when the path does not fit the tree.
    func setting(_ path: ArraySlice<FieldPath.Component>, to value: YAMLNode) -> YAMLNode? {
        guard let first = path.first else { return value }
        let rest = path.dropFirst()
        switch (first, self.value) {
        case (.key(let k), .mapping(var entries)):
            if let i = entries.firstIndex(where: { $0.key == k }) {
                guard let child = entries[i].value.setting(rest, to: value) else { return nil }
                entries[i].value = child
            } else {
                let empty = YAMLNode(value: .mapping([]), location: value.location)
                guard let child = (rest.isEmpty ? value : empty.setting(rest, to: value)) else { return nil }
                entries.append((k, value.location, child))
            }
            return YAMLNode(value: .mapping(entries), location: location)
        case (.index(let i), .sequence(var items)):
            guard i < items.count, let child = items[i].setting(rest, to: value) else { return nil }
            items[i] = child
            return YAMLNode(value: .sequence(items), location: location)
        default:
            return nil
        }
    }

    /// A JSON value as a node written at `location`.
    init(_ json: JSONValue, location: SourceLocation) {
        switch json {
        case .null: self.init(value: .null, location: location)
        case .bool(let b): self.init(value: .bool(b), location: location)
        case .number(let x):
            self.init(value: x == x.rounded() && abs(x) < 1e15 ? .integer(Int(x)) : .number(x), location: location)
        case .string(let s): self.init(value: .string(s), location: location)
        case .array(let items): self.init(value: .sequence(items.map { YAMLNode($0, location: location) }), location: location)
        case .object(let members):
            self.init(value: .mapping(members.map { ($0.key, location, YAMLNode($0.value, location: location)) }), location: location)
        }
    }
}

extension FieldPath {
    /// Why this path names no field of a scenario whose resolved form is
    /// `base` (an unknown key, an index the list lacks), as the value and
    /// what was expected; nil when it names one.
    package func problem(in base: JSONValue) -> (value: String, expected: String)? {
        var node = ScenarioSchema.root
        var value: JSONValue? = base
        var walked = ""
        for component in components {
            switch (component, node) {
            case (.key(let k), .object(let shape)):
                let names = shape.properties.map(\.name).filter { !(walked.isEmpty && $0 == "extends") }
                guard let property = shape.property(k), names.contains(k) else {
                    return ("unknown key `\(k)`" + (walked.isEmpty ? "" : " in \(walked)"), Resolver.suggestion(k, names))
                }
                node = property.node
                value = value?[k]
            case (.key(let k), .map(let inner)):
                node = inner
                value = value?[k]
            case (.key(let k), .weights):
                node = .number(.init(minimum: 0))
                value = value?[k]
            case (.index(let i), .array(let element)):
                var count = 0
                if case .array(let items)? = value { count = items.count }
                guard i < count, case .array(let items)? = value else {
                    return ("\(walked)[\(i)]: no such element", "an index of an element \(walked) has in the base (\(count) there)")
                }
                node = element
                value = items[i]
            case (.index(let i), _):
                return ("[\(i)] on \(walked)", "a key: \(walked) is \(node.typeName), not a list")
            case (.key(let k), _):
                return ("`\(k)` on \(walked)", "nothing after \(walked): it is \(node.typeName)")
            }
            switch component {
            case .key(let k): walked += walked.isEmpty ? k : ".\(k)"
            case .index(let i): walked += "[\(i)]"
            }
        }
        return nil
    }
}

extension FieldPath {
    /// The schema node this path names, nil when it names none: experiment
    /// files that search over a path (calibration's `fit`) need to know
    /// whether a value there is a number, a whole number or something else.
    package var schemaNode: SchemaNode? {
        var node = ScenarioSchema.root
        for component in components {
            switch (component, node) {
            case (.key(let k), .object(let shape)):
                guard let property = shape.property(k) else { return nil }
                node = property.node
            case (.key, .map(let inner)): node = inner
            case (.key, .weights): node = .number(.init(minimum: 0))
            case (.index, .array(let element)): node = element
            default: return nil
            }
        }
        return node
    }
}

extension JSONValue {
    /// This value with the value at `path` replaced; nil when the path does
    /// not exist (a missing key or index: fitted paths must be in the resolved form).
    package func setting(_ path: ArraySlice<FieldPath.Component>, to value: JSONValue) -> JSONValue? {
        guard let first = path.first else { return value }
        let rest = path.dropFirst()
        switch (first, self) {
        case (.key(let k), .object(var members)):
            guard let i = members.firstIndex(where: { $0.key == k }), let child = members[i].value.setting(rest, to: value) else { return nil }
            members[i].value = child
            return .object(members)
        case (.index(let i), .array(var items)):
            guard i < items.count, let child = items[i].setting(rest, to: value) else { return nil }
            items[i] = child
            return .array(items)
        default:
            return nil
        }
    }

    /// The value at `path`, if any.
    package func value(at path: ArraySlice<FieldPath.Component>) -> JSONValue? {
        guard let first = path.first else { return self }
        switch (first, self) {
        case (.key(let k), .object):
            return self[k]?.value(at: path.dropFirst())
        case (.index(let i), .array(let items)):
            return i < items.count ? items[i].value(at: path.dropFirst()) : nil
        default:
            return nil
        }
    }
}
