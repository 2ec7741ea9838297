/// One problem in a configuration: where (a field path such as
/// `channels.kol[0].decayMinutes`), the offending value, and what was expected.
/// The scenario layer adds the file and line.
public struct ConfigurationIssue: Sendable, Equatable, Error, CustomStringConvertible {
    public var path: String
    public var value: String
    public var expected: String

    public init(path: String, value: String, expected: String) {
        self.path = path; self.value = value; self.expected = expected
    }

    public var description: String { "\(path): \(value) — expected \(expected)" }
}

/// Every problem found in a configuration, at once.
public struct InvalidConfiguration: Error, Sendable, CustomStringConvertible {
    public var issues: [ConfigurationIssue]
    public init(issues: [ConfigurationIssue]) { self.issues = issues }
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}

/// Something valid that is probably not what was meant: where (a field path)
/// and why. It does not stop a run.
public struct ConfigurationWarning: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) { self.path = path; self.message = message }

    public var description: String { "\(path): \(message)" }
}
