import Audience
import Experiments
import JSON
import Scenario

/// Writes fitted values into a scenario's resolved form and turns it into a
/// stream configuration, without reading or parsing any file: the resolved
/// form already holds every default, so only the changed numbers differ.
enum ScenarioValues {
    /// The resolved scenario with `values[i]` at `paths[i]`.
    /// - Throws: ``ExperimentError/badInput(_:)`` naming `file` when a path is not in it.
    static func resolved(_ scenario: LoadedScenario, paths: [String], values: [Double], file: String) throws(ExperimentError) -> JSONValue {
        var tree = scenario.resolved
        for (path, value) in zip(paths, values) {
            guard let fieldPath = FieldPath(path), let changed = tree.setting(fieldPath.components[...], to: .number(value)) else {
                throw .badInput("\(file): fit path \(path) is not a field of the resolved scenario; expected a path such as viewers.meanStaySecondsAtReference (a section the base leaves out must be written in the base to be fitted)")
            }
            tree = changed
        }
        return tree
    }

    /// The stream configuration with the values written in, checked as `livesim run` checks it.
    static func configuration(_ scenario: LoadedScenario, paths: [String], values: [Double], file: String) throws(ExperimentError) -> StreamConfiguration {
        let tree = try resolved(scenario, paths: paths, values: values, file: file)
        var document: ScenarioDocument
        do { document = try tree.decode(ScenarioDocument.self) } catch {
            let shown = zip(paths, values).map { "\($0) = \(JSONValue.format($1))" }.joined(separator: ", ")
            throw .badInput("\(file): with \(shown) the scenario cannot be read (\(error)); expected values of the fields' types (a whole number where one is needed)")
        }
        for i in document.products.indices where document.products[i].name.isEmpty {
            document.products[i].name = document.products[i].id
        }
        let configuration = document.configuration
        let issues = configuration.validate()
        guard issues.isEmpty else {
            let shown = zip(paths, values).map { "\($0) = \(JSONValue.format($1))" }.joined(separator: ", ")
            let first = issues.prefix(3).map { "\($0.path): \($0.value), expected \($0.expected)" }.joined(separator: "; ")
            throw .badInput("\(file): with \(shown) the scenario is invalid (\(first)); expected fit bounds inside the fields' valid ranges")
        }
        return configuration
    }
}
