import Audience
import Foundation
import SimCore

/// The mutable state of one replication of a season: the population, what
/// each stream did to it, and the season's accounts. It watches each stream
/// through its events (``StreamWatcher``) and, between streams, applies the
/// retention actions and churn and decides who comes back.
final class SeasonLedger {
    let season: SeasonSimulation
    let settings: SeasonSettings
    var population: Population
    let streams: Int
    let rowCount: Int

    // The stream being run.
    var k = 0
    var day = 0.0
    /// Person of each viewer id of the stream (ids are given in arrival order).
    var personOfViewer: [Int32] = []
    /// Known people of this stream's visits, by identity, and whether a
    /// retention action brought them.
    var knownIndex: [UInt64: (person: Int32, byAction: Bool)] = [:]
    /// Whether each viewer of the stream came because of a retention action.
    var broughtByAction: [Bool] = []
    var clickers: [Int32] = []
    var newFollowerArrivals = 0
    var newFanArrivals = 0

    // Per stream, for the buyer-retention curve: buyers, and who came (bits).
    var buyersOfStream: [[Int32]] = []
    var visitedInStream: [[UInt64]] = []
    /// This stream's visitors, one bit per person.
    var visited: [UInt64] = []
    /// Cohort cells [cohort stream][row][streams later], flattened.
    var cohortVisitors: [Int]
    var cohortBuyers: [Int]
    var cohortGMV: [Double]
    var cohortPeople: [Int]

    // Accounts.
    var newFollows = 0
    var followersChurned = 0.0
    var churnedPeople = 0
    var acquisitionCost = 0.0
    var channelCosts: [Double]
    var memberDiscounts = 0.0
    var couponsSent = 0
    var couponsRedeemed = 0
    var couponRedemptions = 0.0
    var couponMessages = 0.0
    var remindersSent = 0
    var reminderMessages = 0.0
    var giftsSent = 0
    var giftCosts = 0.0
    var membershipFees = 0.0
    var retentionOrders = 0
    var retentionGMV = 0.0

    init(season: SeasonSimulation) {
        self.season = season
        settings = season.settings
        population = Population(followers: season.stream.channels.followers)
        streams = settings.streams
        rowCount = season.rows.count
        let cells = streams * rowCount * streams
        cohortVisitors = Array(repeating: 0, count: cells)
        cohortBuyers = Array(repeating: 0, count: cells)
        cohortGMV = Array(repeating: 0, count: cells)
        cohortPeople = Array(repeating: 0, count: streams * rowCount)
        channelCosts = Array(repeating: 0, count: rowCount)
    }

    func cell(_ cohort: Int, _ row: Int, _ later: Int) -> Int { (cohort * rowCount + row) * streams + later }

    func run(seed: UInt64, replication: Int, progress: ((Double) -> Void)?, stop: StopSignal?) -> SeasonResult {
        let followersStart = population.followers
        var results: [StreamResult] = []
        results.reserveCapacity(streams)
        for stream in 0..<streams {
            k = stream
            day = settings.day(ofStream: stream)
            let visits = stream == 0 ? [] : prepareVisits()
            let simulation: Simulation
            if stream == 0 {
                simulation = season.first
            } else {
                var c = season.stream
                c.channels.followers!.pool = population.dormantFollowers
                c.channels.followers!.fanGroupMembers = population.dormantFanGroupMembers
                simulation = try! Simulation(configuration: c)  // only the pool changed, within its range
            }
            personOfViewer.removeAll(keepingCapacity: true)
            broughtByAction.removeAll(keepingCapacity: true)
            clickers.removeAll(keepingCapacity: true)
            newFollowerArrivals = 0
            newFanArrivals = 0
            buyersOfStream.append([])
            visited.removeAll(keepingCapacity: true)
            var watcher = StreamWatcher(ledger: self)
            let result = simulation.run(seed: SeasonSimulation.streamSeed(seed, stream: stream), replication: replication,
                                        sink: &watcher, season: SeasonStreamInput(streamIndex: stream, visits: visits), stop: stop)
            visitedInStream.append(visited)
            endStream(result)
            results.append(result)
            progress?(Double(stream + 1) / Double(streams))
        }
        return finish(results, followersStart: followersStart)
    }

    // MARK: Between streams

