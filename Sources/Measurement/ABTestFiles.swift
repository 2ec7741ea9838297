import Charts
import Experiments
import Foundation
import HTMLReport
import JSON

/// `power.csv`'s columns: the contract's, then `detectableDifference` (the
/// difference the length detects with the target power); for design
/// `viewers` the length is `impressionsPerArm` and `exactPower` comes first.
public enum ABTestFileName {
    public static let power = "power.csv"
    public static let columns = ["streamsPerArm", "power", "powerCiLow", "powerCiHigh", "meanDifference", "falsePositiveRate", "detectableDifference"]
    public static let viewerColumns = ["impressionsPerArm", "power", "powerCiLow", "powerCiHigh", "meanDifference", "falsePositiveRate", "exactPower",
                                       "detectableDifference"]
}

extension ABTestPlan {
    /// Runs the plan into `folder` (it appears all at once): `power.csv`,
    /// `summary.json`, `report.html` and `manifest.json`.
    public func write(to folder: OutputFolder, language: ReportLanguage = .en, provenance: Provenance = Provenance(),
                      progress: ProgressHandler? = nil) throws -> ABTestOutcome {
        let outcome = try run(progress: progress)
        try folder.write { directory in
            try FileSystem.writeAtomically(ABTestText.power(outcome), to: directory, name: ABTestFileName.power)
            try FileSystem.writeAtomically(ABTestText.summary(outcome), to: directory, name: "summary.json")
            try FileSystem.writeAtomically(ABTestReport(outcome: outcome, language: language, version: provenance.version).html(),
                                           to: directory, name: "report.html")
            try FileSystem.writeAtomically(ABTestText.manifest(outcome.definition, jobs: jobs, provenance: provenance),
                                           to: directory, name: "manifest.json")
        }
        return outcome
    }

    /// How the numbers are found, as `summary.json`'s `method` states it.
    public static let viewersMethod = "design viewers: each feed impression assigned to arm A or B becomes an entry with the arm's exposure-to-entry rate (its coverClickThrough), so m impressions per arm give Binomial(m, p) entries per arm, compared by the two-sided two-proportion z-test with pooled variance; power from simulated binomial draws (Wilson 95% interval) beside the exact power (binomial probabilities summed over the rejection region); impressionsPerArmNeeded is the fewest impressions per arm whose exact power reaches the target, streamsNeeded the streams of the base's feed that give them, split half and half"

    public static let method = "each arm's streams simulated independently (its own seed, day-to-day variation included, no common random numbers), pool streams per arm; each simulated test draws n distinct streams per arm from the pools and applies Welch's two-sided t-test at alpha; power is the share of tests that reject (Wilson 95% interval), falsePositiveRate the share of A/A tests of the control (two disjoint groups of n) that reject; the effect is treatment minus control over the whole pools with Welch's 95% interval"
}

enum ABTestText {
    static func number(_ x: Double) -> String { x.isFinite ? JSONValue.format(x) : "" }

    static func power(_ o: ABTestOutcome) -> String {
        let viewers = o.definition.design == .viewers
        return (viewers ? ABTestFileName.viewerColumns : ABTestFileName.columns).joined(separator: ",") + "\n" + o.rows.map { r in
            ([String(r.streamsPerArm), number(r.power), number(r.powerCiLow), number(r.powerCiHigh), number(r.meanDifference),
              number(r.falsePositiveRate)] + (viewers ? [number(r.exactPower ?? .nan)] : []) + [number(r.detectableDifference)])
                .joined(separator: ",") + "\n"
        }.joined()
    }

