import Audience
import Foundation
import Scenario
import Testing

/// The package's root folder, for shipped scenarios and fixtures.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func shipped(_ name: String) -> String { packageRoot.appendingPathComponent("Scenarios/\(name)").path }

/// Writes `text` to a fresh temporary file and returns its path.
func temporaryScenario(_ text: String, name: String = "scenario.yaml") throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("livesim-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent(name).path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
}

/// The smallest useful scenario: one channel, one product featured for an hour.
let tinyScenario = """
    name: tiny
    channels:
      search: {perMinute: 10}
    products:
      - {id: tea, referencePriceYuan: 39}
    runOfShow:
      - {product: tea, fromMinute: 0, toMinute: 60}

    """

@Suite struct ScenarioLoaderTests {
    @Test func aTenLineFileIsAValidScenarioWithDefaults() throws {
        let path = try temporaryScenario(tinyScenario)
        let s = try ScenarioLoader.load(file: path)
        #expect(s.document.stream.durationMinutes == 180)
        #expect(s.document.viewers == ViewerBehaviour())
        #expect(s.configuration.channels.search?.intentShift == SearchChannel().intentShift, "section defaults fill in")
        #expect(s.configuration.channels.feed == nil, "an absent channel is off")
        #expect(s.document.products[0].name == "tea", "a product's name defaults to its id")
        #expect(s.inputs.count == 1 && s.inputs[0].sha256.count == 64)
    }

    @Test func extendsMergesMapsAndReplacesListsAndScalars() throws {
        let parent = try temporaryScenario("""
            name: parent
            seed: 5
            host: {charisma: 0.8, sincerity: 0.9}
            channels:
              feed: {impressionsPerMinute: 5000, coverClickThrough: 0.03}
              kol: [{name: a, postMinute: 10, audience: 1000}, {name: b, postMinute: 20, audience: 1000}]
            """, name: "parent.yaml")
        let child = (parent as NSString).deletingLastPathComponent + "/child.yaml"
        try Data("""
            extends: parent.yaml
            name: child
            host: {charisma: 0.3}
            channels:
              feed: {coverClickThrough: 0.05}
              kol: [{name: c, postMinute: 30, audience: 2000}]
            """.utf8).write(to: URL(fileURLWithPath: child))
        let s = try ScenarioLoader.load(file: child)
        #expect(s.document.name == "child" && s.document.seed == 5)
        #expect(s.document.host.charisma == 0.3 && s.document.host.sincerity == 0.9, "maps merge key by key")
        #expect(s.configuration.channels.feed?.impressionsPerMinute == 5000 && s.configuration.channels.feed?.coverClickThrough == 0.05)
        #expect(s.configuration.channels.kol.map(\.name) == ["c"], "lists replace")
        #expect(s.inputs.map { ($0.file as NSString).lastPathComponent } == ["child.yaml", "parent.yaml"])
    }

    @Test func aGivenSegmentMixReplacesTheDefaultMix() throws {
        let path = try temporaryScenario("name: m\nviewers: {segments: {neutral: {}}}\nchannels:\n  search: {segmentMix: {neutral: 1}}\n")
        let s = try ScenarioLoader.load(file: path)
        #expect(s.configuration.channels.search?.segmentMix == ["neutral": 1])
        #expect(s.configuration.viewers.segments.count == 5, "segments merge with the four defaults")
    }

    @Test func nullSwitchesAnInheritedChannelOff() throws {
        let parent = try temporaryScenario("name: p\nchannels:\n  search: {perMinute: 3}\n  feed: {}\n", name: "p.yaml")
        let child = (parent as NSString).deletingLastPathComponent + "/c.yaml"
        try Data("extends: p.yaml\nname: c\nchannels:\n  feed: null\n".utf8).write(to: URL(fileURLWithPath: child))
        let s = try ScenarioLoader.load(file: child)
        #expect(s.configuration.channels.feed == nil && s.configuration.channels.search != nil)
    }

