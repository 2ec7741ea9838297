import Audience
import Foundation
import JSON
import Scenario
import Testing

/// The schema and the model's Codable configuration must describe the same keys.
@Suite struct ScenarioSchemaTests {
    /// Every key path of a JSON value (objects only; list elements as `[]`).
    func paths(_ v: JSONValue, _ prefix: String = "") -> Set<String> {
        switch v {
        case .object(let members):
            var out = Set<String>()
            for m in members {
                let p = prefix.isEmpty ? m.key : "\(prefix).\(m.key)"
                out.insert(p)
                out.formUnion(paths(m.value, p))
            }
            return out
        case .array(let items):
            return items.reduce(into: Set<String>()) { $0.formUnion(paths($1, prefix + "[]")) }
        default:
            return []
        }
    }

    /// Every key path the schema defines (maps as `*`).
    func paths(_ s: SchemaNode, _ prefix: String = "") -> Set<String> {
        switch s {
        case .object(let shape):
            var out = Set<String>()
            for p in shape.properties {
                let path = prefix.isEmpty ? p.name : "\(prefix).\(p.name)"
                out.insert(path)
                out.formUnion(paths(p.node, path))
            }
            return out
        case .array(let element): return paths(element, prefix + "[]")
        case .map(let value): return paths(value, prefix + ".*").union([prefix + ".*"])
        case .weights: return [prefix + ".*"]
        default: return []
        }
    }

