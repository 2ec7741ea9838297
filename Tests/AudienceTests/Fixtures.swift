import Audience
import SimCore
import Testing

/// Configurations shared by the model's tests.
enum Fixtures {
    /// A small stream using every part-1 mechanism: feed with a boost,
    /// followers, a KOL, a KOC, short video, search, offline ads, a
    /// cross-brand partner, shares, one product featured most of the time.
    static func mixedStream(durationMinutes: Double = 60) -> StreamConfiguration {
        var c = StreamConfiguration()
        c.name = "mixed"
        c.durationMinutes = durationMinutes
        c.host = Host(name: "Lin", professionalism: 0.7, charisma: 0.6, responsiveness: 0.6, sincerity: 0.7)
        var feed = FeedChannel()
        feed.impressionsPerMinute = 6_000
        feed.boosts = [FeedBoost(fromMinute: 0, toMinute: 10, budgetYuan: 1_000, cpmYuan: 50)]
        c.channels.feed = feed
        var followers = FollowersChannel()
        followers.pool = 10_000
        followers.fanGroupMembers = 1_000
        c.channels.followers = followers
        var kol = PartnerChannel(name: "beauty-kol")
        kol.postMinute = 20; kol.audience = 200_000; kol.feeYuan = 3_000; kol.commissionRate = 0.1
        c.channels.kol = [kol]
        var koc = PartnerChannel(name: "koc-1")
        koc.postMinute = 5; koc.audience = 50_000
        c.channels.koc = [koc]
        var shortVideo = ShortVideoChannel()
        shortVideo.reservations = 1_000; shortVideo.costYuan = 500
        c.channels.shortVideo = shortVideo
        c.channels.search = SearchChannel()
        var offline = OfflineAdsChannel()
        offline.costYuan = 800
        c.channels.offlineAds = offline
        var partner = PartnerChannel(name: "tea-brand")
        partner.postMinute = 30; partner.audience = 30_000; partner.feeYuan = 1_000
        c.channels.crossBrand = [partner]
        c.channels.share = ShareChannel()
        c.products = [Product(id: "serum", referencePriceYuan: 199, unitCostYuan: 50)]
        c.runOfShow = [FeaturedWindow(product: "serum", fromMinute: 2, toMinute: durationMinutes - 5)]
        return c
    }

    /// The mixed stream with the conversion layer: an opening live price, a
    /// middle with a bundle, a gift, a full reduction and a flash sale,
    /// trust endorsements, a checkout funnel and returns.
    static func promotedStream() -> StreamConfiguration {
        var c = mixedStream()
        c.products = [Product(id: "serum", referencePriceYuan: 199, unitCostYuan: 50, inventory: 20_000),
                      Product(id: "set", referencePriceYuan: 299, unitCostYuan: 80, inventory: 20_000)]
        c.runOfShow = [FeaturedWindow(product: "serum", fromMinute: 0, toMinute: 15),
                       FeaturedWindow(product: "set", fromMinute: 15, toMinute: 60)]
        var opening = PromotionPhase(name: "opening")
        opening.fromMinute = 0; opening.toMinute = 15
        var live = Offer(type: .livePrice)
        live.id = "opening-serum"; live.product = "serum"; live.priceYuan = 99; live.units = 400
        opening.offers = [live]
        var middle = PromotionPhase(name: "middle")
        middle.fromMinute = 15; middle.toMinute = 60
        var bundle = Offer(type: .bundle)
        bundle.product = "set"; bundle.priceYuan = 499; bundle.bundleUnits = 2
        var gift = Offer(type: .gift)
        gift.product = "set"; gift.giftValueYuan = 40; gift.giftCostYuan = 10; gift.units = 200
        var coupon = Offer(type: .fullReduction)
        coupon.thresholdYuan = 300; coupon.reductionYuan = 30
        var flash = Offer(type: .flashSale)
        flash.product = "set"; flash.priceYuan = 199; flash.units = 100; flash.fromMinute = 40; flash.toMinute = 45
        middle.offers = [bundle, gift, coupon, flash]
        c.promotions = [opening, middle]
        var trust = TrustSettings()
        trust.brandAuthorization = true; trust.authenticityGuarantee = true; trust.sevenDayReturns = true
        c.trust = trust
        c.checkout = CheckoutSettings()
        c.returns = ReturnSettings()
        return c
    }

    /// Every mechanism off but one steady channel, one neutral segment and
    /// exponential stays of mean `meanStay`: the model is then M/M/∞.
    static func infiniteServer(perMinute: Double, meanStay: Double, durationMinutes: Double) -> StreamConfiguration {
        var c = StreamConfiguration()
        c.durationMinutes = durationMinutes
        var search = SearchChannel()
        search.perMinute = perMinute
        search.intentShift = 0
        search.segmentMix = ["neutral": 1]
        c.channels.search = search
        c.viewers.segments = ["neutral": Segment()]
        c.viewers.traitSpread = 0
        c.viewers.meanStaySecondsAtReference = meanStay
        c.viewers.boredom = false
        c.viewers.reentryProbability = 0
        c.viewers.interactionsPerMinuteAtReference = 0
        c.viewers.sharesPerMinuteAtReference = 0
        return c
    }
}

/// Mean and 95% t-interval of per-replication values.
func interval(_ xs: [Double]) -> (mean: Double, low: Double, high: Double) {
    let s = ReplicationSummary(xs)!
    return (s.mean, s.confidenceInterval95!.lowerBound, s.confidenceInterval95!.upperBound)
}

/// Per-replication paired differences `changed − base` of each KPI under
/// common random numbers (same seed and replications), as mean and 95% CI.
func pairedDifferences(base: StreamConfiguration, changed: StreamConfiguration, _ kpis: [KPI], replications: Int = 16,
                       seed: UInt64 = 77) throws -> [KPI: (mean: Double, low: Double, high: Double)] {
    let a = try Simulation(configuration: base), b = try Simulation(configuration: changed)
    let pairs = ParallelReplications.map(count: replications, jobs: 2) { r in
        (a.run(seed: seed, replication: r).kpis, b.run(seed: seed, replication: r).kpis)
    }
    var out: [KPI: (mean: Double, low: Double, high: Double)] = [:]
    for k in kpis { out[k] = interval(pairs.map { $0.1[k]! - $0.0[k]! }) }
    return out
}

/// Paired results of two configurations, replication by replication.
func pairedResults(_ base: StreamConfiguration, _ changed: StreamConfiguration, replications: Int = 16,
                   seed: UInt64 = 77) throws -> [(StreamResult, StreamResult)] {
    let a = try Simulation(configuration: base), b = try Simulation(configuration: changed)
    return ParallelReplications.map(count: replications, jobs: 2) { r in
        (a.run(seed: seed, replication: r), b.run(seed: seed, replication: r))
    }
}

/// Expects the paired 95% CI of a KPI's difference to lie above zero.
func expectIncrease(_ d: [KPI: (mean: Double, low: Double, high: Double)], _ k: KPI, _ what: String,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    let x = d[k]!
    #expect(x.low > 0, "\(what): \(k.key) paired difference \(x.mean), 95% CI [\(x.low), \(x.high)]", sourceLocation: sourceLocation)
}

/// Expects the paired 95% CI of a KPI's difference to lie below zero.
func expectDecrease(_ d: [KPI: (mean: Double, low: Double, high: Double)], _ k: KPI, _ what: String,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    let x = d[k]!
    #expect(x.high < 0, "\(what): \(k.key) paired difference \(x.mean), 95% CI [\(x.low), \(x.high)]", sourceLocation: sourceLocation)
}
