import Audience
import Scenario
import SimCore
import Testing

/// The loop of Docs/model.md on the shipped scenarios: an ultra-low opening
/// price sells more of the hot item, lifts the room weight in the first 30
/// minutes and brings more feed views over the whole stream. Paired under
/// common random numbers; each 95% CI must clear zero.
@Suite struct FeedbackLoopTests {
    @Test func theOpeningPricePaysOffLater() throws {
        let deal = try ScenarioLoader.load(file: shipped("baseline.yaml")).configuration
        let none = try ScenarioLoader.load(file: shipped("variants/no-opening-deal.yaml")).configuration
        let a = try Simulation(configuration: none), b = try Simulation(configuration: deal)
        let pairs = ParallelReplications.map(count: 12, jobs: 2) { r in (a.run(seed: 5, replication: r), b.run(seed: 5, replication: r)) }
        func ci(_ xs: [Double]) -> (Double, Double, Double) {
            let s = ReplicationSummary(xs)!
            return (s.mean, s.confidenceInterval95!.lowerBound, s.confidenceInterval95!.upperBound)
        }
        let hot = ci(pairs.map { x, y in
            Double(y.products.filter { $0.product == "hot-serum" }.reduce(0) { $0 + $1.unitsSold }
                   - x.products.filter { $0.product == "hot-serum" }.reduce(0) { $0 + $1.unitsSold })
        })
        #expect(hot.1 > 0, "hot-item units: \(hot)")
        let weight = ci(pairs.map { x, y in
            (y.minutes[0..<30].reduce(0) { $0 + $1.roomWeight } - x.minutes[0..<30].reduce(0) { $0 + $1.roomWeight }) / 30
        })
        #expect(weight.1 > 0, "room weight in the first 30 minutes: \(weight)")
        let feed = ci(pairs.map { x, y in
            Double(y.channels.first { $0.row.channel == .feed }!.views - x.channels.first { $0.row.channel == .feed }!.views)
        })
        #expect(feed.1 > 0, "feed views over the stream: \(feed)")
    }
}
