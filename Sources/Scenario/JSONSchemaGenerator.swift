import JSON
/// `livesim schema`: the scenario format as JSON Schema (Draft 2020-12),
/// generated from ``ScenarioSchema``, the same definition the loader uses.
public enum JSONSchemaGenerator {
    public static func generate() -> JSONValue {
        guard case .object(var members) = node(ScenarioSchema.root, default: nil) else { return .null }
        members.insert(.init("$schema", .string("https://json-schema.org/draft/2020-12/schema")), at: 0)
        members.insert(.init("$id", .string("https://livesim.invalid/schema/scenario.json")), at: 1)
        members.insert(.init("title", .string("LiveSim scenario")), at: 2)
        members.insert(.init("description", .string("A live-stream commerce scenario (see Docs/formats.md). Every field has a default.")), at: 3)
        return .object(members)
    }

    private static func node(_ schema: SchemaNode, default value: JSONValue?, nullable: Bool = false, description: String? = nil) -> JSONValue {
        var m: [JSONValue.Member] = []
        func type(_ name: String) -> JSONValue {
            nullable ? .array([.string(name), .string("null")]) : .string(name)
        }
        if let description { m.append(.init("description", .string(description))) }
        switch schema {
        case .number(let range), .integer(let range):
            if case .integer = schema { m.append(.init("type", type("integer"))) } else { m.append(.init("type", type("number"))) }
            if let low = range.minimum {
                m.append(.init(range.exclusiveMinimum ? "exclusiveMinimum" : "minimum", .number(low)))
            }
            if let high = range.maximum {
                m.append(.init(range.exclusiveMaximum ? "exclusiveMaximum" : "maximum", .number(high)))
            }
            if let value { m.append(.init("default", value)) }
        case .string:
            m.append(.init("type", type("string")))
            if let value { m.append(.init("default", value)) }
        case .enumeration(let values):
            m.append(.init("type", type("string")))
            m.append(.init("enum", .array(values.map { .string($0) })))
            if let value { m.append(.init("default", value)) }
        case .boolean:
            m.append(.init("type", type("boolean")))
            if let value { m.append(.init("default", value)) }
        case .object(let shape):
            m.append(.init("type", type("object")))
            let defaults = value ?? shape.prototype
            m.append(.init("properties", .object(shape.properties.map {
                .init($0.name, node($0.node, default: defaults[$0.name], nullable: $0.nullable, description: $0.description))
            })))
            if !shape.required.isEmpty { m.append(.init("required", .array(shape.required.map { .string($0) }))) }
            m.append(.init("additionalProperties", .bool(false)))
        case .array(let element):
            m.append(.init("type", type("array")))
            m.append(.init("items", node(element, default: nil)))
        case .map(let valueSchema):
            m.append(.init("type", type("object")))
            m.append(.init("additionalProperties", node(valueSchema, default: nil)))
        case .weights:
            m.append(.init("type", type("object")))
            m.append(.init("additionalProperties", .object([.init("type", .string("number")), .init("minimum", .number(0))])))
            if let value { m.append(.init("default", value)) }
        }
        return .object(m)
    }
}
