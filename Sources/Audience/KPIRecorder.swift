import Foundation
import SimCore

/// The one place where facts become numbers. Behaviours emit
/// ``ViewerEvent``s; the recorder turns them into the KPIs, the per-channel,
/// per-minute, per-product and per-phase tables, so those can never disagree.
/// Counters bumped on every arrival and leave live in ``FixedTable``s (no
/// copy-on-write checks per event), so the recorder is owned by its run
/// alone (not copyable).
struct KPIRecorder: ~Copyable {
    let configuration: StreamConfiguration
    let end: Double
    let minuteCount: Int
    let phaseBreakpoints: [Double]

    // Totals.
    var views = 0, uniqueViewers = 0, interactions = 0, interactedViewers = 0
    var exposures = 0, clicks = 0, orders = 0, buyers = 0, follows = 0, shares = 0, shareArrivals = 0
    var gmv = 0.0, costOfGoods = 0.0, totalStay = 0.0
    var leaves = 0, leavesAfter30Seconds = 0
    var returns = 0, returnedYuan = 0.0, lostSalesUnits = 0, lostSalesYuan = 0.0
    /// Gifts given with orders (in `costYuan`; per channel row in `channels`),
    /// counted from the orders' `giftOffer`.
    var giftCosts = 0.0
    /// Each offer's gift cost, by the index orders carry.
    let giftCostsByOffer: [Double]
    /// Row of products.csv per product (outer) and offer + 1 (inner; 0 is the selling price).
    let productRows: [[Int]]
    /// Room weight at each tick, by minute (nil: no tick in that minute).
    var minuteWeights: [Double?]
    /// ∫ feed multiplier dt per minute; the multiplier now, since when, and
    /// which end of the clamp it sits at (0: inside).
    var minuteMultiplierAreas: [Double]
    var feedMultiplier = 1.0, feedMultiplierSince = 0.0, feedClampSide = 0
    /// Seconds at the clamp's upper and lower ends.
    var upperClampSeconds = 0.0, lowerClampSeconds = 0.0
    // Concurrency: ∫ present dt, per minute and per phase.
    var present = 0, peak = 0, lastChange = 0.0
    var minuteAreas: [Double]
    var phaseAreas: [Double]
    /// ∫ present dt from the last minute or phase boundary to `lastChange`,
    /// and before that boundary.
    var openArea = 0.0, closedArea = 0.0
    // The clock: the minute and phase events now fall in, and the next
    // boundary of either. Events come in time order, so counters of the open
    // minute and phase are plain fields, added to their tables at the boundary.
    var minuteIndex = 0, phaseIndex = 0
    var nextBoundary = 0.0
    var openMinute = MinuteResult()
    var openPhaseViews = 0
    /// Per channel row: entries in the open minute, and the counters every
    /// arrival and leave bumps (added to `channels` at the end).
    let openChannelEntries: FixedTable<Int>
    let channelCounters: FixedTable<ChannelCounters>
    /// Stays in 1-second bins (the histogram is built at the end).
    let stayCounts: FixedTable<Double>
    // Tables.
    var channels: [ChannelResult]
    var minutes: [MinuteResult]
    var channelMinuteEntries: [[Int]]
    var productMinutes: [[ProductMinute]]
    var products: [ProductResult]
    var phases: [PhaseResult]
    var stays: Histogram

