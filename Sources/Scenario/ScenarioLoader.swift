import Audience
import Crypto
import Foundation
import JSON

/// A scenario file read, merged along its `extends` chain, checked against
/// ``ScenarioSchema`` and the model's validation, with defaults filled in.
public struct LoadedScenario: Sendable {
    /// The file as given on the command line.
    public var file: String
    public var document: ScenarioDocument
    /// The resolved scenario (every default filled in, `extends` applied) in
    /// canonical form; its SHA-256 identifies what was run.
    public var resolved: JSONValue
    /// Every file read, the `extends` chain included, with its SHA-256.
    public var inputs: [(file: String, sha256: String)]
    /// What is valid but probably not meant (a price never charged), where it was written.
    public var warnings: [ScenarioWarning] = []
    /// The file as read and merged, before any override: loads it again with
    /// other overrides without reading or parsing a file.
    public var source: ScenarioSource

    public var configuration: StreamConfiguration { document.configuration }
    /// The configuration as the loader checked it: while ``configuration``
    /// still equals it, a model can be built without checking it again.
    package var checkedConfiguration: StreamConfiguration?
    /// SHA-256 of the canonical resolved scenario.
    public var resolvedSha256: String { ScenarioLoader.sha256(Data(resolved.text().utf8)) }
}

/// Reads scenario files. Every problem is reported at once as
/// ``ScenarioErrors``; nothing is half-read.
public enum ScenarioLoader {
    /// Most replications a scenario may ask for, so a huge number cannot exhaust memory or time.
    public static let maximumReplications = 100_000
    /// Largest seed: seeds are written as JSON numbers, exact up to 2⁵³.
    public static let maximumSeed: UInt64 = 1 << 53
    /// Largest scenario file accepted.
    public static let maximumFileBytes = 4 << 20

    /// Loads `file`, applying `extends`, then `overrides` (field path → value,
    /// as a sweep varies a scenario), defaults and validation.
    public static func load(file: String, overrides: [(path: String, value: JSONValue)] = []) throws(ScenarioErrors) -> LoadedScenario {
        try ScenarioSource(file: file).load(overrides: overrides)
    }

    /// Loads `file` with the values at some paths replaced by nodes written
    /// elsewhere (a sweep file), so problems with them point there.
    package static func load(file: String, overriding overrides: [(path: String, node: YAMLNode)]) throws(ScenarioErrors) -> LoadedScenario {
        try ScenarioSource(file: file).load(overriding: overrides)
    }

    /// Resolves a merged tree with overrides into a checked scenario.
    fileprivate static func assemble(_ source: ScenarioSource, overriding overrides: [(path: String, node: YAMLNode)]) throws(ScenarioErrors) -> LoadedScenario {
        let file = source.file
        var tree = source.tree
        for (text, node) in overrides {
            guard let path = FieldPath(text), let changed = tree.setting(path.components[...], to: node) else {
                let l = node.location
                throw ScenarioErrors([ScenarioError(file: l.line > 0 ? l.file : file, line: l.line > 0 ? l.line : nil, column: l.line > 0 ? l.column : nil,
                                                    path: text, value: JSONValue.quote(text),
                                                    expected: "a field path into this scenario (lists must have the index)")])
            }
            tree = changed
        }
        var resolver = Resolver()
        let resolved = resolver.resolve(tree, ScenarioSchema.root, default: nil, path: "")
        // A value of the wrong type leaves its default in place, so the
        // model's checks still run and every problem is reported at once.
        guard var value = resolved else { throw ScenarioErrors(resolver.errors) }
        value.remove("extends")
        var document: ScenarioDocument
        do { document = try value.decode(ScenarioDocument.self) } catch {
            throw ScenarioErrors(resolver.errors + [ScenarioError(file: file, path: "", value: "\(error)", expected: "a scenario the model can read")])
        }
        for i in document.products.indices where document.products[i].name.isEmpty {
            document.products[i].name = document.products[i].id
        }
        var errors = resolver.errors
        func locate(_ path: String) -> SourceLocation? { resolver.location(of: path) }
        if document.name.isEmpty || document.name.contains(where: { "/\\:*?\"<>|".contains($0) || $0.isNewline }) || document.name.hasPrefix(".") {
            let l = locate("name")
            errors.append(ScenarioError(file: l?.file ?? file, line: l?.line, column: l?.column, path: "name",
                                        value: "\"\(document.name)\"", expected: "a name usable in a folder name (no / \\ : * ? \" < > |, not starting with .)"))
        }
        if !(1...maximumReplications).contains(document.replications) {
            let l = locate("replications")
            errors.append(ScenarioError(file: l?.file ?? file, line: l?.line, column: l?.column, path: "replications",
                                        value: String(document.replications), expected: "1 to \(maximumReplications)"))
        }
        if document.seed > maximumSeed {
            let l = locate("seed")
            errors.append(ScenarioError(file: l?.file ?? file, line: l?.line, column: l?.column, path: "seed",
                                        value: String(document.seed), expected: "0 to 2^53 (\(maximumSeed))"))
        }
        var issues = document.configuration.validate()
        if let season = document.season, issues.isEmpty {
            // A season's streams have a followers row; the checks see the stream as the season runs it.
            issues += season.validate(stream: document.configuration.asSeasonStream)
        }
        for issue in issues {
            let path = issue.path.hasPrefix("durationMinutes") || issue.path.hasPrefix("tickSeconds") ? "stream." + issue.path : issue.path
            if resolver.hasError(near: path) { continue }
            let l = locate(path)
            errors.append(ScenarioError(file: l?.file ?? file, line: l?.line, column: l?.column, path: path,
                                        value: resolver.written(path, as: issue.value), expected: issue.expected))
        }
        guard errors.isEmpty else { throw ScenarioErrors(errors) }
        let warnings = document.configuration.warnings().map { w in
            let l = locate(w.path)
            return ScenarioWarning(file: l?.file ?? file, line: l?.line, column: l?.column, path: w.path, message: w.message)
        }
        return LoadedScenario(file: file, document: document, resolved: value, inputs: source.inputs, warnings: warnings, source: source,
                              checkedConfiguration: document.season == nil ? document.configuration : nil)
    }

