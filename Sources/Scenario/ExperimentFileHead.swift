import Foundation
import JSON

/// What every experiment file (sweep, calibration, optimisation) starts
/// with, read once: the file's bytes and YAML tree, its unknown keys, the
/// base scenario relative to the file, and the common keys `name`,
/// `description`, `seed` and whole-number settings. Problems are collected in
/// ``errors`` (file, line, column, field path, value, what was expected), so
/// a loader reports every mistake at once.
package struct ExperimentFileHead {
    package let file: String
    /// SHA-256 of the file's bytes.
    package let sha256: String
    package let tree: YAMLNode
    package let entries: [(key: String, keyLocation: SourceLocation, value: YAMLNode)]
    package let base: LoadedScenario
    /// The base file's path, relative to the working directory.
    package let baseFile: String
    /// The file's name without extension, or its `name:`.
    package private(set) var name: String
    /// The file's `description:`, empty when absent.
    package private(set) var description = ""
    package var errors: [ScenarioError] = []

    /// Reads `file` as a YAML mapping of `keys` with a `base:` scenario.
    /// - Parameters:
    ///   - kind: what the file is, for messages ("sweep", "calibration").
    ///   - shape: what the mapping holds, for the message when it is not a mapping.
    /// - Throws: when the file cannot be read or parsed, or the base is missing or bad
    ///   (with the unknown-key errors found so far).
    package init(file: String, kind: String, keys: [String], shape: String) throws(ScenarioErrors) {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            throw ScenarioErrors([ScenarioError(file: file, path: "", value: "cannot be read (no such file, or no permission)",
                                                expected: "a readable \(kind) file")])
        }
        guard data.count <= ScenarioLoader.maximumFileBytes, let text = String(data: data, encoding: .utf8) else {
            throw ScenarioErrors([ScenarioError(file: file, path: "", value: "not UTF-8 text of at most \(ScenarioLoader.maximumFileBytes) bytes",
                                                expected: "a YAML \(kind) file")])
        }
        self.file = file
        sha256 = ScenarioLoader.sha256(data)
        let tree = try Self.parse(text, file: file)
        guard case .mapping(let entries) = tree.value else {
            throw ScenarioErrors([Self.error(file, tree, "", "a YAML mapping with \(shape)")])
        }
        self.tree = tree
        self.entries = entries
        var errors: [ScenarioError] = []
        for e in entries where !keys.contains(e.key) {
            errors.append(ScenarioError(file: file, line: e.keyLocation.line, column: e.keyLocation.column, path: e.key,
                                        value: "an unknown key", expected: "one of \(keys.joined(separator: ", "))"))
        }
        let baseNode = entries.first { $0.key == "base" }?.value
        guard let baseNode, case .string(let baseName) = baseNode.value else {
            throw ScenarioErrors(errors + [Self.error(file, baseNode ?? tree, "base", "the path of the base scenario file (relative to the \(kind) file)",
                                                      found: baseNode == nil ? "missing" : nil)])
        }
        let directory = (file as NSString).deletingLastPathComponent
        baseFile = baseName.hasPrefix("/") || directory.isEmpty ? baseName : (directory as NSString).appendingPathComponent(baseName)
        do { base = try ScenarioLoader.load(file: baseFile) } catch { throw ScenarioErrors(errors + error.errors) }
        name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        self.errors = errors
        if let n = entry("name") {
            if case .string(let s) = n.value, !s.isEmpty, !s.contains(where: { "/\\:*?\"<>|".contains($0) || $0.isNewline }), !s.hasPrefix(".") {
                name = s
            } else {
                error(n, "name", "a name usable in a folder name")
            }
        }
        if let n = entry("description") {
            if case .string(let s) = n.value { description = s } else { error(n, "description", "text") }
        }
    }

    /// An experiment file's YAML. Field paths with indices inside flow
    /// collections (`{sum: [boosts[0].budgetYuan, boosts[1].budgetYuan]}`) are
    /// not plain YAML scalars: where the text does not parse as it is, they
    /// are read as the strings they mean.
    package static func parse(_ text: String, file: String) throws(ScenarioErrors) -> YAMLNode {
        do { return try YAMLNode.parse(text, file: file) } catch {
            let quoted = quotingIndexedPaths(text)
            guard quoted != text, let retried = try? YAMLNode.parse(quoted, file: file) else { throw error }
            return retried
        }
    }

    /// `text` with every unquoted field path holding an index (`boosts[0].budgetYuan`)
    /// double-quoted: YAML reads `[` and `,` inside `{…}` and `[…]` as structure.
    static func quotingIndexedPaths(_ text: String) -> String {
        let name = "[A-Za-z_][A-Za-z0-9_]*"
        let pattern = "(?<![\"'A-Za-z0-9_.\\]])\(name)(?:\\.\(name)|\\[[0-9]+\\])*\\[[0-9]+\\](?:\\.\(name)|\\[[0-9]+\\])*(?![\"'A-Za-z0-9_])"
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return text }
        return regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "\"$0\"")
    }

    /// The value of top-level `key`, if written.
    package func entry(_ key: String) -> YAMLNode? { entries.first { $0.key == key }?.value }

    /// A path written in the file, relative to the file's folder.
    package func relative(_ name: String) -> String {
        let directory = (file as NSString).deletingLastPathComponent
        return name.hasPrefix("/") || directory.isEmpty ? name : (directory as NSString).appendingPathComponent(name)
    }

    /// `key` as a whole number in `range`, or `fallback` when absent (an error when bad).
    package mutating func integer(_ key: String, in range: ClosedRange<Int>, default fallback: Int) -> Int {
        guard let n = entry(key) else { return fallback }
        if case .integer(let value) = n.value, range.contains(value) { return value }
        error(n, key, "a whole number from \(range.lowerBound) to \(range.upperBound)")
        return fallback
    }

    /// The seed: the command line's, else the file's, else the base's.
    package mutating func seed(override: UInt64?) -> UInt64 {
        var seed = base.document.seed
        if let n = entry("seed") {
            if case .integer(let s) = n.value, s >= 0, UInt64(s) <= ScenarioLoader.maximumSeed { seed = UInt64(s) } else {
                error(n, "seed", "a whole number from 0 to 2^53")
            }
        }
        if let override { seed = override }
        if seed > ScenarioLoader.maximumSeed {
            errors.append(ScenarioError(file: file, path: "seed", value: String(seed), expected: "0 to 2^53 (the --seed given)"))
        }
        return seed
    }

    /// Records a problem with `node`, written at field path `path`.
    package mutating func error(_ node: YAMLNode, _ path: String, _ expected: String, found: String? = nil) {
        errors.append(Self.error(file, node, path, expected, found: found))
    }

    /// Records a problem written at `location` (a mapping key's place).
    package mutating func error(at location: SourceLocation, _ path: String, value: String, expected: String) {
        errors.append(ScenarioError(file: file, line: location.line, column: location.column, path: path, value: value, expected: expected))
    }

    package static func error(_ file: String, _ node: YAMLNode, _ path: String, _ expected: String, found: String? = nil) -> ScenarioError {
        ScenarioError(file: file, line: node.location.line, column: node.location.column, path: path,
                      value: found ?? node.summary, expected: expected)
    }

    /// Throws every problem found so far.
    package func check() throws(ScenarioErrors) {
        guard errors.isEmpty else { throw ScenarioErrors(errors) }
    }
}