    static func summary(_ o: ABTestOutcome) -> String {
        let d = o.definition
        let value = JSONValue.object([
            .init("streamsPerArmNeeded", o.streamsPerArmNeeded.map { .number(Double($0)) } ?? .null),
            .init("effect", .object([.init("mean", .number(o.effect.mean)), .init("ciLow", .number(o.effect.low)), .init("ciHigh", .number(o.effect.high))])),
            .init("design", .string(d.design.rawValue)),
            .init("metric", .string(d.design == .viewers ? "entryRate" : d.metric.key)),
            .init("impressionsPerArmNeeded", o.impressionsPerArmNeeded.map { .number(Double($0)) } ?? .null),
            .init("streamsNeeded", o.streamsNeeded.map { .number(Double($0)) } ?? .null),
            .init("arms", .array(d.arms.map { .string($0.name) })),
            .init("alpha", .number(d.alpha)),
            .init("power", .number(d.power)),
            .init("simulations", .number(Double(d.simulations))),
            .init("pool", .number(Double(d.pool))),
            .init("seed", .number(Double(d.seed))),
            .init("controlMean", .number(o.controlMean)),
            .init("controlSd", .number(o.controlSd)),
            .init("treatmentSd", .number(o.treatmentSd)),
            .init("method", .string(d.design == .viewers ? ABTestPlan.viewersMethod : ABTestPlan.method)),
        ])
        return value.text(indent: 2) + "\n"
    }

    static func manifest(_ d: ABTestDefinition, jobs: Int, provenance: Provenance) -> String {
        let value = JSONValue.object([
            .init("abTestFile", .string(d.file)),
            .init("abTestFileSha256", .string(d.sha256)),
            .init("baseFile", .string(d.baseFile)),
            .init("resolvedBaseSha256", .string(d.base.resolvedSha256)),
            .init("inputs", .array(d.base.inputs.map { .object([.init("file", .string($0.file)), .init("sha256", .string($0.sha256))]) })),
            .init("arms", .array(d.arms.map { arm in
                .object([.init("name", .string(arm.name)), .init("set", .object(arm.overrides.map { .init($0.path, $0.value) }))])
            })),
            .init("seed", .number(Double(d.seed))),
            .init("commonRandomNumbers", .bool(false)),
            .init("jobs", .number(Double(jobs))),
        ] + provenance.members())
        return value.text(indent: 2) + "\n"
    }
}

/// `report.html` of an A/B test plan: the power curve with its interval and
/// the target, the A/A false-positive rate beside α, and the answer.
struct ABTestReport {
    let outcome: ABTestOutcome
    let language: ReportLanguage
    let version: String

    private func pick(_ en: String, _ zh: String) -> String { language == .en ? en : zh }

    static func format(_ x: Double) -> String {
        guard x.isFinite else { return "—" }
        return abs(x) >= 1000 ? String(format: "%.0f", x) : String(format: "%.3g", x)
    }