    /// Reads a file and its parents, merged (parents first).
    fileprivate static func readChain(file: String, chain: [String], inputs: inout [(String, String)]) throws(ScenarioErrors) -> YAMLNode {
        let url = URL(fileURLWithPath: file).standardizedFileURL
        let data: Data
        do {
            // stat(2), not FileManager's attributes: those look up the owner's
            // user and group names (the password and group databases).
            var info = stat()
            guard stat(url.path, &info) == 0 else { throw CocoaError(.fileReadNoSuchFile) }
            if info.st_size > maximumFileBytes {
                throw ScenarioErrors([ScenarioError(file: file, path: "", value: "a file of \(info.st_size) bytes",
                                                    expected: "a scenario file of at most \(maximumFileBytes) bytes")])
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                throw ScenarioErrors([ScenarioError(file: file, path: "", value: "a directory", expected: "a scenario file")])
            }
            data = try Data(contentsOf: url)
        } catch let error as ScenarioErrors {
            throw error
        } catch {
            throw ScenarioErrors([ScenarioError(file: file, path: "", value: "cannot be read (no such file, or no permission)",
                                                expected: "a readable scenario file")])
        }
        inputs.append((file, sha256(data)))
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioErrors([ScenarioError(file: file, path: "", value: "not UTF-8 text", expected: "a YAML text file")])
        }
        let tree = try YAMLNode.parse(text, file: file)
        guard case .mapping(let entries) = tree.value else {
            throw ScenarioErrors([ScenarioError(file: file, line: tree.location.line, column: tree.location.column, path: "",
                                                value: tree.summary, expected: "a YAML mapping of scenario keys")])
        }
        guard let extends = entries.first(where: { $0.key == "extends" }) else { return tree }
        guard case .string(let parentName) = extends.value.value else {
            let l = extends.value.location
            throw ScenarioErrors([ScenarioError(file: file, line: l.line, column: l.column, path: "extends",
                                                value: extends.value.summary, expected: "the path of a parent scenario file")])
        }
        let parentURL = URL(fileURLWithPath: parentName, relativeTo: url.deletingLastPathComponent()).standardizedFileURL
        let parentFile = parentName.hasPrefix("/") ? parentName : (file as NSString).deletingLastPathComponent.isEmpty
            ? parentName : ((file as NSString).deletingLastPathComponent as NSString).appendingPathComponent(parentName)
        let l = extends.value.location
        if chain.contains(parentURL.path) || parentURL.path == url.path {
            throw ScenarioErrors([ScenarioError(file: file, line: l.line, column: l.column, path: "extends", value: "\"\(parentName)\"",
                                                expected: "a parent that does not extend this file again (an extends cycle: \((chain + [url.path, parentURL.path]).joined(separator: " → ")))")])
        }
        guard FileManager.default.fileExists(atPath: parentURL.path) else {
            throw ScenarioErrors([ScenarioError(file: file, line: l.line, column: l.column, path: "extends", value: "\"\(parentName)\"",
                                                expected: "an existing scenario file (looked for \(parentURL.path))")])
        }
        let parent = try readChain(file: parentFile, chain: chain + [url.path], inputs: &inputs)
        return YAMLNode.merge(parent: parent, child: tree)
    }

    /// Lower-case hexadecimal SHA-256.
    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}