    init(configuration c: StreamConfiguration) {
        configuration = c
        end = c.durationSeconds
        minuteCount = max(1, Int((c.durationMinutes).rounded(.up)))
        minuteAreas = Array(repeating: 0, count: minuteCount)
        let layout = PhaseLayout(configuration: c)
        phaseBreakpoints = layout.breakpoints
        phaseAreas = Array(repeating: 0, count: layout.phases.count)
        phases = layout.phases
        channels = c.channelRows.map { ChannelResult(row: $0) }
        openChannelEntries = FixedTable(repeating: 0, count: channels.count)
        channelCounters = FixedTable(repeating: ChannelCounters(), count: channels.count)
        minutes = Array(repeating: MinuteResult(), count: minuteCount)
        channelMinuteEntries = Array(repeating: Array(repeating: 0, count: minuteCount), count: channels.count)
        productMinutes = Array(repeating: Array(repeating: ProductMinute(), count: minuteCount), count: c.products.count)
        var rows: [ProductResult] = []
        var rowIndex: [[Int]] = []
        let offerList = zip(c.offerIDs, c.promotions.flatMap(\.offers))
        giftCostsByOffer = c.promotions.flatMap(\.offers).map(\.giftCostYuan)
        for product in c.products {
            var indices = [rows.count]
            rows.append(ProductResult(product: product.id, offer: "", inventory: product.inventory))
            for (id, offer) in offerList {
                if offer.product == nil || offer.product == product.id {
                    indices.append(rows.count)
                    rows.append(ProductResult(product: product.id, offer: id, inventory: offer.units))
                } else {
                    indices.append(-1)
                }
            }
            rowIndex.append(indices)
        }
        products = rows
        productRows = rowIndex
        stays = Histogram(lowerBound: 0, binWidth: 1, binCount: Int(c.durationSeconds.rounded(.up)) + 1)
        stayCounts = FixedTable(repeating: 0, count: stays.counts.count)
        minuteWeights = Array(repeating: nil, count: minutes.count)
        minuteMultiplierAreas = Array(repeating: 0, count: minutes.count)
        nextBoundary = boundaryAfterOpenBins
    }

    /// Cumulative engagement up to `time` (for the room weight): the counts
    /// of the facts recorded so far.
    func engagement(at time: Double) -> Engagement {
        Engagement(viewerSeconds: closedArea + openArea + Double(present) * (time - lastChange),
                   interactions: interactions, orders: orders, leaves: leaves,
                   leavesAfter30Seconds: leavesAfter30Seconds, staySeconds: totalStay)
    }

    /// The room weight after the tick at `time` (it closes the minute before).
    mutating func recordRoomWeight(_ weight: Double, at time: Double) {
        minuteWeights[minute(time.nextDown)] = weight
    }

    /// The feed multiplier from `time` on (set at each tick; piecewise
    /// constant), with the clamp end it sits at (+1 upper, −1 lower, 0 inside).
    mutating func recordFeedMultiplier(_ multiplier: Double, clampSide: Int, at time: Double) {
        closeFeedMultiplier(at: time)
        feedMultiplier = multiplier
        feedClampSide = clampSide
    }

    /// Integrates the current multiplier from its start to `time`, minute by minute.
    mutating func closeFeedMultiplier(at time: Double) {
        let from = feedMultiplierSince
        guard time > from else { return }
        if feedClampSide > 0 { upperClampSeconds += time - from }
        if feedClampSide < 0 { lowerClampSeconds += time - from }
        var m = minute(from)
        while m < minuteCount {
            let a = max(from, Double(m) * 60), b = min(time, minuteEnd(m))
            if b > a { minuteMultiplierAreas[m] += feedMultiplier * (b - a) }
            if minuteEnd(m) >= time { break }
            m += 1
        }
        feedMultiplierSince = time
    }

    @inline(__always)
    func minute(_ time: Double) -> Int { min(max(Int(time / 60), 0), minuteCount - 1) }

    /// The end of minute `m` (the last ends with the stream).
    @inline(__always)
    func minuteEnd(_ m: Int) -> Double { min(Double(m + 1) * 60, end) }

    /// The earlier of the open minute's and the open phase's ends; never
    /// reached once both are the last (events at the very end stay in them).
    var boundaryAfterOpenBins: Double {
        let minuteBoundary = minuteIndex < minuteCount - 1 ? minuteEnd(minuteIndex) : .infinity
        let phaseBoundary = phaseIndex < phases.count - 1 ? phaseBreakpoints[phaseIndex + 1] : .infinity
        return min(minuteBoundary, phaseBoundary)
    }

    /// Moves the clock to `time`: closes every minute and phase that ends at
    /// or before it.
    @inline(__always)
    mutating func advanceClock(to time: Double) {
        if time >= nextBoundary { crossBoundaries(upTo: time) }
    }

