import Audience
import Season
import SimCore
import Testing

/// In a season each stream of the calendar draws its own day: stream k runs
/// on its own master seed, so its draws are keyed by the stream index too;
/// stream 0 is the single run's day.
@Suite struct SeasonVariationTests {
    @Test func everyStreamOfTheCalendarDrawsItsOwnDay() throws {
        var c = seasonStream()
        c.variation = StreamVariation(trafficSd: 0.25, conversionSd: 0.15, staySd: 0.1)
        var settings = SeasonSettings()
        settings.streams = 4
        let season = try SeasonSimulation(stream: c, season: settings)
        let result = season.run(seed: 3, replication: 1)
        let days = result.streams.map(\.day)
        for (k, day) in days.enumerated() {
            #expect(day == DayDraws(c.variation, seed: SeasonSimulation.streamSeed(3, stream: k), replication: 1), "stream \(k)")
        }
        #expect(Set(days.map(\.trafficMultiplier)).count == 4, "four streams, four days: \(days)")
        let single = try Simulation(configuration: season.stream).run(seed: 3, replication: 1)
        #expect(days[0] == single.day)
    }
}