/// Walks a YAML tree against the schema, filling in defaults and collecting
/// every type and key error, and remembers where each path was written.
struct Resolver {
    var errors: [ScenarioError] = []
    private var locations: [String: SourceLocation] = [:]
    /// The scalars written, by path, to quote them as written.
    private var scalars: [String: YAMLNode] = [:]
    /// Paths with an error, and required keys that were misspelt.
    private var erroneous: [String] = []

    /// `value` (a model check's rendering of the value at `path`) as the
    /// file wrote it (`1e-3`, not `0.001`), when it is the written value.
    func written(_ path: String, as value: String) -> String {
        guard let node = scalars[path] else { return value }
        switch node.value {
        case .integer(let i): return Double(value) == Double(i) ? node.summary : value
        case .number(let x): return Double(value) == x ? node.summary : value
        case .string(let s): return s == value ? node.summary : value
        default: return value
        }
    }

    /// Where `path` (or its nearest written ancestor) is in the files.
    func location(of path: String) -> SourceLocation? {
        var p = path
        while !p.isEmpty {
            if let l = locations[p] { return l }
            guard let cut = p.lastIndex(where: { $0 == "." || $0 == "[" || $0 == " " }) else { break }
            p = String(p[..<cut])
        }
        return locations[path]
    }

    /// Whether `path` is at, inside or around a path that already has an
    /// error here: a model check there would see a default, not what was
    /// written, and repeat the mistake.
    func hasError(near path: String) -> Bool {
        erroneous.contains { Resolver.path($0, contains: path) || Resolver.path(path, contains: $0) }
    }

    /// Whether `inner` is `outer` or a path below it (`a.b`, `a[0]`, `a x`).
    static func path(_ outer: String, contains inner: String) -> Bool {
        guard inner.hasPrefix(outer) else { return false }
        return inner.count == outer.count || [".", "[", " "].contains(inner[inner.index(inner.startIndex, offsetBy: outer.count)])
    }

    private mutating func fail(_ node: YAMLNode, _ path: String, _ value: String, _ expected: String) {
        if !path.isEmpty { erroneous.append(path) }
        let l = node.location
        errors.append(ScenarioError(file: l.file, line: l.line > 0 ? l.line : nil, column: l.line > 0 ? l.column : nil,
                                    path: path, value: value, expected: expected))
    }

    mutating func resolve(_ node: YAMLNode, _ schema: SchemaNode, default given: JSONValue?, path: String) -> JSONValue? {
        locations[path] = node.location
        switch node.value {
        case .mapping, .sequence, .null: break
        default: scalars[path] = node
        }
        switch schema {
        case .object(let shape):
            guard case .mapping(let entries) = node.value else { fail(node, path, node.summary, schema.typeName); return nil }
            var result = given ?? shape.prototype
            for entry in entries {
                let childPath = path.isEmpty ? entry.key : "\(path).\(entry.key)"
                if path.isEmpty && entry.key == "extends" { continue }
                guard let property = shape.property(entry.key) else {
                    let keyNode = YAMLNode(value: .string(entry.key), location: entry.keyLocation)
                    fail(keyNode, childPath, "unknown key `\(entry.key)`", Resolver.suggestion(entry.key, shape.properties.map(\.name)))
                    continue
                }
                if case .null = entry.value.value {
                    if property.nullable {
                        // Off: an optional section absent, a list of partners empty.
                        if case .array = property.node { result.set(entry.key, .array([])) } else { result.remove(entry.key) }
                        locations[childPath] = entry.value.location
                        continue
                    }
                    fail(entry.value, childPath, "null", property.node.typeName)
                    continue
                }
                var childDefault = result[entry.key]
                if childDefault == nil, case .object(let inner) = property.node { childDefault = inner.prototype }
                if let value = resolve(entry.value, property.node, default: childDefault, path: childPath) {
                    result.set(entry.key, value)
                }
            }
            // A misspelt required key is one mistake: its unknown-key error says so already.
            let misspelt = Set(entries.compactMap { Resolver.closestName($0.key, shape.properties.map(\.name)) })
            for key in shape.required where !entries.contains(where: { $0.key == key }) {
                if misspelt.contains(key) { erroneous.append("\(path).\(key)") } else { fail(node, path, "missing `\(key)`", "`\(key)` in every entry here") }
            }
            return result
        case .map(let valueSchema):
            guard case .mapping(let entries) = node.value else { fail(node, path, node.summary, schema.typeName); return nil }
            var result = given ?? .object([])
            for entry in entries {
                let childPath = path.isEmpty ? entry.key : "\(path).\(entry.key)"
                var childDefault = result[entry.key]
                if childDefault == nil, case .object(let inner) = valueSchema { childDefault = inner.prototype }
                if let value = resolve(entry.value, valueSchema, default: childDefault, path: childPath) {
                    result.set(entry.key, value)
                }
            }
            return result
        case .weights:
            guard case .mapping(let entries) = node.value else { fail(node, path, node.summary, schema.typeName); return nil }
            var result = JSONValue.object([])
            for entry in entries {
                if let value = resolve(entry.value, .number(.init(minimum: 0)), default: nil, path: path.isEmpty ? entry.key : "\(path).\(entry.key)") {
                    result.set(entry.key, value)
                }
            }
            return result
        case .array(let element):
            guard case .sequence(let items) = node.value else { fail(node, path, node.summary, schema.typeName); return nil }
            var out: [JSONValue] = []
            for (i, item) in items.enumerated() {
                if let v = resolve(item, element, default: nil, path: "\(path)[\(i)]") { out.append(v) }
            }
            return .array(out)
        case .number:
            switch node.value {
            case .integer(let i): return .number(Double(i))
            case .number(let x) where x.isFinite: return .number(x)
            default: fail(node, path, node.summary, "a number"); return nil
            }
        case .integer(let range):
            guard case .integer(let i) = node.value else { fail(node, path, node.summary, "a whole number"); return nil }
            // Whole numbers are counts and seeds: out-of-range ones could not be decoded, so they are checked here.
            guard range.contains(Double(i)) else { fail(node, path, node.summary, range.expected(whole: true)); return nil }
            return .number(Double(i))
        case .string:
            switch node.value {
            case .string(let s): return .string(s)
            case .integer(let i): return .string(String(i))
            case .number(let x): return .string(JSONValue.format(x))
            case .bool(let b): return .string(String(b))
            default: fail(node, path, node.summary, "text"); return nil
            }
        case .enumeration(let values):
            guard case .string(let s) = node.value, values.contains(s) else {
                let given: String
                if case .string(let s) = node.value { given = s } else { given = node.summary }
                fail(node, path, node.summary, "one of \(values.joined(separator: ", "))" + Resolver.closest(given, values))
                return nil
            }
            return .string(s)
        case .boolean:
            guard case .bool(let b) = node.value else { fail(node, path, node.summary, "true or false"); return nil }
            return .bool(b)
        }
    }

