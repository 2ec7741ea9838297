/// One problem in a scenario file: the file, the line and column where the
/// YAML parser can tell them, the field path (`channels.kol[0].decayMinutes`),
/// the value found and what was expected. Errors are data; the command line
/// renders them.
public struct ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    /// Field path; empty for a problem with the whole file.
    public var path: String
    public var value: String
    public var expected: String

    public init(file: String, line: Int? = nil, column: Int? = nil, path: String, value: String, expected: String) {
        self.file = file; self.line = line; self.column = column
        self.path = path; self.value = value; self.expected = expected
    }

    /// `file:line:column: path: value — expected …`
    public var description: String {
        var location = file
        if let line { location += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        let subject = path.isEmpty ? value : "\(path): \(value)"
        return "\(location): \(subject) — expected \(expected)"
    }
}

/// Every problem found in a scenario, at once.
public struct ScenarioErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [ScenarioError]
    public init(_ errors: [ScenarioError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// Something in a valid scenario file that is probably not what was meant:
/// the file, line and column where it was written, the field path and why.
/// It does not stop a run; the command line prints it.
public struct ScenarioWarning: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var path: String
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, path: String, message: String) {
        self.file = file; self.line = line; self.column = column
        self.path = path; self.message = message
    }

    /// `file:line:column: path: message` (print it after `warning: `).
    public var description: String {
        var location = file
        if let line { location += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        return "\(location): \(path): \(message)"
    }
}
