import ArgumentParser
import Experiments
import Foundation
import Measurement
import Scenario

/// `livesim abtest`: how long an A/B test must run.
struct ABTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "abtest",
        abstract: "How many streams per arm an A/B test needs, by simulating the test.",
        discussion: """
        The plan names the base scenario, two arms (overrides of the base; the
        first is the control), the design, the metric, α, the power wanted and
        the test lengths to evaluate. Design streams (each test stream runs one
        arm): each arm's streams are simulated independently (their own seeds,
        day-to-day variation included: a real test has no common random
        numbers) and each simulated test draws n streams per arm and applies
        Welch's t-test. Design viewers (one stream's feed impressions split
        between two covers or titles): impressions per arm, the two-proportion
        test on the exposure→entry rates, simulated and exact. Writes power.csv
        (power with its interval, the mean difference and the A/A
        false-positive rate per length), summary.json, manifest.json and
        report.html.

        Example:
          livesim abtest Scenarios/abtest/opening-price.yaml --out /tmp/opening-price
          livesim abtest Scenarios/abtest/cover-image.yaml --out /tmp/cover-image
        """
    )

    @Argument(help: "The A/B test plan (YAML): base, arms, metric, alpha, power, streamsPerArm, simulations.")
    var file: String

    @Option(parsing: .unconditional, help: "Master seed (overrides the file's `seed`; 0 to 2^53).")
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "Threads (default: the CPUs this process may use); any value gives the same numbers.")
    var jobs: Int?

    @OptionGroup var output: OutputOptions

    func run() throws {
        try ReplicationSettings.check(seed: seed, replications: nil, jobs: jobs)
        let definition = try ABTestLoader.load(file: file, seed: seed)
        printWarnings(definition.base)
        let plan = try ABTestPlan(definition, jobs: jobs ?? ReplicationSettings.availableJobs)
        let folder = try output.folder(scenarioName: definition.name)
        let progress = ProgressLine()
        let outcome = try plan.write(to: folder, language: output.lang, progress: progress.handler)
        progress.finish()
        let d = definition
        func n(_ x: Double) -> String { abs(x) >= 1000 ? String(format: "%.0f", x) : String(format: "%.3g", x) }
        if d.design == .viewers {
            print("\(d.name): \(d.arms[0].name) (control) against \(d.arms[1].name), one stream's feed impressions split between them; "
                  + "exposure→entry rate \(n(outcome.controlMean)) against \(n(outcome.controlMean + outcome.effect.mean)), α \(d.alpha), "
                  + "\(d.simulations) simulated tests per length, seed \(d.seed)")
            print("impressionsPerArm  power  [95% CI]        exactPower  falsePositiveRate  detectable")
            for r in outcome.rows {
                print("\(String(r.streamsPerArm).padding(toLength: 17, withPad: " ", startingAt: 0))  \(String(format: "%.3f", r.power))  "
                      + "[\(String(format: "%.3f", r.powerCiLow)), \(String(format: "%.3f", r.powerCiHigh))]  "
                      + "\(String(format: "%.3f", r.exactPower ?? .nan).padding(toLength: 10, withPad: " ", startingAt: 0))  "
                      + "\(String(format: "%.3f", r.falsePositiveRate).padding(toLength: 17, withPad: " ", startingAt: 0))  \(String(format: "%.5f", r.detectableDifference))")
            }
            if let m = outcome.impressionsPerArmNeeded {
                print("needed for power \(d.power): \(m) impressions per arm (exact)"
                      + (outcome.streamsNeeded.map { ", about \($0) stream\($0 == 1 ? "" : "s") of this room's feed split half and half" } ?? ""))
            } else {
                print("needed for power \(d.power): none (the arms' rates are equal)")
            }
            printResults(folder.final, report: (folder.final as NSString).appendingPathComponent("report.html"))
            return
        }
        print("\(d.name): \(d.arms[0].name) (control) against \(d.arms[1].name) on \(d.metric.key), α \(d.alpha), "
              + "\(d.simulations) simulated tests per length, \(d.pool) independent streams per arm, seed \(d.seed)")
        print("effect \(d.arms[1].name) − \(d.arms[0].name): \(n(outcome.effect.mean)) [\(n(outcome.effect.low)), \(n(outcome.effect.high))]; "
              + "stream-to-stream sd \(n(outcome.controlSd)) (control)")
        print("streamsPerArm  power  [95% CI]        meanDifference  falsePositiveRate  detectable")
        for r in outcome.rows {
            print("\(String(r.streamsPerArm).padding(toLength: 13, withPad: " ", startingAt: 0))  \(String(format: "%.3f", r.power))  "
                  + "[\(String(format: "%.3f", r.powerCiLow)), \(String(format: "%.3f", r.powerCiHigh))]  "
                  + "\(n(r.meanDifference).padding(toLength: 14, withPad: " ", startingAt: 0))  "
                  + "\(String(format: "%.3f", r.falsePositiveRate).padding(toLength: 17, withPad: " ", startingAt: 0))  \(n(r.detectableDifference))")
        }
        print(outcome.streamsPerArmNeeded.map { "needed for power \(d.power): \($0) streams per arm" }
              ?? "needed for power \(d.power): more than \(d.streamsPerArm.max() ?? 0) streams per arm (none tested reaches it)")
        printResults(folder.final, report: (folder.final as NSString).appendingPathComponent("report.html"))
    }
}