    mutating func crossBoundaries(upTo time: Double) {
        while time >= nextBoundary {
            let boundary = nextBoundary
            openArea += Double(present) * (boundary - lastChange)
            lastChange = boundary
            minuteAreas[minuteIndex] += openArea
            phaseAreas[phaseIndex] += openArea
            closedArea += openArea
            openArea = 0
            if minuteIndex < minuteCount - 1 && boundary >= minuteEnd(minuteIndex) {
                closeOpenMinute()
                minuteIndex += 1
            }
            if phaseIndex < phases.count - 1 && boundary >= phaseBreakpoints[phaseIndex + 1] {
                closeOpenPhase()
                phaseIndex += 1
            }
            nextBoundary = boundaryAfterOpenBins
        }
    }

    mutating func closeOpenMinute() {
        let m = minuteIndex
        minutes[m].entries += openMinute.entries
        minutes[m].exits += openMinute.exits
        minutes[m].interactions += openMinute.interactions
        minutes[m].productClicks += openMinute.productClicks
        openMinute = MinuteResult()
        for row in 0..<openChannelEntries.count where openChannelEntries[row] > 0 {
            channelMinuteEntries[row][m] += openChannelEntries[row]
            openChannelEntries[row] = 0
        }
    }

    mutating func closeOpenPhase() {
        phases[phaseIndex].views += openPhaseViews
        openPhaseViews = 0
    }

    @inline(__always)
    mutating func setPresent(_ count: Int, at time: Double) {
        openArea += Double(present) * (time - lastChange)
        lastChange = time
        present = count
        if count > peak { peak = count }
    }

    /// Inlined, so each call site keeps only its own kind's case.
    @inline(__always)
    mutating func record(_ e: ViewerEvent) {
        let row = Int(e.channelRow)
        if e.kind != .return { advanceClock(to: e.time) }
        switch e.kind {
        case .arrive:
            setPresent(present + 1, at: e.time)
            views += 1
            channelCounters[row].views += 1
            openMinute.entries += 1
            openChannelEntries[row] += 1
            openPhaseViews += 1
            if !e.reentry {
                uniqueViewers += 1
                channelCounters[row].uniqueViewers += 1
                if e.channel == .share { shareArrivals += 1 }
            }
        case .leave:
            setPresent(present - 1, at: e.time)
            if !e.cutAtEnd { openMinute.exits += 1 }
            // Stays lie in [0, duration]: the bins cover them; anything else
            // goes to the histogram's under- or overflow as it would.
            if e.staySeconds >= 0 && e.staySeconds < Double(stayCounts.count) {
                stayCounts[Int(e.staySeconds)] += 1
            } else {
                stays.add(e.staySeconds)
            }
            totalStay += e.staySeconds
            leaves += 1
            if e.staySeconds >= 30 { leavesAfter30Seconds += 1 }
            channelCounters[row].totalStaySeconds += e.staySeconds
            exposures += Int(e.exposures)
            channelCounters[row].productExposures += Int(e.exposures)
        case .interact:
            interactions += 1
            openMinute.interactions += 1
            if e.isFirst { interactedViewers += 1 }
        case .follow:
            follows += 1
        case .share:
            shares += 1
        case .click:
            clicks += 1
            channelCounters[row].productClicks += 1
            openMinute.productClicks += 1
        case .order:
            let m = minuteIndex, p = Int(e.product)
            orders += 1
            gmv += e.amountYuan
            channels[row].orders += 1
            channels[row].gmvYuan += e.amountYuan
            minutes[m].orders += 1
            minutes[m].gmvYuan += e.amountYuan
            productMinutes[p][m].orders += 1
            productMinutes[p][m].unitsSold += Int(e.units)
            productMinutes[p][m].gmvYuan += e.amountYuan
            let productRow = productRows[p][Int(e.offer) + 1]
            products[productRow].unitsSold += Int(e.units)
            products[productRow].gmvYuan += e.amountYuan
            let goods = Double(e.units) * configuration.products[p].unitCostYuan
            costOfGoods += goods
            channels[row].costOfGoodsYuan += goods
            if e.giftOffer >= 0 {
                let gift = giftCostsByOffer[Int(e.giftOffer)]
                giftCosts += gift
                channels[row].giftCostYuan += gift
            }
            phases[phaseIndex].orders += 1
            phases[phaseIndex].gmvYuan += e.amountYuan
            if e.isFirst {
                buyers += 1
                channels[row].buyers += 1
            }
        case .return:
            returns += 1
            returnedYuan += e.amountYuan
            products[productRows[Int(e.product)][Int(e.offer) + 1]].returns += 1
            // The goods come back: their cost is not charged (to the stream nor the channel).
            let goods = Double(e.units) * configuration.products[Int(e.product)].unitCostYuan
            costOfGoods -= goods
            channels[row].returnedYuan += e.amountYuan
            channels[row].costOfGoodsYuan -= goods
        case .lostSale:
            lostSalesUnits += Int(e.units)
            lostSalesYuan += e.amountYuan
            products[productRows[Int(e.product)][Int(e.offer) + 1]].lostSalesUnits += Int(e.units)
        }
    }