    /// "one of …, did you mean `x`?" for an unknown key.
    static func suggestion(_ key: String, _ candidates: [String]) -> String {
        if let best = closestName(key, candidates) { return "a known key — did you mean `\(best)`?" }
        return "one of: " + candidates.joined(separator: ", ")
    }

    /// " — did you mean `x`?" when a candidate is close, else "".
    static func closest(_ word: String, _ candidates: [String]) -> String {
        closestName(word, candidates).map { " — did you mean `\($0)`?" } ?? ""
    }

    /// The candidate `word` is a likely misspelling of, if any (not `word` itself).
    static func closestName(_ word: String, _ candidates: [String]) -> String? {
        guard !candidates.contains(word) else { return nil }
        let ranked = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }.sorted { $0.1 < $1.1 }
        guard let best = ranked.first, best.1 <= max(2, word.count / 3) else { return nil }
        return best.0
    }

    /// Levenshtein distance.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// A scenario file read and merged along its `extends` chain, before
/// overrides, defaults and validation: what an experiment keeps to load its
/// base again with other overrides (a sweep's cells, an optimiser's
/// candidates, a contribution's variants, the what-if page's plans) without
/// reading or parsing any file again.
public struct ScenarioSource: Sendable {
    /// The file as given.
    public let file: String
    fileprivate let tree: YAMLNode
    /// Every file read, the `extends` chain included, with its SHA-256.
    public let inputs: [(file: String, sha256: String)]

    /// Reads `file` and its parents.
    public init(file: String) throws(ScenarioErrors) {
        var inputs: [(String, String)] = []
        tree = try ScenarioLoader.readChain(file: file, chain: [], inputs: &inputs)
        self.file = file
        self.inputs = inputs
    }

    /// The scenario with `overrides` (field path → value), resolved and checked
    /// as ``ScenarioLoader/load(file:overrides:)`` does.
    public func load(overrides: [(path: String, value: JSONValue)] = []) throws(ScenarioErrors) -> LoadedScenario {
        try load(overriding: overrides.map { text, value in
            (text, YAMLNode(value, location: SourceLocation(file: "\(file) (override \(text))", line: 0, column: 0)))
        })
    }

    /// The scenario with nodes written elsewhere (a sweep file) at some paths, so problems with them point there.
    package func load(overriding overrides: [(path: String, node: YAMLNode)]) throws(ScenarioErrors) -> LoadedScenario {
        try ScenarioLoader.assemble(self, overriding: overrides)
    }
}