    func html() -> String {
        let o = outcome, d = o.definition
        let viewers = d.design == .viewers
        let answer = viewers
            ? (o.impressionsPerArmNeeded.map { m in pick("\(m) impressions per arm", "每组 \(m) 次曝光") + (o.streamsNeeded.map { pick(" (about \($0) streams)", "（约 \($0) 场）") } ?? "") }
               ?? pick("no difference to find", "无差异可检出"))
            : (o.streamsPerArmNeeded.map { pick("\($0) streams per arm", "每组 \($0) 场") }
               ?? pick("more than \(d.streamsPerArm.max() ?? 0) streams per arm", "每组多于 \(d.streamsPerArm.max() ?? 0) 场"))
        let facts = [
            ReportPage.Fact(label: pick("Needed for power \(d.power)", "达到检验力 \(d.power) 所需"), value: answer),
            ReportPage.Fact(label: pick("Effect (\(d.arms[1].name) − \(d.arms[0].name))", "效应（\(d.arms[1].name) − \(d.arms[0].name)）"),
                            value: "\(Self.format(o.effect.mean)) [\(Self.format(o.effect.low)), \(Self.format(o.effect.high))] \(d.metric.key)"),
            viewers ? ReportPage.Fact(label: pick("Exposure→entry rate (control)", "曝光进入率（对照）"), value: Self.format(o.controlMean))
                : ReportPage.Fact(label: pick("Stream-to-stream sd (control)", "场间标准差（对照）"), value: Self.format(o.controlSd)),
            ReportPage.Fact(label: "α", value: "\(d.alpha)"),
            ReportPage.Fact(label: pick("Simulated tests per length", "每个时长的模拟检验数"), value: "\(d.simulations)"),
        ]
        let numbers: ValueFormat = { ABTestReport.format($0) }
        let power = LineChart(id: "abtest-power", title: pick("Power by test length", "检验力与测试时长"),
                              xLabel: viewers ? pick("impressions per arm", "每组曝光") : pick("streams per arm", "每组场次"),
                              yLabel: pick("share of tests", "检验比例"),
                              series: [LineChart.Series(name: pick("power", "检验力"), points: o.rows.map { (Double($0.streamsPerArm), $0.power) },
                                                        band: o.rows.map { (Double($0.streamsPerArm), $0.powerCiLow, $0.powerCiHigh) })]
                                  + (viewers ? [LineChart.Series(name: pick("exact power", "精确检验力"),
                                                                 points: o.rows.map { (Double($0.streamsPerArm), $0.exactPower ?? .nan) }, dashed: true)] : []) + [
                                       LineChart.Series(name: pick("target power", "目标检验力"),
                                                        points: o.rows.map { (Double($0.streamsPerArm), d.power) }, dashed: true),
                                       LineChart.Series(name: pick("false positives (A/A)", "假阳性（A/A）"),
                                                        points: o.rows.map { (Double($0.streamsPerArm), $0.falsePositiveRate) }),
                                       LineChart.Series(name: "α", points: o.rows.map { (Double($0.streamsPerArm), d.alpha) }, dashed: true)],
                              bandLabel: pick("95% interval", "95%区间"), xFormat: numbers, yFormat: numbers)
        var rows = ""
        for r in o.rows {
            rows += "<tr><td>\(r.streamsPerArm)</td><td class=\"\(r.power >= d.power ? "up" : "")\">\(Self.format(r.power)) [\(Self.format(r.powerCiLow)), \(Self.format(r.powerCiHigh))]\(r.exactPower.map { pick(" (exact ", "（精确 ") + Self.format($0) + pick(")", "）") } ?? "")</td>"
                + "<td>\(Self.format(r.meanDifference))</td><td>\(Self.format(r.detectableDifference))</td><td>\(Self.format(r.falsePositiveRate))</td></tr>\n"
        }
        let table = """
        <section class="power">
        <h2>\(xmlEscaped(pick("Simulated tests", "模拟检验")))</h2>
        <table class="power">
        <thead><tr><th>\(xmlEscaped(viewers ? pick("Impressions per arm", "每组曝光") : pick("Streams per arm", "每组场次")))</th><th>\(xmlEscaped(pick("Power [95% CI]", "检验力 [95%区间]")))</th><th>\(xmlEscaped(pick("Mean difference", "平均差值")))</th><th>\(xmlEscaped(pick("Detectable at target power", "目标检验力下可检出差值")))</th><th>\(xmlEscaped(pick("False-positive rate (A/A)", "假阳性率（A/A）")))</th></tr></thead>
        <tbody>
        \(rows)</tbody>
        </table>
        </section>
        """
        let body = [ReportPage.figure(id: "abtest-power", heading: pick("How long the test must run", "测试需要多长"),
                                      note: viewers ? pick("Each point: the share of \(d.simulations) simulated tests in which the two-proportion z-test at α = \(d.alpha) finds the difference in exposure→entry rate between the arms, m impressions each, split within the same streams (the day is shared); the dashed line is the test's exact power.", "每个点：\(d.simulations) 次模拟检验中，双比例 z 检验在 α = \(d.alpha) 下发现两组曝光进入率差异的比例，每组 m 次曝光，在相同场次内分流（共享同一天）；虚线为精确检验力。") : pick("Each point: the share of \(d.simulations) simulated tests (\(d.arms[0].name) against \(d.arms[1].name), n streams each, independent days with their day-to-day variation) in which Welch's t-test at α = \(d.alpha) finds the difference in \(d.metric.key). The A/A line is the same test between two groups of control streams: it should stay near α.",
                                                  "每个点：\(d.simulations) 次模拟检验（\(d.arms[0].name) 对 \(d.arms[1].name)，每组 n 场，独立的日子及其日间波动）中，Welch t 检验在 α = \(d.alpha) 下发现 \(d.metric.key) 差异的比例。A/A 线为两组对照场次之间的同一检验，应接近 α。"),
                                      svg: power.svg()), table]
        return ReportPage.html(language: language, title: pick("A/B test plan", "A/B 测试规划"), name: d.name,
                               description: pick("How many streams per arm a test needs to find this difference, when every stream is a different day.", "当每场直播都是不同的一天时，测试每组需要多少场才能发现这一差异。"),
                               facts: facts, body: body.joined(separator: "\n"), version: version)
    }
}