    /// Decides who of the known people comes back to stream `k`: the push to
    /// followers, organic returns, and each retention action's chance; sends
    /// the reminders and gifts due (and pays for them). Six draws per person
    /// and stream, always, from a stream keyed by identity and stream.
    func prepareVisits() -> [ReturningVisit] {
        let f = season.stream.channels.followers!
        let p = settings.population
        let previousDay = settings.day(ofStream: k - 1)
        var visits: [(visit: ReturningVisit, person: Int32, byAction: Bool)] = []
        knownIndex.removeAll(keepingCapacity: true)
        let duration = season.stream.durationSeconds
        for i in population.people.indices {
            var person = population.people[i]
            if person.flags.contains(.churned) { continue }
            var draws = AgentStream(seed: SplitMix64.combine(person.identity, stableHash("season/return") &+ UInt64(k)))
            let uPush = draws.uniform(), uOrganic = draws.uniform(), uCoupon = draws.uniform()
            let uReminder = draws.uniform(), uGift = draws.uniform(), uDelay = draws.uniform()
            var perks = VisitPerks()
            var multiplier = 1.0
            if let m = settings.membership, person.flags.contains(.member) {
                let level = m.levels[Int(person.level)]
                perks.discountRate = level.discountRate
                perks.purchaseLogitBoost = level.purchaseLogitBoost
                multiplier = level.returnMultiplier
                if person.flags.contains(.paidMember) {
                    perks.discountRate += m.paidDiscountRate
                    perks.purchaseLogitBoost += m.paidPurchaseLogitBoost
                    multiplier *= m.paidReturnMultiplier
                }
            }
            let pushed = person.flags.contains(.follower)
                && (settings.followsJoinFollowers || !person.flags.contains(.followedInSeason))
            let push = pushed && uPush < min(1, (person.flags.contains(.fanGroupMember) ? f.fanGroupOpenRate : f.openRate) * multiplier)
            let organic = !pushed && uOrganic < min(1, p.organicReturnProbability * multiplier)
            var action = false
            if let c = settings.retargetingCoupons, person.couponExpiryDay >= Float(day) {
                perks.couponValueYuan = c.valueYuan
                perks.couponThresholdYuan = c.thresholdYuan
                if uCoupon < c.openProbability { action = true }
            }
            if let r = settings.repurchaseReminders, person.reminderDay <= Float(day) {
                remindersSent += 1
                reminderMessages += r.messageCostYuan
                perks.remindedProduct = Int(person.reminderProduct)
                perks.reminderLogitBoost = r.purchaseLogitBoost
                person.reminderDay = .nan
                if uReminder < r.openProbability { action = true }
            }
            if let g = settings.birthdayGifts, birthdayFalls(person.identity, after: previousDay, upTo: day),
               settings.membership == nil ? person.orders > 0 : person.flags.contains(.member) {
                giftsSent += 1
                giftCosts += g.giftCostYuan
                perks.purchaseLogitBoost += g.purchaseLogitBoost
                if uGift < g.openProbability { action = true }
            }
            population.people[i] = person
            guard push || organic || action else { continue }
            let row = push ? season.followersRow : Int(person.acquisitionRow)
            let mean = (push ? f.meanDelayMinutes : p.meanReturnDelayMinutes) * 60
            let time = -mean * log(uDelay)
            guard time < duration else { continue }
            visits.append((ReturningVisit(time: time, identity: person.identity, acquisitionRow: person.acquisitionRow,
                                          segment: person.segment, row: UInt16(row),
                                          follower: person.flags.contains(.follower),
                                          fanGroupMember: person.flags.contains(.fanGroupMember), perks: perks),
                           Int32(i), action && !push && !organic))
        }
        visits.sort { $0.visit.time < $1.visit.time || ($0.visit.time == $1.visit.time && $0.person < $1.person) }
        for v in visits { knownIndex[v.visit.identity] = (v.person, v.byAction) }
        return visits.map(\.visit)
    }

    /// Whether the person's birthday (a day of the year from their
    /// identity) falls in the season days `(from, to]`.
    func birthdayFalls(_ identity: UInt64, after from: Double, upTo to: Double) -> Bool {
        let birthday = Double(SplitMix64.mix(identity ^ stableHash("season/birthday")) % 365)
        guard to - from < 365 else { return true }
        let a = from.truncatingRemainder(dividingBy: 365), b = to.truncatingRemainder(dividingBy: 365)
        return a < b ? (birthday > a.rounded(.down) && birthday <= b.rounded(.down))
            : (birthday > a.rounded(.down) || birthday <= b.rounded(.down))
    }

