import Audience
import Foundation
import JSON
import Scenario
import SimCore
import Testing

/// One row of the README's mechanism table.
struct MechanismRow: Sendable, CustomTestStringConvertible {
    var field: String
    var value: JSONValue
    var with: [(path: String, value: JSONValue)]
    var kpi: KPI
    var increases: Bool
    var testDescription: String { "\(field) = \(value.text())" }
}

/// The rows between the README's `mechanism-table` markers.
enum MechanismTable {
    static let rows: [MechanismRow] = {
        guard let readme = try? String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8),
              let begin = readme.range(of: "<!-- mechanism-table:begin -->"),
              let end = readme.range(of: "<!-- mechanism-table:end -->") else { return [] }
        func json(_ text: String) -> JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) }
        func code(_ cell: String) -> String { cell.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`")) }
        return readme[begin.upperBound..<end.lowerBound].split(separator: "\n").compactMap { line -> MechanismRow? in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard cells.count >= 6, line.hasPrefix("| `"), let value = json(code(cells[2])),
                  let kpi = KPI(rawValue: code(cells[4])) else { return nil }
            let with = code(cells[3]).isEmpty ? [] : code(cells[3]).split(separator: ";").compactMap { part -> (String, JSONValue)? in
                let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard kv.count == 2, let v = json(kv[1]) else { return nil }
                return (kv[0], v)
            }
            let direction = cells[5].trimmingCharacters(in: .whitespaces)
            guard direction == "↑" || direction == "↓" else { return nil }
            return MechanismRow(field: code(cells[1]), value: value, with: with, kpi: kpi, increases: direction == "↑")
        }
    }()
}

/// No dead knobs: every field of the mechanism table moves its KPI in the
/// stated direction on the shipped baseline, paired under common random
/// numbers (the 95% t-interval of the difference must clear zero).
@Suite struct MechanismTableTests {
    @Test func theTableIsComplete() {
        #expect(MechanismTable.rows.count >= 40, "parsed \(MechanismTable.rows.count) rows")
        let fields = Set(MechanismTable.rows.map(\.field))
        for field in ["hostSchedule", "guests[0].contentBoost", "streamQuality.stallsPerHour", "streamQuality.rebufferRatio",
                      "streamQuality.startupDelaySeconds", "streamQuality.latencySeconds", "roomWeight.smoothing",
                      "channels.feed.roomWeightElasticity", "viewers.effects.pendingIncentiveOnStay",
                      "roomWeight.referenceInteractionsPerViewerMinute", "roomWeight.referenceOrdersPerViewerMinute",
                      "roomWeight.referenceStaySeconds", "roomWeight.referenceEntryStayShare",
                      "viewers.interactionsPerMinuteAtReference", "viewers.effects.interactionOnStay",
                      "viewers.effects.interactionOnClick", "viewers.effects.interactionOnPurchase"] {
            #expect(fields.contains(field), "the table lacks \(field)")
        }
    }

    @Test(arguments: MechanismTable.rows)
    func theFieldMovesItsKPI(_ row: MechanismRow) throws {
        let file = packageRoot.appendingPathComponent("Scenarios/baseline.yaml").path
        let base = try ScenarioLoader.load(file: file, overrides: row.with).configuration
        let changed = try ScenarioLoader.load(file: file, overrides: row.with + [(row.field, row.value)]).configuration
        #expect(base != changed, "the override must change the configuration")
        let a = try Simulation(configuration: base), b = try Simulation(configuration: changed)
        let differences = ParallelReplications.map(count: 12, jobs: 2) { r in
            b.run(seed: 101, replication: r).kpis[row.kpi]! - a.run(seed: 101, replication: r).kpis[row.kpi]!
        }
        let s = try #require(ReplicationSummary(differences))
        let ci = try #require(s.confidenceInterval95)
        // The README's "measured" column is these figures (this round's model).
        print("MEASURE mechanism \(row.field) = \(row.value.text()) → \(row.kpi.key)\t\(s.mean)\t\(ci.lowerBound)\t\(ci.upperBound)")
        if row.increases {
            #expect(ci.lowerBound > 0, "\(row.field) → \(row.kpi.key) should rise: mean \(s.mean), 95% CI \(ci)")
        } else {
            #expect(ci.upperBound < 0, "\(row.field) → \(row.kpi.key) should fall: mean \(s.mean), 95% CI \(ci)")
        }
    }
}
