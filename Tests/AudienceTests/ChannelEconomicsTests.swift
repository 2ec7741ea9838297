import Audience
import SimCore
import Testing

/// The channel rows' net GMV and contribution (Docs/model.md, channel
/// contribution) add up to the stream: Σ netGmv = netGmvYuan, and
/// Σ contribution − the costs no channel carries (events, guest fees) = profitYuan.
@Suite struct ChannelEconomicsTests {
    /// The promoted stream (returns, a gift offer, a fee-paid KOL and partner)
    /// with a paid guest and a lottery, so that some costs are not a channel's.
    static func stream() -> StreamConfiguration {
        var c = Fixtures.promotedStream()
        var guest = Guest()
        guest.fromMinute = 20; guest.toMinute = 30; guest.feeYuan = 2_500
        c.guests = [guest]
        var lottery = InteractiveEvent(type: .lottery)
        lottery.announceMinute = 40; lottery.drawMinute = 50; lottery.winners = 10; lottery.prizeValueYuan = 99; lottery.costYuan = 300
        c.events = [lottery]
        return c
    }

    /// Events (prizes and fixed costs) and guest fees: in `costYuan`, in no channel row.
    static func unattributedCostYuan(_ c: StreamConfiguration) -> Double {
        c.events.reduce(0) { $0 + $1.totalCostYuan } + c.guests.reduce(0) { $0 + $1.feeYuan }
    }

    /// |a − b| within `relative` of the larger magnitude (at least 1 yuan).
    func close(_ a: Double, _ b: Double, relative: Double = 1e-6) -> Bool {
        abs(a - b) <= relative * max(1, abs(a), abs(b))
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func channelRowsAddUpToTheStreamsNetGmvAndProfit(seed: UInt64) throws {
        let c = Self.stream()
        var sink = EventCollector()
        let r = try Simulation(configuration: c).run(seed: seed, replication: 0, sink: &sink)
        let k = r.kpis
        #expect(k[.returns]! > 0, "seed \(seed): the test needs returns")
        #expect(r.channels.contains { $0.giftCostYuan > 0 }, "seed \(seed): the test needs gifts")
        let netGmv = r.channels.reduce(0) { $0 + $1.netGmvYuan }
        #expect(close(netGmv, k[.netGmvYuan]!), "seed \(seed): Σ netGmvYuan \(netGmv) vs \(k[.netGmvYuan]!)")
        let unattributed = Self.unattributedCostYuan(c)
        #expect(unattributed == 2_500 + 10 * 99 + 300)
        let contribution = r.channels.reduce(0) { $0 + $1.contributionYuan }
        #expect(close(contribution - unattributed, k[.profitYuan]!),
                "seed \(seed): Σ contributionYuan − unattributed \(contribution - unattributed) vs profitYuan \(k[.profitYuan]!)")
        // Gifts are the channels' costs: every cost of the stream is a channel row's or unattributed.
        let costs = r.channels.reduce(0) { $0 + $1.costYuan + $1.giftCostYuan }
        #expect(close(costs + unattributed, k[.costYuan]!))
        // Each row from the facts: returns and goods go to the channel row of the order's viewer.
        for (row, channel) in r.channels.enumerated() {
            let orders = sink.events.filter { $0.kind == .order && Int($0.channelRow) == row }
            let returns = sink.events.filter { $0.kind == .return && Int($0.channelRow) == row }
            func goods(_ events: [ViewerEvent]) -> Double {
                events.reduce(0) { $0 + Double($1.units) * c.products[Int($1.product)].unitCostYuan }
            }
            let name = "seed \(seed), \(channel.row.channel.key) \(channel.row.partner)"
            #expect(close(channel.netGmvYuan, orders.reduce(0) { $0 + $1.amountYuan } - returns.reduce(0) { $0 + $1.amountYuan }), "\(name)")
            #expect(close(channel.costOfGoodsYuan, goods(orders) - goods(returns)), "\(name)")
            #expect(close(channel.contributionYuan, channel.netGmvYuan - channel.costOfGoodsYuan - channel.giftCostYuan - channel.costYuan), "\(name)")
        }
    }

    @Test func aBigFeeOnLittleGMVGivesANegativeContribution() throws {
        var c = Self.stream()
        c.channels.kol[0].feeYuan = 200_000
        let r = try Simulation(configuration: c).run(seed: 1, replication: 0)
        let kol = try #require(r.channels.first { $0.row.channel == .kol })
        #expect(kol.gmvYuan > 0 && kol.gmvYuan < kol.costYuan, "little GMV for the fee: \(kol.gmvYuan) vs \(kol.costYuan)")
        #expect(kol.contributionYuan < -100_000, "\(kol.contributionYuan)")
        let organic = try #require(r.channels.first { $0.row.channel == .search })
        #expect(organic.costYuan == 0 && organic.contributionYuan == organic.netGmvYuan - organic.costOfGoodsYuan - organic.giftCostYuan)
    }
}