    /// After stream `k`: coupons to who clicked and did not buy, churn, the
    /// dormant pool, channel costs.
    func endStream(_ result: StreamResult) {
        for (i, c) in result.channels.enumerated() {
            channelCosts[i] += c.costYuan
            acquisitionCost += c.costYuan
        }
        for i in clickers where population.people[Int(i)].lastOrderStream != Int16(k) {
            population.people[Int(i)].flags.insert(.clickedWithoutBuying)
            if let c = settings.retargetingCoupons {
                population.people[Int(i)].couponExpiryDay = Float(day + c.validDays)
                couponsSent += 1
                couponMessages += c.messageCostYuan
            }
        }
        // The dormant pool loses those who came (they are listed now), then its churn.
        population.dormantFollowers = max(0, population.dormantFollowers - Double(newFollowerArrivals))
        population.dormantFanGroupMembers = min(population.dormantFollowers,
                                                max(0, population.dormantFanGroupMembers - Double(newFanArrivals)))
        let p = settings.population
        let dormantChurn = population.dormantFollowers * p.churnPerStream
        followersChurned += dormantChurn
        population.dormantFollowers -= dormantChurn
        population.dormantFanGroupMembers *= 1 - p.churnPerStream
        let names = season.stream.viewers.segmentNames
        let churnOfSegment = names.map { p.churnBySegment[$0] ?? p.churnPerStream }
        for i in population.people.indices where !population.people[i].flags.contains(.churned) {
            let person = population.people[i]
            var rate = churnOfSegment[Int(person.segment)]
            if person.flags.contains(.member) { rate *= settings.membership?.churnMultiplier ?? 1 }
            var draw = AgentStream(seed: SplitMix64.combine(person.identity, stableHash("season/churn") &+ UInt64(k)))
            if draw.uniform() < rate {
                population.people[i].flags.insert(.churned)
                churnedPeople += 1
                if person.flags.contains(.follower) { followersChurned += 1 }
            }
        }
    }

    // MARK: Watching a stream

    func arrive(_ e: ViewerEvent) {
        guard !e.reentry else { return }
        precondition(Int(e.viewer) == personOfViewer.count, "viewer ids come in arrival order")
        let index: Int32
        if let known = knownIndex[e.identity] {
            index = known.person
            broughtByAction.append(known.byAction)
        } else {
            broughtByAction.append(false)
            index = Int32(population.people.count)
            var person = Population.Person(identity: e.identity, acquisitionRow: e.channelRow, acquisitionStream: UInt16(k),
                                           segment: e.segment)
            if Int(e.channelRow) == season.followersRow {
                // One of the starting pool, seen for the first time.
                person.flags.insert(.follower)
                newFollowerArrivals += 1
                if e.fanGroupMember { person.flags.insert(.fanGroupMember); newFanArrivals += 1 }
            }
            population.people.append(person)
            cohortPeople[k * rowCount + Int(e.channelRow)] += 1
        }
        personOfViewer.append(index)
        let i = Int(index)
        if population.people[i].lastVisitStream != Int16(k) {
            population.people[i].lastVisitStream = Int16(k)
            let person = population.people[i]
            cohortVisitors[cell(Int(person.acquisitionStream), Int(person.acquisitionRow), k - Int(person.acquisitionStream))] += 1
            let word = i >> 6
            if visited.count <= word { visited.append(contentsOf: repeatElement(0, count: word + 1 - visited.count)) }
            visited[word] |= 1 << UInt64(i & 63)
        }
    }

    func follow(_ e: ViewerEvent) {
        let i = Int(personOfViewer[Int(e.viewer)])
        guard !population.people[i].flags.contains(.follower) else { return }
        population.people[i].flags.formUnion([.follower, .followedInSeason])
        newFollows += 1
        if let g = settings.fanGroups {
            var draw = AgentStream(seed: SplitMix64.combine(population.people[i].identity, stableHash("season/fan-follow") &+ UInt64(k)))
            if draw.uniform() < g.joinProbabilityOnFollow { population.people[i].flags.insert(.fanGroupMember) }
        }
    }

    func click(_ e: ViewerEvent) {
        let i = Int(personOfViewer[Int(e.viewer)])
        if population.people[i].lastClickStream != Int16(k) {
            population.people[i].lastClickStream = Int16(k)
            clickers.append(Int32(i))
        }
    }

