import ArgumentParser
import Calibration
import Measurement
import Optimisation
import Foundation
import Scenario

/// `livesim validate`: checks scenario files without running them.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files and report every problem at once.",
        discussion: """
        Prints `ok: FILE` for each valid file, and each problem of the others as
        FILE:LINE:COLUMN: field.path: value — expected …  Exit status 2 if any is invalid.
        Sweep files (a `base:` with `vary:` or `points:`) are checked as sweeps;
        calibration files (a `base:` with `observed:` and `fit:`) as calibrations,
        every export read (`note: EXPORT: ignored column …` for columns not used).
        Warnings (`warning: FILE:LINE:COLUMN: field.path: …`) do not fail.

        Example:
          livesim validate Scenarios/baseline.yaml Scenarios/variants/*.yaml
        """
    )

    @Argument(help: "Scenario, sweep or calibration files (YAML).")
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one scenario file") }
    }

    func run() throws {
        var problems: [ScenarioError] = []
        for file in files {
            do {
                switch ScenarioFileKind.of(file: file) {
                case .scenario:
                    printWarnings(try ScenarioLoader.load(file: file))
                case .sweep: _ = try SweepLoader.load(file: file)
                case .calibration:
                    let calibration = try CalibrationLoader.load(file: file)
                    printWarnings(calibration.base)
                    for note in calibration.notes { printNote(note) }
                case .optimisation:
                    let optimisation = try OptimisationLoader.load(file: file)
                    printWarnings(optimisation.base)
                    for note in optimisation.notes { printNote(note) }
                case .abTest:
                    printWarnings(try ABTestLoader.load(file: file).base)
                }
                print("ok: \(file)")
            } catch {
                problems += error.errors
            }
        }
        if !problems.isEmpty { throw ScenarioErrors(problems) }
    }
}

/// `livesim schema`: the scenario format as JSON Schema.
struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (Draft 2020-12) of scenario files.",
        discussion: """
        Generated from the definitions the loader uses. Point your editor's YAML
        support at it for completion and checking.

        Example:
          livesim schema > livesim-scenario.schema.json
        """
    )

    func run() throws {
        print(JSONSchemaGenerator.generate().text(indent: 2))
    }
}
