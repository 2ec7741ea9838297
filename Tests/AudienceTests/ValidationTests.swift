import Audience
import Testing

@Suite struct ValidationTests {
    @Test func theMixedStreamIsValid() {
        #expect(Fixtures.mixedStream().validate().isEmpty)
        #expect(StreamConfiguration().validate().isEmpty, "an empty stream is valid")
    }

    @Test func aSupercriticalShareCascadeIsRefused() throws {
        var c = Fixtures.mixedStream()
        c.viewers.sharesPerMinuteAtReference = 2
        c.channels.share!.inviteesPerShare = 3
        let issues = c.validate()
        #expect(issues.contains { $0.path == "channels.share.inviteesPerShare" && $0.expected.contains("subcritical") })
        #expect(throws: InvalidConfiguration.self) { try Simulation(configuration: c) }
        // The default cascade is far below 1.
        #expect(Fixtures.mixedStream().expectedInviteesPerSharedViewer() < 0.2)
    }

    @Test func everyProblemIsReportedAtOnceWithItsPath() {
        var c = Fixtures.mixedStream()
        c.durationMinutes = 2_000
        c.host.charisma = 1.5
        c.viewers.clickToOrderAtReference = 0
        c.channels.feed!.segmentMix = ["bargainHuntr": 1]
        c.channels.kol[0].postMinute = -5
        c.runOfShow.append(FeaturedWindow(product: "nothing", fromMinute: 10, toMinute: 5))
        c.products[0].referencePriceYuan = -1
        let paths = Set(c.validate().map(\.path))
        for expected in ["durationMinutes", "host.charisma", "viewers.clickToOrderAtReference",
                         "channels.feed.segmentMix.bargainHuntr", "channels.kol[0].postMinute",
                         "runOfShow[1].product", "runOfShow[1]", "products[0].referencePriceYuan"] {
            #expect(paths.contains(expected), "missing issue at \(expected); got \(paths.sorted())")
        }
    }

    @Test func overlappingFeaturedWindowsAreRefused() {
        var c = Fixtures.mixedStream()
        c.runOfShow = [FeaturedWindow(product: "serum", fromMinute: 0, toMinute: 20),
                       FeaturedWindow(product: "serum", fromMinute: 10, toMinute: 30)]
        #expect(c.validate().contains { $0.path == "runOfShow[1]" })
    }
}