    func order(_ e: ViewerEvent) {
        let i = Int(personOfViewer[Int(e.viewer)])
        var person = population.people[i]
        let purchaseDay = Float(day + e.time / 86_400)
        if person.orders == 0 {
            person.firstPurchaseDay = purchaseDay
        } else if person.repeatPurchaseDay.isNaN && person.lastOrderStream != Int16(k) {
            person.repeatPurchaseDay = purchaseDay
        }
        person.orders += 1
        person.gmvYuan += e.amountYuan
        if person.flags.contains(.clickedWithoutBuying) { person.flags.insert(.boughtLater) }
        if person.lastOrderStream != Int16(k) {
            person.lastOrderStream = Int16(k)
            buyersOfStream[k].append(Int32(i))
            cohortBuyers[cell(Int(person.acquisitionStream), Int(person.acquisitionRow), k - Int(person.acquisitionStream))] += 1
        }
        cohortGMV[cell(Int(person.acquisitionStream), Int(person.acquisitionRow), k - Int(person.acquisitionStream))] += e.amountYuan
        let product = Int(e.product)
        if settings.repurchaseReminders != nil, product >= 0, let cycle = season.stream.products[product].consumptionCycleDays {
            person.reminderDay = purchaseDay + Float(cycle * Double(e.units))
            person.reminderProduct = Int16(product)
        }
        if e.couponYuan > 0 {
            couponsRedeemed += 1
            couponRedemptions += e.couponYuan
            person.couponExpiryDay = .nan
        }
        memberDiscounts += e.perkDiscountYuan - e.couponYuan
        if broughtByAction[Int(e.viewer)] || e.perkDiscountYuan > 0 {
            retentionOrders += 1
            retentionGMV += e.amountYuan
        }
        var draws = AgentStream(seed: SplitMix64.combine(person.identity, stableHash("season/order") &+ UInt64(k) << 32 &+ UInt64(person.orders)))
        let uPaid = draws.uniform(), uFan = draws.uniform()
        if let m = settings.membership {
            person.flags.insert(.member)
            person.points += Float(e.amountYuan * m.pointsPerYuan)
            var level = 0
            while level + 1 < m.levels.count && Double(person.points) >= m.levels[level + 1].minimumPoints { level += 1 }
            person.level = UInt8(level)
            if !person.flags.contains(.paidMember) && uPaid < m.paidJoinProbability {
                person.flags.insert(.paidMember)
                membershipFees += m.paidFeeYuan
            }
        }
        if let g = settings.fanGroups, person.flags.contains(.follower), !person.flags.contains(.fanGroupMember),
           uFan < g.joinProbabilityOnOrder {
            person.flags.insert(.fanGroupMember)
        }
        population.people[i] = person
    }

    func returned(_ e: ViewerEvent) {
        let i = Int(personOfViewer[Int(e.viewer)])
        population.people[i].gmvYuan -= e.amountYuan
    }

    // MARK: The season's results

