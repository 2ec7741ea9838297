/// Why an experiment did not run or did not finish. The command line turns
/// ``Kind/badInput`` into exit status 2 (nothing was written) and
/// ``Kind/failure`` into 1; every message names what it is about (a file, an
/// option, a folder), the value and what was expected.
public struct ExperimentError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The input is wrong: an option, a folder, a shard, a scenario that cannot run.
        case badInput
        /// The input was accepted but the work failed (a disk error, say).
        case failure
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) { self.kind = kind; self.message = message }

    public static func badInput(_ message: String) -> ExperimentError { ExperimentError(.badInput, message) }
    public static func failure(_ message: String) -> ExperimentError { ExperimentError(.failure, message) }

    public var description: String { message }
}
