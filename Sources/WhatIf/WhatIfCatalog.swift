import Foundation
import JSON
import Scenario

/// The scenarios a server was started with, loaded and checked once, each
/// with its levers. Requests name a scenario by its `name:`.
public struct WhatIfCatalog: Sendable {
    public struct Entry: Sendable {
        /// The scenario's `name:`.
        public var name: String
        /// The file as given on the command line.
        public var file: String
        public var scenario: LoadedScenario
        public var levers: LeverSet
    }

    public let entries: [Entry]

    /// Loads every file (all problems reported at once).
    /// - Throws: ``ScenarioErrors`` for a file that does not load, or two files with one name.
    public init(files: [String]) throws(ScenarioErrors) {
        var entries: [Entry] = []
        var errors: [ScenarioError] = []
        for file in files {
            do {
                let scenario = try ScenarioLoader.load(file: file)
                let name = scenario.document.name
                if let other = entries.first(where: { $0.name == name }) {
                    errors.append(ScenarioError(file: file, path: "name", value: JSONValue.quote(name),
                                                expected: "a name no other served scenario has (\(other.file) has it)"))
                    continue
                }
                entries.append(Entry(name: name, file: file, scenario: scenario, levers: LeverSet(scenario)))
            } catch {
                errors += error.errors
            }
        }
        guard errors.isEmpty else { throw ScenarioErrors(errors) }
        self.entries = entries
    }

    public var names: [String] { entries.map(\.name) }

    public func entry(_ name: String) -> Entry? { entries.first { $0.name == name } }

    /// `GET /api/scenarios`: `[{"name", "file", "description"}]`.
    public var listJSON: JSONValue {
        .array(entries.map { e in
            .object([.init("name", .string(e.name)), .init("file", .string(e.file)),
                     .init("description", .string(e.scenario.document.description))])
        })
    }
}