    func finish(_ results: [StreamResult], followersStart: Double) -> SeasonResult {
        var kpis = SeasonKPIValues()
        let people = population.people
        func sum(_ kpi: KPI) -> Double { results.reduce(0) { $0 + ($1.kpis[kpi] ?? 0) } }
        kpis[.streams] = Double(streams)
        kpis[.seasonViews] = sum(.views)
        kpis[.seasonGmvYuan] = sum(.gmvYuan)
        kpis[.seasonNetGmvYuan] = sum(.netGmvYuan)
        kpis[.seasonOrders] = sum(.orders)
        kpis[.people] = Double(people.count)
        let buyers = people.filter { $0.orders > 0 }
        kpis[.seasonBuyers] = Double(buyers.count)
        kpis[.repeatBuyers] = Double(buyers.filter { !$0.repeatPurchaseDay.isNaN }.count)
        func repurchase(within days: Float) -> Double? {
            buyers.isEmpty ? nil : Double(buyers.filter { $0.repeatPurchaseDay - $0.firstPurchaseDay <= days }.count) / Double(buyers.count)
        }
        kpis[.repurchaseRate30Days] = repurchase(within: 30)
        kpis[.repurchaseRate90Days] = repurchase(within: 90)
        let clickers = people.filter { $0.flags.contains(.clickedWithoutBuying) }
        kpis[.clickersLaterConversion] = clickers.isEmpty ? nil
            : Double(clickers.filter { $0.flags.contains(.boughtLater) }.count) / Double(clickers.count)
        let curve = buyerRetention()
        kpis[.retainedNextStream] = curve.first?.share
        kpis[.followersStart] = followersStart
        kpis[.followersEnd] = population.followers
        kpis[.followerGrowth] = population.followers - followersStart
        kpis[.seasonNewFollows] = Double(newFollows)
        kpis[.followersChurned] = followersChurned
        kpis[.membersEnd] = Double(population.members)
        kpis[.paidMembersEnd] = Double(population.paidMembers)
        kpis[.churnedPeople] = Double(churnedPeople)
        let lifetimeGMV = people.reduce(0) { $0 + $1.gmvYuan }
        kpis[.lifetimeValueYuan] = people.isEmpty ? nil : lifetimeGMV / Double(people.count)
        kpis[.acquisitionCostYuan] = acquisitionCost
        let cac = people.isEmpty ? nil : acquisitionCost / Double(people.count)
        kpis[.acquisitionCostPerPersonYuan] = cac
        if let cac, cac > 0, let ltv = kpis[.lifetimeValueYuan] { kpis[.lifetimeValueToAcquisitionCost] = ltv / cac }
        let couponCost = couponMessages + couponRedemptions
        let retentionCost = memberDiscounts + couponCost + reminderMessages + giftCosts
        kpis[.retentionCostYuan] = retentionCost
        kpis[.memberDiscountsYuan] = memberDiscounts
        kpis[.couponsSent] = Double(couponsSent)
        kpis[.couponsRedeemed] = Double(couponsRedeemed)
        kpis[.couponCostYuan] = couponCost
        kpis[.remindersSent] = Double(remindersSent)
        kpis[.birthdayGiftsSent] = Double(giftsSent)
        kpis[.membershipFeesYuan] = membershipFees
        kpis[.retentionOrders] = Double(retentionOrders)
        kpis[.retentionGmvYuan] = retentionGMV
        kpis[.retentionRoi] = retentionCost > 0 ? retentionGMV / retentionCost : nil
        // Discounts and coupons already lowered the streams' GMV (hence profit).
        kpis[.seasonProfitYuan] = sum(.profitYuan) - couponMessages - reminderMessages - giftCosts + membershipFees

        var cohorts: [CohortRow] = []
        for cohort in 0..<streams {
            for row in 0..<rowCount {
                let size = cohortPeople[cohort * rowCount + row]
                guard size > 0 else { continue }
                for later in 0..<(streams - cohort) {
                    let c = cell(cohort, row, later)
                    cohorts.append(CohortRow(cohortStream: cohort, row: row, streamsLater: later, people: size,
                                             visitors: cohortVisitors[c], buyers: cohortBuyers[c], gmvYuan: cohortGMV[c]))
                }
            }
        }
        var channels = (0..<rowCount).map { SeasonChannelRow(row: $0, costYuan: channelCosts[$0]) }
        for person in people {
            let r = Int(person.acquisitionRow)
            channels[r].acquired += 1
            if person.orders > 0 { channels[r].buyers += 1 }
            channels[r].gmvYuan += person.gmvYuan
        }
        return SeasonResult(streams: results, kpis: kpis, cohorts: cohorts, buyerRetention: curve,
                            channels: channels, channelRows: season.rows)
    }

    /// Of each stream's buyers, the share who came `j` streams later, summed over streams.
    func buyerRetention() -> [BuyerRetentionRow] {
        guard streams > 1 else { return [] }
        var rows = (1..<streams).map { BuyerRetentionRow(streamsLater: $0) }
        for stream in 0..<streams {
            for later in 1..<(streams - stream) {
                let bits = visitedInStream[stream + later]
                for buyer in buyersOfStream[stream] {
                    let word = Int(buyer) >> 6
                    rows[later - 1].buyers += 1
                    if word < bits.count && bits[word] & (1 << UInt64(Int(buyer) & 63)) != 0 { rows[later - 1].returned += 1 }
                }
            }
        }
        return rows
    }
}

/// Hands a stream's events to the ledger (the season's view of the stream).
struct StreamWatcher: EventSink {
    unowned let ledger: SeasonLedger

    mutating func receive(_ event: ViewerEvent) {
        switch event.kind {
        case .arrive: ledger.arrive(event)
        case .follow: ledger.follow(event)
        case .click: ledger.click(event)
        case .order: ledger.order(event)
        case .return: ledger.returned(event)
        case .leave, .interact, .share, .lostSale: break
        }
    }
}