    /// Closes the books at the stream's end.
    mutating func finish(diagnostics: RunDiagnostics, profile: StreamProfile, offers: OfferBook) -> StreamResult {
        for (p, rows) in productRows.enumerated() {
            products[rows[0]].selloutMinute = offers.productSellout[p].map { $0 / 60 }
            for (o, row) in rows.dropFirst().enumerated() where row >= 0 {
                products[row].selloutMinute = offers.entries[o].selloutTime.map { $0 / 60 }
            }
        }
        advanceClock(to: end)
        setPresent(present, at: end)
        minuteAreas[minuteIndex] += openArea
        phaseAreas[phaseIndex] += openArea
        closedArea += openArea
        openArea = 0
        closeOpenMinute()
        closeOpenPhase()
        for row in channels.indices {
            let hot = channelCounters[row]
            channels[row].views += hot.views
            channels[row].uniqueViewers += hot.uniqueViewers
            channels[row].productExposures += hot.productExposures
            channels[row].productClicks += hot.productClicks
            channels[row].totalStaySeconds += hot.totalStaySeconds
        }
        for bin in 0..<stayCounts.count where stayCounts[bin] > 0 {
            stays.add(Double(bin), weight: stayCounts[bin])
        }
        closeFeedMultiplier(at: end)
        var weight = 1.0
        for m in minutes.indices {
            let length = minuteEnd(m) - Double(m) * 60
            minutes[m].feedMultiplier = length > 0 ? minuteMultiplierAreas[m] / length : feedMultiplier
            minutes[m].concurrentViewers = minuteAreas[m] / (minuteEnd(m) - Double(m) * 60)
            if let w = minuteWeights[m] { weight = w }
            minutes[m].roomWeight = weight
            minutes[m].stalledSeconds = profile.stalledSeconds(from: Double(m) * 60, to: min(Double(m + 1) * 60, end))
        }
        for p in phases.indices {
            phases[p].averageConcurrent = phaseAreas[p] / (phaseBreakpoints[p + 1] - phaseBreakpoints[p])
        }
        chargeChannelCosts()
        // Costs no channel row carries (Docs/model.md, channel contribution):
        // events (prizes, fixed costs) and guest fees.
        let eventCosts = configuration.events.reduce(0) { $0 + $1.totalCostYuan } + configuration.guests.reduce(0) { $0 + $1.feeYuan }
        let cost = channels.reduce(0) { $0 + $1.costYuan } + eventCosts + giftCosts
        let netGmv = gmv - returnedYuan
        var k = KPIValues()
        k[.views] = Double(views)
        k[.uniqueViewers] = Double(uniqueViewers)
        k[.peakConcurrent] = Double(peak)
        k[.averageConcurrent] = ratio(closedArea, end)
        k[.averageStaySeconds] = ratio(totalStay, Double(views))
        k[.medianStaySeconds] = stays.quantile(0.5)
        k[.p90StaySeconds] = stays.quantile(0.9)
        k[.interactions] = Double(interactions)
        k[.interactionRate] = ratio(Double(interactedViewers), Double(uniqueViewers))
        k[.productExposures] = Double(exposures)
        k[.productClicks] = Double(clicks)
        k[.clickThroughRate] = ratio(Double(clicks), Double(exposures))
        k[.orders] = Double(orders)
        k[.buyers] = Double(buyers)
        k[.conversionRate] = ratio(Double(buyers), Double(uniqueViewers))
        k[.clickToOrderRate] = ratio(Double(orders), Double(clicks))
        k[.gmvYuan] = gmv
        k[.averageOrderValueYuan] = ratio(gmv, Double(buyers))
        k[.gpmYuan] = ratio(1000 * gmv, Double(views))
        k[.newFollows] = Double(follows)
        k[.followRate] = ratio(Double(follows), Double(uniqueViewers))
        k[.shares] = Double(shares)
        k[.shareArrivals] = Double(shareArrivals)
        k[.fissionCoefficient] = ratio(Double(shareArrivals), Double(uniqueViewers))
        k[.returns] = Double(returns)
        k[.netGmvYuan] = netGmv
        k[.costYuan] = cost
        k[.profitYuan] = netGmv - costOfGoods - cost
        k[.roi] = ratio(gmv, cost)
        k[.lostSalesUnits] = Double(lostSalesUnits)
        k[.lostSalesYuan] = lostSalesYuan
        return StreamResult(kpis: k, channels: channels, minutes: minutes, channelMinuteEntries: channelMinuteEntries,
                            productMinutes: productMinutes, products: products, phases: phases, stays: stays,
                            feedMultiplierClampShares: FeedMultiplierClampShares(upper: ratio(upperClampSeconds, end) ?? 0,
                                                                                 lower: ratio(lowerClampSeconds, end) ?? 0),
                            diagnostics: diagnostics)
    }

