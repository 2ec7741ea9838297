import Audience
import Experiments
import Foundation
import HTMLReport
import JSON
import Scenario

/// `contribution.csv`'s columns: the contract's, then `orders`, `ordersCiLow`,
/// `ordersCiHigh`, `newFollows`, `newFollowsCiLow`, `newFollowsCiHigh` (what
/// the stream loses without the channel) and `attributedGmvYuan` (what a
/// last-touch dashboard credits it with, in the planned stream),
/// `attributedProfitYuan` (the profit it credits it with: `channels.csv`'s
/// net GMV less goods, gifts and the channel's cost) and `attributionMisleads`
/// (the two profits disagree in sign beyond doubt).
public enum ContributionFileName {
    public static let table = "contribution.csv"
    public static let columns = ["channel", "partner", "views", "viewsCiLow", "viewsCiHigh", "gmvYuan", "gmvCiLow", "gmvCiHigh",
                                 "profitYuan", "profitCiLow", "profitCiHigh", "costYuan", "incrementalRoi",
                                 "orders", "ordersCiLow", "ordersCiHigh", "newFollows", "newFollowsCiLow", "newFollowsCiHigh",
                                 "attributedGmvYuan", "attributedProfitYuan", "attributionMisleads"]
}

extension ChannelContribution {
    /// Runs the contribution into `folder` (it appears all at once): `contribution.csv`,
    /// `summary.json`, `report.html` and `manifest.json`.
    public func write(to folder: OutputFolder, language: ReportLanguage = .en, provenance: Provenance = Provenance(),
                      progress: ProgressHandler? = nil) throws -> ContributionOutcome {
        let outcome = try run(progress: progress)
        try folder.write { directory in
            try FileSystem.writeAtomically(ContributionText.csv(outcome), to: directory, name: ContributionFileName.table)
            try FileSystem.writeAtomically(ContributionText.summary(outcome), to: directory, name: "summary.json")
            try FileSystem.writeAtomically(ContributionReport(outcome: outcome, language: language, version: provenance.version).html(),
                                           to: directory, name: "report.html")
            try Manifest.write(to: directory, scenario: scenario, seed: settings.seed, replications: settings.replications,
                               jobs: settings.jobs, provenance: provenance)
        }
        return outcome
    }
}

enum ContributionText {
    static func number(_ x: Double?) -> String { x.map { $0.isFinite ? JSONValue.format($0) : "" } ?? "" }

    static func csv(_ o: ContributionOutcome) -> String {
        var out = ContributionFileName.columns.joined(separator: ",") + "\n"
        for r in o.rows {
            let partner = r.partner.contains(where: { $0 == "," || $0 == "\"" }) ? JSONValue.quote(r.partner) : r.partner
            let cells = [r.channel.key, partner] + [r.views, r.gmvYuan, r.profitYuan].flatMap { [number($0.mean), number($0.low), number($0.high)] }
                + [number(r.costYuan), number(r.incrementalRoi)]
                + [r.orders, r.newFollows].flatMap { [number($0.mean), number($0.low), number($0.high)] }
                + [number(r.attributedGmvYuan), number(r.attributedProfitYuan), r.attributionMisleads ? "true" : "false"]
            out += cells.joined(separator: ",") + "\n"
        }
        return out
    }

    static func interval(_ i: Interval) -> JSONValue {
        .object([.init("mean", .number(i.mean)), .init("ciLow", .number(i.low)), .init("ciHigh", .number(i.high))])
    }

    static func summary(_ o: ContributionOutcome) -> String {
        let value = JSONValue.object([
            .init("scenario", .string(o.scenario)),
            .init("seed", .number(Double(o.seed))),
            .init("replications", .number(Double(o.replications))),
            .init("method", .string(ChannelContribution.method)),
            .init("base", .object(KPI.allCases.compactMap { k in o.base[k].map { .init(k.key, .number($0.mean)) } })),
            .init("sumOfGmvLost", .number(o.rows.reduce(0) { $0 + $1.gmvYuan.mean })),
            .init("channels", .array(o.rows.map { r in
                .object([.init("channel", .string(r.channel.key)), .init("partner", .string(r.partner)),
                         .init("views", interval(r.views)), .init("gmvYuan", interval(r.gmvYuan)), .init("profitYuan", interval(r.profitYuan)),
                         .init("orders", interval(r.orders)), .init("newFollows", interval(r.newFollows)),
                         .init("costYuan", .number(r.costYuan)), .init("incrementalRoi", r.incrementalRoi.map { .number($0) } ?? .null),
                         .init("attributedGmvYuan", .number(r.attributedGmvYuan)), .init("attributedProfitYuan", .number(r.attributedProfitYuan)),
                         .init("attributionMisleads", .bool(r.attributionMisleads))])
            })),
        ])
        return value.text(indent: 2) + "\n"
    }
}

extension ChannelContribution {
    /// How the numbers are found, as `summary.json`'s `method` states it.
    public static let method = "each channel (each partner of kol, koc and crossBrand) switched off in turn, the stream and every variant on replications 0..R-1 of the seed (common random numbers); each row is the planned stream minus the stream without the channel, paired replication by replication, with a Student-t 95% interval; costYuan is the channel's own cost in the planned stream; incrementalRoi = the profit lost without it (already net of its cost) / its cost"
}
