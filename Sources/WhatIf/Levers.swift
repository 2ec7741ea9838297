import Foundation
import JSON
import Scenario

/// One decision a planner can move on the what-if page, generated from the
/// scenario's own offers, events, host, channels and delivery: its range, its
/// value in the scenario, and what moving it sets (one field, a window moved
/// as a whole, an item kept in or dropped from a list).
public struct Lever: Sendable {
    /// What a value of the lever sets in the scenario.
    public enum Action: Sendable {
        /// The field at `path` takes the value (a whole number when `whole`).
        case field(path: String, whole: Bool)
        /// A window moved as a whole: `from` takes the value, each path of
        /// `alsoMoved` keeps its offset from it (an event's announcement before
        /// its draw, a window's end after its start).
        case moved(from: String, alsoMoved: [(path: String, offset: Double)])
        /// An item of the list at `list`: a toggle keeps it in or drops it; a
        /// number is written into its `field`, and the item is dropped at 0.
        case listItem(list: String, item: JSONValue, field: String?)

    }

    public enum Kind: String, Sendable { case number, toggle }

    /// Stable within a scenario: `offer.opening-serum.priceYuan`, `event.2.drawMinute`.
    public var id: String
    /// The section of the page it sits in: offers, events, host, traffic, delivery.
    public var group: String
    public var label: (en: String, zh: String)
    public var kind: Kind
    public var minimum: Double
    public var maximum: Double
    public var step: Double
    /// The scenario's own value (a toggle: 1 on, 0 off).
    public var value: Double
    /// `¥`, `min`, `units`, `s`, `/h`, or empty.
    public var unit: String
    public var action: Action


    /// The lever as the page reads it (`GET /api/scenarios/NAME`).
    public var json: JSONValue {
        .object([
            .init("id", .string(id)), .init("group", .string(group)),
            .init("label", .object([.init("en", .string(label.en)), .init("zh", .string(label.zh))])),
            .init("kind", .string(kind.rawValue)), .init("min", .number(minimum)), .init("max", .number(maximum)),
            .init("step", .number(step)), .init("value", .number(value)), .init("unit", .string(unit)),
        ])
    }
}

/// The levers of one scenario, and the field settings a choice of their
/// values makes. A lever left at the scenario's value sets nothing, so the
/// untouched page runs exactly the scenario file.
public struct LeverSet: Sendable {
    public let levers: [Lever]

    /// The levers of a loaded scenario (a season's stream is its streams' plan).
    public init(_ scenario: LoadedScenario) {
        levers = LeverSet.generate(scenario.resolved)
    }

    public func lever(_ id: String) -> Lever? { levers.first { $0.id == id } }

    /// The field paths and values that `values` (lever id → value) set, in
    /// lever order; levers at their scenario value set nothing. Values must
    /// be in range (``WhatIfRequest`` checks them).
    public func settings(_ values: [String: Double]) -> [(path: String, value: JSONValue)] {
        func moved(_ lever: Lever) -> Double? { values[lever.id].flatMap { $0 != lever.value ? $0 : nil } }
        var out: [(path: String, value: JSONValue)] = []
        var lists: [String] = []
        for lever in levers {
            switch lever.action {
            case .field(let path, let whole):
                if let v = moved(lever) { out.append((path, .number(whole ? v.rounded() : v))) }
            case .moved(let from, let also):
                guard let v = moved(lever) else { continue }
                out.append((from, .number(v)))
                for (path, offset) in also { out.append((path, .number(v + offset))) }
            case .listItem(let list, _, _):
                if moved(lever) != nil, !lists.contains(list) { lists.append(list) }
            }
        }
        // A list is written whole once any of its items' levers moved: the items kept, in order.
        for list in lists {
            var items: [JSONValue] = []
            for lever in levers {
                guard case .listItem(list, var item, let field) = lever.action else { continue }
                let v = values[lever.id] ?? lever.value
                if let field {
                    guard v > 0 else { continue }
                    item.set(field, .number(v))
                } else if v < 0.5 {
                    continue
                }
                items.append(item)
            }
            out.append((list, .array(items)))
        }
        return out
    }
}

// MARK: Generation