    /// Plain scalars are typed as YAML 1.1 types them (Yams' default rules):
    /// the boolean words in three spellings, integers with underscores,
    /// numbers with exponents; anything else, and anything quoted, is text.
    @Test func plainScalarsAreTypedAsInYAML11() throws {
        func scenario(liveReviews: String) throws -> String {
            try temporaryScenario(tinyScenario + """
                seed: 1_000
                stream: {durationMinutes: 1.5e+2}
                trust: {brandAuthorization: yes, authenticityGuarantee: On, sevenDayReturns: FALSE, liveReviews: \(liveReviews)}
                """)
        }
        let s = try ScenarioLoader.load(file: try scenario(liveReviews: "off"))
        #expect(s.document.seed == 1000)
        #expect(s.document.stream.durationMinutes == 150)
        let trust = try #require(s.configuration.trust)
        #expect(trust.brandAuthorization && trust.authenticityGuarantee && !trust.sevenDayReturns && !trust.liveReviews)
        for text in ["tRue", "'yes'", "y"] {
            let path = try scenario(liveReviews: text)
            do {
                _ = try ScenarioLoader.load(file: path)
                Issue.record("\(text) read as a boolean")
            } catch {
                #expect(error.errors.map(\.path) == ["trust.liveReviews"], "\(text) is text, not a boolean")
            }
        }
    }

