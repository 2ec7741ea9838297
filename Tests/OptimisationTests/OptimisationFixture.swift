import Foundation
import Optimisation
import Scenario

/// A small room for optimisation tests: one hour, one feed channel with two
/// (unfunded) boost windows, identical reference viewers (no trait spread),
/// one product under one live price, no interaction, no room-weight loop,
/// no returns. Clicks do not depend on the price, and each click buys with
/// probability q·σ(K + 3·(1 − price/100)): the price that maximises profit
/// has a closed form.
enum OptimisationFixture {
    static let scenarioText = """
    name: price-room
    seed: 1
    replications: 1
    stream: {durationMinutes: 60}
    host: {professionalism: 0.5, charisma: 0.5, responsiveness: 0.5, sincerity: 0.5}
    viewers:
      meanStaySecondsAtReference: 120
      interactionsPerMinuteAtReference: 0
      clicksPerMinuteAtReference: 0.2
      clickToOrderAtReference: 0.05
      sharesPerMinuteAtReference: 0
      followPerInteractionAtReference: 0
      reentryProbability: 0
      boredom: false
      traitSpread: 0
      willingnessToPayVariation: 0
      effects: {interactionOnStay: 0, interactionOnClick: 0, interactionOnPurchase: 0}
      segments:
        neutral: {priceSensitivity: 0.5, interest: 0.5, trust: 0.5, patience: 0.5, sociability: 0.5,
                  urgencyResponse: 0.5, willingnessToPay: 1}
    channels:
      feed:
        impressionsPerMinute: 6000
        coverClickThrough: 0.02
        segmentMix: {neutral: 1}
        boosts:
          - {fromMinute: 0, toMinute: 30, budgetYuan: 0, cpmYuan: 20}
          - {fromMinute: 30, toMinute: 60, budgetYuan: 0, cpmYuan: 20}
    products:
      - {id: item, referencePriceYuan: 100, unitCostYuan: 30}
    runOfShow:
      - {product: item, fromMinute: 0, toMinute: 60}
    promotions:
      - name: all
        fromMinute: 0
        toMinute: 60
        offers:
          - {id: deal, type: livePrice, product: item, priceYuan: 100}

    """

    /// A new temporary folder.
    static func temporaryFolder(_ name: String) -> String {
        let path = (NSTemporaryDirectory() as NSString)
            .appendingPathComponent("optimisation-tests-\(getpid())-\(name)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The room and an optimisation file over it (`body` after `base:`), written to a new folder; the file's path.
    static func write(_ body: String, name: String = "plan") throws -> String {
        let folder = temporaryFolder(name)
        try scenarioText.write(toFile: (folder as NSString).appendingPathComponent("price-room.yaml"), atomically: true, encoding: .utf8)
        let file = (folder as NSString).appendingPathComponent("\(name).yaml")
        try ("base: price-room.yaml\n" + body).write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Loads an optimisation file written by ``write(_:name:)``.
    static func definition(_ body: String, name: String = "plan") throws -> OptimisationDefinition {
        try OptimisationLoader.load(file: try write(body, name: name))
    }

    /// Every file of an output folder but the manifest (which holds times), by name.
    static func files(_ folder: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        where name != "manifest.json" && name != "results.sqlite" && !name.hasPrefix(".") {
            out[name] = try Data(contentsOf: URL(fileURLWithPath: (folder as NSString).appendingPathComponent(name)))
        }
        return out
    }
}
