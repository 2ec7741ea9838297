import Audience
import Foundation
import JSON
@testable import Scenario
import Testing

/// `JSONValue.encoding` builds the value directly; it must be exactly what
/// the JSON text of the value parses back to (the way it was built before,
/// through `JSONEncoder` and `JSONDecoder`).
@Suite struct JSONValueEncodingTests {
    func throughText<T: Encodable>(_ value: T) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
    }

    /// Every shape Codable produces: nested structs, optionals present and
    /// absent, explicit nulls, every integer width, Float by its shortest
    /// text, arrays of arrays, string- and integer-keyed dictionaries, enums
    /// with raw values and with associated values, a super encoder.
    struct Shapes: Encodable {
        enum Kind: String, Encodable { case first, second }
        enum Tagged: Encodable { case plain, carrying(Double, label: String) }
        struct Inner: Encodable { var x = 0.1, list = [1.5, -2.25e-7], name = "in\"ner\n" }
        var flag = true
        var text = "héllo"
        var double = 1.0 / 3.0
        var float: Float = 0.1
        var floats: [Float] = [1e-5, 3.4e38, 0.3]
        var int = -7, int8: Int8 = -8, int16: Int16 = 16, int32: Int32 = -32, int64: Int64 = 1 << 40
        var uint: UInt = 7, uint8: UInt8 = 8, uint16: UInt16 = 16, uint32: UInt32 = 32, uint64: UInt64 = 1 << 52
        var present: Double? = 2.5
        var absent: Double?
        var inner = Inner()
        var inners = [Inner(), Inner(x: 2, list: [], name: "")]
        var nested: [[Int]] = [[1, 2], [], [3]]
        var byName: [String: Double] = ["b": 2, "a": 1, "c": -0.5]
        var byNumber: [Int: String] = [3: "three", 10: "ten"]
        var kind = Kind.second
        var tagged: [Tagged] = [.plain, .carrying(4.5, label: "x")]
        var empty: [String: Int] = [:]

        enum CodingKeys: String, CodingKey {
            case flag, text, double, float, floats, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64
            case present, absent, inner, inners, nested, byName, byNumber, kind, tagged, empty, explicitNull, parent
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(flag, forKey: .flag); try c.encode(text, forKey: .text); try c.encode(double, forKey: .double)
            try c.encode(float, forKey: .float); try c.encode(floats, forKey: .floats)
            try c.encode(int, forKey: .int); try c.encode(int8, forKey: .int8); try c.encode(int16, forKey: .int16)
            try c.encode(int32, forKey: .int32); try c.encode(int64, forKey: .int64)
            try c.encode(uint, forKey: .uint); try c.encode(uint8, forKey: .uint8); try c.encode(uint16, forKey: .uint16)
            try c.encode(uint32, forKey: .uint32); try c.encode(uint64, forKey: .uint64)
            try c.encodeIfPresent(present, forKey: .present); try c.encodeIfPresent(absent, forKey: .absent)
            try c.encode(inner, forKey: .inner); try c.encode(inners, forKey: .inners); try c.encode(nested, forKey: .nested)
            try c.encode(byName, forKey: .byName); try c.encode(byNumber, forKey: .byNumber)
            try c.encode(kind, forKey: .kind); try c.encode(tagged, forKey: .tagged); try c.encode(empty, forKey: .empty)
            try c.encodeNil(forKey: .explicitNull)
            try inner.encode(to: c.superEncoder(forKey: .parent))
        }
    }

    @Test func everyShapeMatchesTheTextRoundTrip() throws {
        let direct = JSONValue.encoding(Shapes())
        #expect(direct == (try throughText(Shapes())))
        // Spot checks, so that a bug shared by both paths would still show.
        #expect(direct["float"] == .number(0.1))
        #expect(direct["absent"] == nil)
        #expect(direct["explicitNull"] == .null)
        #expect(direct["byNumber"]?["10"] == .string("ten"))
    }

    /// The schema's prototypes: the scenario document's defaults and those
    /// of every section the schema describes.
    @Test func scenarioDefaultsMatchTheTextRoundTrip() throws {
        let values: [any Encodable] = [
            ScenarioDocument(), ScenarioDocument.StreamSettings(), Host(), Segment(), HostQualityWeights(), BehaviourEffects(),
            ViewerBehaviour(), FeedBoost(fromMinute: 0, toMinute: 0, budgetYuan: 0, cpmYuan: 0), FeedChannel(), FollowersChannel(),
            PartnerChannel(name: ""), ShortVideoChannel(), SearchChannel(), OfflineAdsChannel(), ShareChannel(), Channels(),
            Product(id: "", name: "", referencePriceYuan: 0), HostShift(), Guest(), InteractiveEvent(type: .lottery),
            StreamQuality(), RoomWeightSettings(), Offer(type: .livePrice), PromotionPhase(name: ""), TrustSettings(),
            CheckoutSettings(), ReturnSettings(), StreamVariation(), FeaturedWindow(product: "", fromMinute: 0, toMinute: 0),
            PopulationSettings(), FanGroupSettings(), MemberLevel(name: "", minimumPoints: 0), MembershipSettings(),
            CouponSettings(), ReminderSettings(), BirthdayGiftSettings(), SeasonSettings(),
        ]
        for value in values {
            let direct = JSONValue.encoding(value)
            #expect(direct == (try throughText(value)), "\(type(of: value))")
        }
    }
}
