/// An `Encoder` that builds a ``JSONValue`` directly: the same value as
/// encoding to JSON text and parsing it back (object members sorted by key,
/// every number a `Double`, a `Float` by its shortest decimal form, an absent
/// optional left out), without the text and without `JSONEncoder`'s dynamic
/// casts of every value (Date? URL? Data? a string-keyed dictionary?). Each
/// cast of a type not seen before scans every protocol conformance in the
/// process; the schema's 37 prototypes paid 31 M instructions for it, about
/// 8 ms of every command that loads a scenario.
struct JSONValueEncoder: Encoder {
    /// A value under construction: containers hand out their children's nodes
    /// before those are filled.
    final class Node {
        enum Content {
            case unset
            case value(JSONValue)
            case object([(key: String, node: Node)])
            case array([Node])
        }
        var content = Content.unset

        /// The finished value; an object's members sorted by key (the last of
        /// a repeated key wins), as a JSON object parsed back would be.
        var value: JSONValue {
            switch content {
            case .unset: return .null
            case .value(let v): return v
            case .array(let nodes): return .array(nodes.map(\.value))
            case .object(let members):
                var latest: [String: Int] = [:]
                for (i, m) in members.enumerated() { latest[m.key] = i }
                return .object(latest.keys.sorted().map { JSONValue.Member($0, members[latest[$0]!].node.value) })
            }
        }

        func appendMember(_ key: String) -> Node {
            let child = Node()
            if case .object(var members) = content {
                content = .unset  // one reference to the array, so the append does not copy it
                members.append((key, child))
                content = .object(members)
            } else {
                content = .object([(key, child)])
            }
            return child
        }

        func appendElement() -> Node {
            let child = Node()
            if case .array(var nodes) = content {
                content = .unset
                nodes.append(child)
                content = .array(nodes)
            } else {
                content = .array([child])
            }
            return child
        }

        var elementCount: Int {
            if case .array(let nodes) = content { return nodes.count }
            return 0
        }
    }

    let node: Node
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// `value` as a ``JSONValue``.
    static func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let root = Node()
        try value.encode(to: JSONValueEncoder(node: root, codingPath: []))
        return root.value
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = node.content {} else { node.content = .object([]) }
        return KeyedEncodingContainer(Keyed<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = node.content {} else { node.content = .array([]) }
        return Unkeyed(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(node: node, codingPath: codingPath) }

    /// A number as the JSON round trip gives it: a `Float` by its shortest
    /// decimal text read as a `Double` (0.1 stays 0.1, not 0.10000000149).
    static func number(_ x: Float) -> JSONValue { .number(Double(x.description) ?? Double(x)) }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        let codingPath: [any CodingKey]

        private func put(_ value: JSONValue, _ key: Key) { node.appendMember(key.stringValue).content = .value(value) }

        mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
        mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
        mutating func encode(_ value: Double, forKey key: Key) throws { put(.number(value), key) }
        mutating func encode(_ value: Float, forKey key: Key) throws { put(JSONValueEncoder.number(value), key) }
        mutating func encode(_ value: Int, forKey key: Key) throws { put(.number(Double(value)), key) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { put(.number(Double(value)), key) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { put(.number(Double(value)), key) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { put(.number(Double(value)), key) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { put(.number(Double(value)), key) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { put(.number(Double(value)), key) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { put(.number(Double(value)), key) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { put(.number(Double(value)), key) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { put(.number(Double(value)), key) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { put(.number(Double(value)), key) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try value.encode(to: JSONValueEncoder(node: node.appendMember(key.stringValue), codingPath: codingPath + [key]))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                            forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            JSONValueEncoder(node: node.appendMember(key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            JSONValueEncoder(node: node.appendMember(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder {
            JSONValueEncoder(node: node.appendMember("super"), codingPath: codingPath)
        }

        mutating func superEncoder(forKey key: Key) -> any Encoder {
            JSONValueEncoder(node: node.appendMember(key.stringValue), codingPath: codingPath + [key])
        }
    }

    /// What the unkeyed and single-value containers share: each primitive
    /// becomes one value, put where the container puts values (the next
    /// element, or the node itself).
    protocol PrimitivePutting {
        func put(_ value: JSONValue)
    }

    struct Unkeyed: UnkeyedEncodingContainer, PrimitivePutting {
        let node: Node
        let codingPath: [any CodingKey]
        var count: Int { node.elementCount }

        func put(_ value: JSONValue) { node.appendElement().content = .value(value) }
        private var nextKey: any CodingKey { ElementKey(index: count) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            let key = nextKey
            try value.encode(to: JSONValueEncoder(node: node.appendElement(), codingPath: codingPath + [key]))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let key = nextKey
            return JSONValueEncoder(node: node.appendElement(), codingPath: codingPath + [key]).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let key = nextKey
            return JSONValueEncoder(node: node.appendElement(), codingPath: codingPath + [key]).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder {
            let key = nextKey
            return JSONValueEncoder(node: node.appendElement(), codingPath: codingPath + [key])
        }
    }

    struct Single: SingleValueEncodingContainer, PrimitivePutting {
        let node: Node
        let codingPath: [any CodingKey]

        func put(_ value: JSONValue) { node.content = .value(value) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            try value.encode(to: JSONValueEncoder(node: node, codingPath: codingPath))
        }
    }

    /// The coding key of an array element: its index.
    struct ElementKey: CodingKey {
        let index: Int
        init(index: Int) { self.index = index }
        init?(stringValue: String) { nil }
        init?(intValue: Int) { index = intValue }
        var stringValue: String { "Index \(index)" }
        var intValue: Int? { index }
    }
}

extension JSONValueEncoder.PrimitivePutting {
    mutating func encodeNil() throws { put(.null) }
    mutating func encode(_ value: Bool) throws { put(.bool(value)) }
    mutating func encode(_ value: String) throws { put(.string(value)) }
    mutating func encode(_ value: Double) throws { put(.number(value)) }
    mutating func encode(_ value: Float) throws { put(JSONValueEncoder.number(value)) }
    mutating func encode(_ value: Int) throws { put(.number(Double(value))) }
    mutating func encode(_ value: Int8) throws { put(.number(Double(value))) }
    mutating func encode(_ value: Int16) throws { put(.number(Double(value))) }
    mutating func encode(_ value: Int32) throws { put(.number(Double(value))) }
    mutating func encode(_ value: Int64) throws { put(.number(Double(value))) }
    mutating func encode(_ value: UInt) throws { put(.number(Double(value))) }
    mutating func encode(_ value: UInt8) throws { put(.number(Double(value))) }
    mutating func encode(_ value: UInt16) throws { put(.number(Double(value))) }
    mutating func encode(_ value: UInt32) throws { put(.number(Double(value))) }
    mutating func encode(_ value: UInt64) throws { put(.number(Double(value))) }
}
