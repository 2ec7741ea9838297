import JSON
@testable import Optimisation
import Scenario
import Testing

/// Optimisation files read and checked: each kind of decision, constraint
/// and requirement, field paths with indices inside flow lists as the
/// contract writes them, and every mistake reported at once with its line.
@Suite struct OptimisationFileTests {
    @Test func readsDecisionsConstraintsAndRequirements() throws {
        let d = try OptimisationFixture.definition("""
        objective: profitYuan
        statistic: p5
        decisions:
          promotions[0].offers[0].priceYuan: {min: 20, max: 100}
          channels.feed.boosts[0].budgetYuan: {min: 0, max: 4000, integer: true}
          channels.feed.boosts[1].fromMinute: {values: [20, 30], moves: [channels.feed.boosts[1].toMinute]}
        constraints:
          - {sum: [channels.feed.boosts[0].budgetYuan, channels.feed.boosts[1].budgetYuan], max: 3000}
          - {apart: [channels.feed.boosts[0].fromMinute, channels.feed.boosts[1].fromMinute], by: 20}
        requirements:
          - {kpi: orders, min: 300}
        budget: 50
        replications: 5
        """)
        #expect(d.objective == .profitYuan && d.statistic == .p5 && d.budget == 50 && d.replications == 5)
        #expect(d.decisions.map(\.domain) == [.range(min: 20, max: 100, integer: false), .range(min: 0, max: 4000, integer: true),
                                              .values([.number(20), .number(30)])])
        #expect(d.decisions[2].moves == ["channels.feed.boosts[1].toMinute"])
        #expect(d.constraints.map(\.kind) == [
            .sum(paths: ["channels.feed.boosts[0].budgetYuan", "channels.feed.boosts[1].budgetYuan"], min: nil, max: 3000),
            .apart(first: "channels.feed.boosts[0].fromMinute", second: "channels.feed.boosts[1].fromMinute", by: 20),
        ])
        #expect(d.requirements == [OptimisationRequirement(kpi: .orders, min: 300)])
        // A window moved keeps its length: the boost moved to 20 runs to 50, not 60.
        let overrides = d.overrides(values: [.number(50), .number(0), .number(20)])
        #expect(overrides.contains { $0.path == "channels.feed.boosts[1].toMinute" && $0.value == .number(50) })
    }

    /// A constraint may name a boost the base does not have: it counts as 0, with a note at its line.
    @Test func aConstraintOverAnAbsentElementCountsAsZeroWithANote() throws {
        let d = try OptimisationFixture.definition("""
        decisions:
          promotions[0].offers[0].priceYuan: {min: 20, max: 100}
        constraints:
          - {sum: [channels.feed.boosts[0].budgetYuan, channels.feed.boosts[5].budgetYuan], max: 3000}
        """)
        #expect(d.notes.count == 1 && d.notes[0].contains(":5:") && d.notes[0].contains("counted as 0"), "\(d.notes)")
        #expect(d.constraints[0].violation { $0 == "channels.feed.boosts[0].budgetYuan" ? 1000 : nil } == 0)
        // A mistyped key is still an error.
        #expect(throws: ScenarioErrors.self) {
            try OptimisationFixture.definition("decisions: {host.charisma: {min: 0, max: 1}}\nconstraints:\n  - {sum: [channels.feed.budgetYuaan], max: 3}\n")
        }
    }

    @Test func decisionsMapTheUnitCubeOntoTheirDomains() {
        let price = OptimisationDecision(path: "p", domain: .range(min: 59, max: 199, integer: false))
        #expect(price.resolution == 0.1)
        #expect(price.value(unit: 0) == .number(59) && price.value(unit: 1) == .number(199))
        #expect(price.value(unit: 0.5) == .number(129))
        #expect(price.value(unit: 0.123456) == .number(76.3), "on the 0.1 grid: 59 + 0.123456 × 140 = 76.28")
        let units = OptimisationDecision(path: "u", domain: .range(min: 10, max: 3000, integer: true))
        #expect(units.value(unit: 0.5) == .number(1505))
        let list = OptimisationDecision(path: "m", domain: .values([.number(120), .number(150), .string("x")]))
        #expect(list.value(unit: 0) == .number(120) && list.value(unit: 0.5) == .number(150) && list.value(unit: 1) == .string("x"))
        #expect(list.unit(of: .number(150)) == 0.5 && list.unit(of: .number(7)) == nil)
        #expect(price.unit(of: .number(200)) == nil && price.unit(of: .number(129)) == 0.5)
    }

    @Test func constraintsMeasureHowFarAPlanIsFromMeetingThem() {
        let sum = OptimisationConstraint(kind: .sum(paths: ["a", "b"], min: nil, max: 10), text: "")
        #expect(sum.violation { ["a": 4, "b": 5][$0] } == 0)
        #expect(sum.violation { ["a": 8, "b": 5][$0] } == 3)
        let apart = OptimisationConstraint(kind: .apart(first: "a", second: "b", by: 10), text: "")
        #expect(apart.violation { ["a": 100, "b": 104][$0] } == 6)
        #expect(apart.violation { ["a": 100, "b": 120][$0] } == 0)
        let requirement = OptimisationRequirement(kpi: .roi, min: 3)
        #expect(requirement.violation(3.5) == 0 && requirement.violation(1.5) == 0.5 && requirement.violation(nil) == 1)
    }

    @Test func everyMistakeIsReportedAtItsLine() throws {
        let file = try OptimisationFixture.write("""
        objective: happiness
        statistic: median
        decisions:
          promotions[0].offers[0].priceYuan: {min: 100, max: 20}
          promotions[0].offers[9].priceYuan: {min: 20, max: 100}
          channels.feed.boosts[0].budgetYuan: {values: [-5, 100]}
          host.charisma: {min: 0, max: 1, step: 0.1}
        constraints:
          - {sum: [channels.feed.boosts[0].budgetYuan], most: 3}
        requirements:
          - {kpi: joy, min: 1}
        budget: 0
        colour: blue
        """)
        do {
            _ = try OptimisationLoader.load(file: file)
            Issue.record("a bad file was accepted")
        } catch {
            let byPath = Dictionary(error.errors.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
            #expect(byPath["objective"]?.line == 2 && byPath["objective"]?.value.contains("happiness") == true)
            #expect(byPath["statistic"]?.line == 3)
            #expect(byPath["decisions.promotions[0].offers[0].priceYuan"]?.line == 5)
            #expect(byPath["decisions.promotions[0].offers[9].priceYuan"]?.line == 6)
            #expect(error.errors.contains { $0.path.hasPrefix("channels.feed.boosts[0].budgetYuan") && $0.line == 7 && $0.value == "-5" },
                    "a listed value the scenario refuses, at its line: \(error.errors)")
            #expect(byPath["decisions.host.charisma.step"]?.line == 8)
            #expect(byPath["constraints[0]"]?.line == 10 || byPath["constraints[0].most"]?.line == 10)
            #expect(byPath["requirements[0].kpi"]?.line == 12)
            #expect(byPath["budget"]?.line == 13)
            #expect(byPath["colour"]?.line == 14)
            #expect(error.errors.allSatisfy { $0.file == file || $0.file.hasSuffix("price-room.yaml") == false })
        }
    }

    @Test func aFileWithoutDecisionsOrBaseIsRefused() throws {
        #expect(throws: ScenarioErrors.self) { try OptimisationFixture.definition("objective: profitYuan\n") }
        let file = try OptimisationFixture.write("decisions: {host.charisma: {min: 0, max: 1}}\n")
        let text = try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: "base: price-room.yaml\n", with: "")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        do {
            _ = try OptimisationLoader.load(file: file)
            Issue.record("accepted without a base")
        } catch {
            #expect(error.errors.first?.path == "base" && error.errors.first?.value == "missing")
        }
    }
}