    @Test func everyProblemIsReportedAtOnceWithFileLineAndPath() throws {
        let path = try temporaryScenario("""
            name: many
            stream: {durationMinutes: -1}
            host: {charisma: high}
            channels:
              feed: {coverClickThru: 0.1}
            """)
        do {
            _ = try ScenarioLoader.load(file: path)
            Issue.record("expected errors")
        } catch {
            let byPath = Dictionary(error.errors.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
            #expect(byPath["host.charisma"]?.line == 3)
            #expect(byPath["channels.feed.coverClickThru"]?.line == 5)
            #expect(byPath["channels.feed.coverClickThru"]?.expected.contains("coverClickThrough") == true)
            #expect(byPath["stream.durationMinutes"]?.line == 2, "range problems are reported with type problems")
        }
    }

    @Test func theResolvedScenarioIsCanonical() throws {
        let a = try temporaryScenario("name: x\nhost: {charisma: 0.6, sincerity: 0.4}\n")
        let b = try temporaryScenario("host:\n  sincerity: 0.4\n  charisma: 0.6\nname: x\n")
        let sa = try ScenarioLoader.load(file: a), sb = try ScenarioLoader.load(file: b)
        #expect(sa.resolvedSha256 == sb.resolvedSha256, "key order and layout do not change the resolved scenario")
        #expect(sa.inputs[0].sha256 != sb.inputs[0].sha256)
    }

    @Test(arguments: ["baseline.yaml", "variants/kol-heavy.yaml", "variants/paid-boost.yaml", "variants/weak-host.yaml",
                      "variants/poor-stream.yaml", "variants/no-opening-deal.yaml", "variants/hourly-flash-sales.yaml",
                      "variants/no-trust.yaml", "reference-viewers.yaml"])
    func shippedScenariosLoadAndRun(_ name: String) throws {
        let s = try ScenarioLoader.load(file: shipped(name))
        var config = s.configuration
        config.durationMinutes = min(config.durationMinutes, 30)   // keep the test quick; windows clipped below
        config.runOfShow = config.runOfShow.compactMap { w in
            w.fromMinute >= 30 ? nil : FeaturedWindow(product: w.product, fromMinute: w.fromMinute, toMinute: min(w.toMinute, 30))
        }
        config.channels.kol = config.channels.kol.filter { $0.postMinute < 30 }
        config.guests = config.guests.filter { $0.toMinute <= 30 }
        config.hostSchedule = config.hostSchedule.filter { $0.toMinute <= 30 }
        config.events = config.events.filter { $0.window.to <= 30 }
        config.promotions = config.promotions.filter { $0.toMinute <= 30 }
        if var feed = config.channels.feed {
            feed.boosts = feed.boosts.filter { $0.toMinute <= 30 }
            config.channels.feed = feed
        }
        let result = try Simulation(configuration: config).run(seed: 1, replication: 0)
        #expect(result.kpis[.views]! > 0)
    }

    @Test func theVariantsChangeOneThing() throws {
        let base = try ScenarioLoader.load(file: shipped("baseline.yaml")).configuration
        let boost = try ScenarioLoader.load(file: shipped("variants/paid-boost.yaml")).configuration
        var expected = base
        expected.name = boost.name
        expected.channels.feed?.boosts = boost.channels.feed?.boosts ?? []
        #expect(boost == expected && !(boost.channels.feed?.boosts.isEmpty ?? true))
        let kol = try ScenarioLoader.load(file: shipped("variants/kol-heavy.yaml")).configuration
        expected = base
        expected.name = kol.name
        expected.channels.kol = kol.channels.kol
        #expect(kol == expected && kol.channels.kol.count == 3)
    }

    /// The errors of loading `text` (none: a failed expectation).
    func errors(_ text: String) throws -> [ScenarioError] {
        let file = try temporaryScenario(text)
        do {
            _ = try ScenarioLoader.load(file: file)
            Issue.record("expected errors")
            return []
        } catch {
            return error.errors
        }
    }

    @Test(arguments: ["kol", "koc", "crossBrand", "feed", "followers", "shortVideo", "search", "offlineAds", "share"])
    func nullSwitchesEveryChannelOffDirectlyAndThroughExtends(_ key: String) throws {
        let direct = try ScenarioLoader.load(file: try temporaryScenario("name: d\nchannels:\n  \(key): null\n"))
        #expect(direct.configuration.channels == Channels(), "\(key): null is off")
        let parent = try temporaryScenario(tinyScenario.replacingOccurrences(of: "channels:\n", with: """
            channels:
              kol: [{name: a, postMinute: 10, audience: 1000}]
              koc: [{name: b, postMinute: 10, audience: 1000}]
              crossBrand: [{name: c, postMinute: 10, audience: 1000}]
              feed: {}
              followers: {}
              shortVideo: {}
              offlineAds: {}
              share: {}

            """), name: "parent.yaml")
        let child = (parent as NSString).deletingLastPathComponent + "/child.yaml"
        try Data("extends: parent.yaml\nchannels:\n  \(key): null\n".utf8).write(to: URL(fileURLWithPath: child))
        let inherited = try ScenarioLoader.load(file: parent).configuration.channels
        let c = try ScenarioLoader.load(file: child).configuration.channels
        var expected = inherited
        switch key {
        case "kol": expected.kol = []
        case "koc": expected.koc = []
        case "crossBrand": expected.crossBrand = []
        case "feed": expected.feed = nil
        case "followers": expected.followers = nil
        case "shortVideo": expected.shortVideo = nil
        case "search": expected.search = nil
        case "offlineAds": expected.offlineAds = nil
        default: expected.share = nil
        }
        #expect(c == expected && c != inherited, "\(key): null drops the parent's \(key) and nothing else")
    }

    @Test func aMissingRequiredFieldIsOneErrorNamingIt() throws {
        let found = try errors("name: x\nproducts: [{id: tea}]\nrunOfShow: [{product: tea, fromMinute: 0, toMinute: 10}]\n")
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.path == "products[0]" && found.first?.value.contains("referencePriceYuan") == true)
        let misspelt = try errors("name: x\nproducts: [{id: tea, referencePriceYuna: 10}]\n")
        #expect(misspelt.map(\.path) == ["products[0].referencePriceYuna"], "a misspelt required key is one error: \(misspelt)")
        #expect(misspelt.first?.expected.contains("did you mean `referencePriceYuan`") == true)
        let window = try errors("name: x\nproducts: [{id: tea, referencePriceYuan: 10}]\nrunOfShow: [{product: tea, fromMinute: 0, toMinute: soon}]\n")
        #expect(window.map(\.path) == ["runOfShow[0].toMinute"], "no follow-on window error about the default: \(window)")
    }