    @Test func everyModelFieldHasASchemaKeyAndBack() throws {
        // A document with every optional part present.
        var d = ScenarioDocument()
        var feed = FeedChannel()
        feed.boosts = [FeedBoost(fromMinute: 0, toMinute: 1, budgetYuan: 1, cpmYuan: 1)]
        d.channels.feed = feed
        d.channels.followers = FollowersChannel()
        d.channels.kol = [PartnerChannel(name: "k")]
        d.channels.koc = [PartnerChannel(name: "k")]
        d.channels.crossBrand = [PartnerChannel(name: "k")]
        d.channels.shortVideo = ShortVideoChannel()
        d.channels.search = SearchChannel()
        var offline = OfflineAdsChannel()
        offline.toMinute = 10
        d.channels.offlineAds = offline
        d.channels.share = ShareChannel()
        var product = Product(id: "p", referencePriceYuan: 1, priceYuan: 1, inventory: 1)
        product.consumptionCycleDays = 30
        d.products = [product]
        d.runOfShow = [FeaturedWindow(product: "p", fromMinute: 0, toMinute: 1)]
        d.hostSchedule = [HostShift()]
        d.guests = [Guest()]
        var event = InteractiveEvent(type: .demonstration)
        event.announceMinute = 1; event.drawMinute = 2; event.fromMinute = 1; event.toMinute = 2
        event.incentive = 1; event.category = "c"
        d.events = [event]
        d.streamQuality = StreamQuality()
        d.roomWeight = RoomWeightSettings()
        var phase = PromotionPhase(name: "p")
        var offer = Offer(type: .flashSale)
        offer.id = "o"; offer.product = "p"; offer.priceYuan = 1; offer.discountRate = 0.1; offer.units = 1
        offer.fromMinute = 0; offer.toMinute = 1; offer.incentive = 1
        phase.offers = [offer]
        d.promotions = [phase]
        d.trust = TrustSettings()
        d.checkout = CheckoutSettings()
        d.returns = ReturnSettings()
        d.variation = StreamVariation()
        var season = SeasonSettings()
        season.population.churnBySegment = ["browser": 0.1]
        season.fanGroups = FanGroupSettings()
        season.membership = MembershipSettings()
        season.retargetingCoupons = CouponSettings()
        season.repurchaseReminders = ReminderSettings()
        season.birthdayGifts = BirthdayGiftSettings()
        d.season = season
        let data = try JSONEncoder().encode(d)
        let model = paths(try JSONDecoder().decode(JSONValue.self, from: data))
            .map { $0.replacingOccurrences(of: #"segmentMix\.[A-Za-z]+"#, with: "segmentMix.*", options: .regularExpression)
                      .replacingOccurrences(of: #"segments\.[A-Za-z]+"#, with: "segments.*", options: .regularExpression)
                      .replacingOccurrences(of: #"churnBySegment\.[A-Za-z]+"#, with: "churnBySegment.*", options: .regularExpression) }
        let schema = paths(ScenarioSchema.root)
        let missingInSchema = Set(model).subtracting(schema)
        let missingInModel = schema.subtracting(model).subtracting(["extends"])
        #expect(missingInSchema.isEmpty, "model fields without a schema key: \(missingInSchema.sorted())")
        #expect(missingInModel.isEmpty, "schema keys the model does not have: \(missingInModel.sorted())")
    }

    @Test func theJSONSchemaHasTheFormatsKeys() {
        let text = JSONSchemaGenerator.generate().text(indent: 2)
        #expect(text.contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\""))
        for key in ["durationMinutes", "tickSeconds", "professionalism", "meanStaySecondsAtReference", "clickToOrderAtReference",
                    "reentryProbability", "hostQualityWeights", "segments", "impressionsPerMinute", "coverClickThrough",
                    "targetingPrecision", "roomWeightElasticity", "segmentMix", "boosts", "cpmYuan", "fanGroupOpenRate",
                    "postMinute", "engagement", "decayMinutes", "commissionRate", "reservations", "showRate", "perMinute",
                    "inviteesPerShare", "meanDelayMinutes", "referencePriceYuan", "unitCostYuan", "inventory", "runOfShow"] {
            #expect(text.contains("\"\(key)\""), "schema lacks \(key)")
        }
    }

    /// Every number leaf of the schema with its path (list elements as `[]`, maps as `*`).
    func numbers(_ s: SchemaNode, _ prefix: String = "") -> [(String, SchemaNode.NumberRange)] {
        switch s {
        case .number(let r), .integer(let r): return [(prefix, r)]
        case .object(let shape): return shape.properties.flatMap { numbers($0.node, prefix.isEmpty ? $0.name : "\(prefix).\($0.name)") }
        case .array(let element): return numbers(element, prefix + "[]")
        case .map(let value): return numbers(value, prefix + ".*")
        default: return []
        }
    }

    /// The ranges come from the model's table, which the validation checks:
    /// every number is bounded, and a value just outside a bound the schema
    /// publishes is refused by the loader too.
    @Test func theSchemaPublishesTheRangesTheValidationChecks() throws {
        let unbounded = numbers(ScenarioSchema.root).filter { $0.1.minimum == nil && $0.1.maximum == nil }.map(\.0)
        #expect(unbounded.isEmpty, "numbers without a range: \(unbounded)")
        for (path, yaml) in [("viewers.clickToOrderAtReference", "viewers: {clickToOrderAtReference: 1}"),
                             ("viewers.effects.fullReductionTakeUp", "viewers: {effects: {fullReductionTakeUp: 1.5}}"),
                             ("roomWeight.minimumMultiplier", "roomWeight: {minimumMultiplier: 1.5}"),
                             ("viewers.segments.browser.interest", "viewers: {segments: {browser: {interest: 0}}}"),
                             ("promotions[0].offers[0].units", "products: [{id: a, referencePriceYuan: 9}]\npromotions: [{name: p, fromMinute: 0, toMinute: 9, offers: [{type: livePrice, product: a, priceYuan: 5, units: 2000000000}]}]")] {
            let file = try temporaryScenario("name: r\n\(yaml)\n")
            do {
                _ = try ScenarioLoader.load(file: file)
                Issue.record("\(path): accepted")
            } catch {
                #expect(error.errors.map(\.path) == [path], "\(error)")
            }
        }
        let text = JSONSchemaGenerator.generate().text()
        #expect(text.contains(#""exclusiveMaximum":1"#), "open upper bounds are published")
    }
}