    /// Channel costs (Docs/model.md): boosts cost their budget; partners their
    /// fee plus commission on attributed GMV; warm-up videos and offline ads
    /// their fixed cost; the rest is organic.
    private mutating func chargeChannelCosts() {
        let c = configuration.channels
        for i in channels.indices {
            let row = channels[i].row
            switch row.channel {
            case .feed:
                channels[i].costYuan = c.feed?.boosts.reduce(0) { $0 + $1.budgetYuan } ?? 0
            case .kol, .koc, .crossBrand:
                let partners = row.channel == .kol ? c.kol : row.channel == .koc ? c.koc : c.crossBrand
                if let p = partners.first(where: { $0.name == row.partner }) {
                    channels[i].costYuan = p.feeYuan + p.commissionRate * channels[i].gmvYuan
                }
            case .shortVideo:
                channels[i].costYuan = c.shortVideo?.costYuan ?? 0
            case .offlineAds:
                channels[i].costYuan = c.offlineAds?.costYuan ?? 0
            case .followers, .search, .share:
                channels[i].costYuan = 0
            }
        }
    }
}

/// A channel row's counters that every arrival and leave bumps.
struct ChannelCounters: BitwiseCopyable {
    var views = 0, uniqueViewers = 0, productExposures = 0, productClicks = 0
    var totalStaySeconds = 0.0
}

/// The stream cut into promotion phases, with `unscheduled` rows for time
/// outside every phase (until promotions are modelled, the whole stream).
struct PhaseLayout {
    var breakpoints: [Double]
    var phases: [PhaseResult]

    init(configuration c: StreamConfiguration) {
        breakpoints = [0]
        phases = []
        var t = 0.0
        func add(_ name: String, _ from: Double, _ to: Double) {
            guard to > from else { return }
            phases.append(PhaseResult(phase: name, fromMinute: from, toMinute: to))
            breakpoints.append(to * 60)
        }
        for phase in c.promotions.sorted(by: { $0.fromMinute < $1.fromMinute }) {
            add("unscheduled", t, phase.fromMinute)
            add(phase.name, max(t, phase.fromMinute), phase.toMinute)
            t = max(t, phase.toMinute)
        }
        add("unscheduled", t, c.durationMinutes)
        if phases.isEmpty { phases = [PhaseResult(phase: "unscheduled", fromMinute: 0, toMinute: c.durationMinutes)]; breakpoints = [0, c.durationSeconds] }
    }
}