extension LeverSet {
    static func generate(_ s: JSONValue) -> [Lever] {
        var levers: [Lever] = []
        let duration = s["stream"]?["durationMinutes"]?.number ?? 180
        var referencePrice: [String: Double] = [:], productName: [String: String] = [:]
        for product in s["products"]?.items ?? [] {
            guard let id = product["id"]?.string else { continue }
            referencePrice[id] = product["referencePriceYuan"]?.number
            productName[id] = product["name"]?.string ?? id
        }
        // Offers: price and units of every priced offer; a flash sale's time.
        for (p, phase) in (s["promotions"]?.items ?? []).enumerated() {
            let phaseName = phase["name"]?.string ?? "phase \(p + 1)"
            for (o, offer) in (phase["offers"]?.items ?? []).enumerated() {
                guard let type = offer["type"]?.string, ["livePrice", "flashSale", "bundle"].contains(type),
                      let id = offer["id"]?.string, let price = offer["priceYuan"]?.number else { continue }
                let path = "promotions[\(p)].offers[\(o)]"
                let product = (offer["product"]?.string).flatMap { productName[$0] } ?? id
                let kind = ["livePrice": ("", ""), "flashSale": (" flash sale", " 秒杀"),
                            "bundle": (" ×\(fmt(offer["bundleUnits"]?.number ?? 2)) bundle", " ×\(fmt(offer["bundleUnits"]?.number ?? 2)) 套装")][type] ?? ("", "")
                let name = "\(product)\(kind.0), \(phaseName)"
                let nameZh = "\(product)\(kind.1)（\(phaseName)）"
                let reference = (offer["product"]?.string).flatMap { referencePrice[$0] } ?? price
                let scale = type == "bundle" ? (offer["bundleUnits"]?.number ?? 1) : 1
                let top = max(price, reference * scale * 1.2)
                levers.append(Lever(id: "offer.\(id).priceYuan", group: "offers", label: ("\(name): price", "\(nameZh)：价格"),
                                    kind: .number, minimum: nice(min(price, top * 0.1), down: true), maximum: nice(top, down: false),
                                    step: top >= 100 ? 1 : 0.1, value: price, unit: "¥", action: .field(path: "\(path).priceYuan", whole: false)))
                if let units = offer["units"]?.number {
                    levers.append(Lever(id: "offer.\(id).units", group: "offers", label: ("\(name): units", "\(nameZh)：库存"),
                                        kind: .number, minimum: 0, maximum: nice(max(units * 3, 10), down: false), step: 1, value: units,
                                        unit: "units", action: .field(path: "\(path).units", whole: true)))
                }
                if type == "flashSale", let from = offer["fromMinute"]?.number, let to = offer["toMinute"]?.number,
                   let phaseFrom = phase["fromMinute"]?.number, let phaseTo = phase["toMinute"]?.number {
                    let length = to - from
                    let lead = offer["announceMinutes"]?.number ?? 0
                    levers.append(Lever(id: "offer.\(id).fromMinute", group: "offers", label: ("\(name): starts at", "\(nameZh)：开始时间"),
                                        kind: .number, minimum: min(from, phaseFrom + lead), maximum: max(from, phaseTo - length), step: 1,
                                        value: from, unit: "min",
                                        action: .moved(from: "\(path).fromMinute", alsoMoved: [("\(path).toMinute", length)])))
                }
            }
        }
        // Events with a draw: when it is drawn (the announcement keeps its lead).
        for (e, event) in (s["events"]?.items ?? []).enumerated() {
            let name = event["name"]?.string ?? "event \(e + 1)"
            if let draw = event["drawMinute"]?.number, let announce = event["announceMinute"]?.number {
                let lead = draw - announce
                levers.append(Lever(id: "event.\(e).drawMinute", group: "events", label: ("\(name): drawn at", "\(name)：开奖时间"),
                                    kind: .number, minimum: min(draw, lead), maximum: max(draw, duration), step: 1, value: draw, unit: "min",
                                    action: .moved(from: "events[\(e)].drawMinute", alsoMoved: [("events[\(e)].announceMinute", -lead)])))
            } else if let from = event["fromMinute"]?.number, let to = event["toMinute"]?.number {
                levers.append(Lever(id: "event.\(e).fromMinute", group: "events", label: ("\(name): starts at", "\(name)：开始时间"),
                                    kind: .number, minimum: 0, maximum: max(from, duration - (to - from)), step: 1, value: from, unit: "min",
                                    action: .moved(from: "events[\(e)].fromMinute", alsoMoved: [("events[\(e)].toMinute", to - from)])))
            }
        }
        // The host's attributes.
        let attributes: [(String, String, String)] = [("professionalism", "Host: professionalism", "主播：专业度"),
                                                      ("charisma", "Host: charisma", "主播：感染力"),
                                                      ("responsiveness", "Host: responsiveness", "主播：互动回应"),
                                                      ("sincerity", "Host: sincerity", "主播：真诚度")]
        for (key, en, zh) in attributes {
            guard let v = s["host"]?[key]?.number else { continue }
            levers.append(Lever(id: "host.\(key)", group: "host", label: (en, zh), kind: .number, minimum: 0, maximum: 1, step: 0.05,
                                value: v, unit: "", action: .field(path: "host.\(key)", whole: false)))
        }
        // Traffic: paid boosts by window (the scenario's, or an opening and a closing one), partners on or off.
        let boosts = s["channels"]?["feed"]?["boosts"]?.items
        if let boosts {
            let windows: [JSONValue] = boosts.isEmpty ? defaultBoostWindows(duration: duration) : boosts
            for (b, window) in windows.enumerated() {
                let from = window["fromMinute"]?.number ?? 0, to = window["toMinute"]?.number ?? 0
                let budget = boosts.isEmpty ? 0 : window["budgetYuan"]?.number ?? 0
                var item = window
                item.remove("budgetYuan")
                levers.append(Lever(id: "boost.\(b).budgetYuan", group: "traffic",
                                    label: ("Paid boost, min \(fmt(from))–\(fmt(to)): budget", "投流 第\(fmt(from))–\(fmt(to))分钟：预算"),
                                    kind: .number, minimum: 0, maximum: nice(max(budget * 3, 20_000), down: false), step: 100, value: budget,
                                    unit: "¥", action: .listItem(list: "channels.feed.boosts", item: item, field: "budgetYuan")))
            }
        }
        for (channel, en, zh) in [("kol", "KOL", "达人"), ("koc", "KOC", "素人"), ("crossBrand", "Cross-brand partner", "跨界合作")] {
            for (k, partner) in (s["channels"]?[channel]?.items ?? []).enumerated() {
                let name = partner["name"]?.string ?? "\(k + 1)"
                levers.append(Lever(id: "\(channel).\(k)", group: "traffic", label: ("\(en) \(name)", "\(zh) \(name)"), kind: .toggle,
                                    minimum: 0, maximum: 1, step: 1, value: 1, unit: "",
                                    action: .listItem(list: "channels.\(channel)", item: partner, field: nil)))
            }
        }
        // Delivery: stalls, rebuffering and start-up delay (absent: a perfect stream).
        let quality = s["streamQuality"]
        let delivery: [(String, String, String, Double, Double, String)] = [
            ("stallsPerHour", "Stalls per hour", "每小时卡顿次数", 12, 0.5, "/h"),
            ("rebufferRatio", "Rebuffering share", "缓冲时间占比", 0.05, 0.001, ""),
            ("startupDelaySeconds", "Start-up delay", "首屏时间", 10, 0.5, "s"),
        ]
        for (key, en, zh, top, step, unit) in delivery {
            let v = quality?[key]?.number ?? 0
            levers.append(Lever(id: "quality.\(key)", group: "delivery", label: (en, zh), kind: .number, minimum: 0, maximum: max(top, v),
                                step: step, value: v, unit: unit, action: .field(path: "streamQuality.\(key)", whole: false)))
        }
        return levers
    }

    /// Boost windows for a scenario that buys none: the first half hour and
    /// the half hour before the last ten minutes, at a ¥50 CPM.
    static func defaultBoostWindows(duration: Double) -> [JSONValue] {
        let length = min(30, duration / 4)
        return [(0, length), (max(length, duration - length - 10), max(length, duration - 10))].map { from, to in
            .object([.init("fromMinute", .number(from)), .init("toMinute", .number(to)), .init("budgetYuan", .number(0)),
                     .init("cpmYuan", .number(50))])
        }
    }

    /// A round bound: 1, 2 or 5 times a power of ten at or beyond `x`.
    static func nice(_ x: Double, down: Bool) -> Double {
        guard x > 0 else { return 0 }
        let power = pow(10, floor(log10(x)))
        let steps: [Double] = [1, 2, 5, 10]
        if down { return (steps.last { $0 * power <= x } ?? 1) * power }
        return (steps.first { $0 * power >= x } ?? 10) * power
    }

    static func fmt(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
}

extension JSONValue {
    var number: Double? { if case .number(let x) = self { x } else { nil } }
    var string: String? { if case .string(let s) = self { s } else { nil } }
    var items: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
}
