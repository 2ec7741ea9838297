import Audience
import JSON

/// The shape of scenario files, defined once: the loader checks files against
/// it, fills in defaults from it, and `livesim schema` prints it as JSON Schema.
public indirect enum SchemaNode: Sendable {
    case number(NumberRange)
    case integer(NumberRange)
    case string
    /// Text from a fixed list.
    case enumeration([String])
    case boolean
    case object(ObjectShape)
    case array(SchemaNode)
    /// A mapping from free names to values of one shape (segments): given
    /// entries merge with the default entries.
    case map(SchemaNode)
    /// Weights by name (segment mixes): a given mapping replaces the default
    /// one whole, so `{neutral: 1}` means only `neutral`.
    case weights

    /// Bounds of a number: the model's own ranges (``RangedFields``), so the
    /// validation and the JSON Schema state the same limits.
    public typealias NumberRange = ValueRange

    /// An object's properties, its required keys and the value its defaults
    /// come from when the object is written afresh (an optional section or a
    /// list element).
    public struct ObjectShape: Sendable {
        public var properties: [Property]
        public var required: [String] = []
        public var prototype: JSONValue

        public func property(_ name: String) -> Property? { properties.first { $0.name == name } }
    }

    public struct Property: Sendable {
        public var name: String
        public var node: SchemaNode
        public var description: String
        /// Null (or absence) switches it off: optional channels and sections,
        /// open ends; a nullable list (partners) becomes empty.
        public var nullable = false
    }

    var typeName: String {
        switch self {
        case .number: "a number"
        case .integer: "a whole number"
        case .string: "text"
        case .enumeration(let values): "one of " + values.joined(separator: ", ")
        case .boolean: "true or false"
        case .object: "a mapping"
        case .array: "a list"
        case .map: "a mapping of names"
        case .weights: "a mapping of names to weights ≥ 0"
        }
    }
}