    @Test(arguments: [(".nan", ".nan"), (".inf", ".inf"), ("-.inf", "-.inf"), (".NaN", ".NaN")])
    func nonFiniteNumbersAreQuotedAsWritten(_ written: String, _ shown: String) throws {
        let found = try errors("name: x\nhost: {charisma: \(written)}\n")
        #expect(found.count == 1 && found.first?.value == shown, "\(found)")
        #expect(found.first?.description.contains("null") == false)
    }

    @Test func rangeErrorsQuoteTheValueAsWritten() throws {
        let found = try errors("name: x\nviewers: {clickToOrderAtReference: 1e-0, meanStaySecondsAtReference: 1_000_000}\ncheckout: {steps: 1_000}\n")
        let byPath = Dictionary(found.map { ($0.path, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(byPath["viewers.clickToOrderAtReference"] == "1e-0")
        #expect(byPath["viewers.meanStaySecondsAtReference"] == "1_000_000")
        #expect(byPath["checkout.steps"] == "1_000")
    }

    @Test func tooDeepNestingSaysSoWithoutLibyamlInternals() throws {
        let deep = String(repeating: "[", count: 1_200) + String(repeating: "]", count: 1_200)
        let found = try errors("name: x\ndescription: \(deep)\n")
        #expect(found.count == 1)
        let message = found.first?.description ?? ""
        #expect(message.contains("nested deeper than 1000 levels") && !message.contains("yaml_"), "\(message)")
        #expect(found.first?.line == 2, "\(message)")
    }

    @Test func aListPriceAnOfferAlwaysUndercutsIsAWarning() throws {
        func warnings(units: String, inventory: String = "", offerFrom: Int = 0) throws -> [ScenarioWarning] {
            try ScenarioLoader.load(file: try temporaryScenario("""
                name: w
                channels: {search: {perMinute: 1}}
                products:
                  - {id: tea, referencePriceYuan: 39\(inventory)}
                runOfShow:
                  - {product: tea, fromMinute: 10, toMinute: 20}
                  - {product: tea, fromMinute: 40, toMinute: 50}
                promotions:
                  - name: all
                    fromMinute: 0
                    toMinute: 60
                    offers:
                      - {type: livePrice, product: tea, priceYuan: 29, fromMinute: \(offerFrom), toMinute: 30\(units)}
                      - {type: bundle, product: tea, priceYuan: 70, bundleUnits: 2, fromMinute: 30, toMinute: 60}

                """)).warnings
        }
        let always = try warnings(units: "")
        #expect(always.count == 1, "\(always)")
        #expect(always.first?.path == "products[0].referencePriceYuan" && always.first?.line == 4)
        #expect(always.first?.message.contains("¥39") == true && always.first?.message.contains("all.0 (¥29), all.1 (¥35)") == true)
        #expect(try warnings(units: ", units: 100").isEmpty, "limited units may sell out; then the list price is charged")
        #expect(try warnings(units: ", units: 100", inventory: ", inventory: 100").count == 1, "units that outlast the stock cannot sell out")
        #expect(try warnings(units: ", units: 99", inventory: ", inventory: 100").isEmpty)
        #expect(try warnings(units: "", offerFrom: 11).isEmpty, "minute 10 to 11 is featured at the list price")
        #expect(try ScenarioLoader.load(file: shipped("baseline.yaml")).warnings.map(\.path)
                == ["products[1].referencePriceYuan", "products[2].referencePriceYuan"],
                "the baseline's set always sells as the bundle and the bag at the thank-you price; the hot item's 1,500 opening units may sell out")
    }
}
