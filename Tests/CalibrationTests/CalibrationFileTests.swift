import Audience
import Calibration
import Foundation
import JSON
import Scenario
import Testing

/// Calibration files: a good one loads with its exports read; every mistake
/// is reported at once, with the path and the line that wrote it.
@Suite struct CalibrationFileTests {
    static let base = """
        name: room
        stream: {durationMinutes: 60}
        channels:
          search: {perMinute: 10}
          feed: {impressionsPerMinute: 5000, coverClickThrough: 0.02}
        products:
          - {id: tea, referencePriceYuan: 39}
        runOfShow:
          - {product: tea, fromMinute: 0, toMinute: 60}
        checkout: {steps: 3}

        """

    /// A folder with the base, two exports and `calibration` as `calibration.yaml`; returns its path.
    func folder(_ calibration: String) throws -> (folder: URL, file: String) {
        let folder = try temporaryFolder()
        try write(Self.base, "base.yaml", in: folder)
        try write("分钟,在线,成交订单数,备注\n0,10,1,x\n1,12,0,y\n", "past/a.csv", in: folder)
        try write("time,online,orders,gmvYuan\n20:00,5,0,0\n20:01,6,1,39\n", "past/b.csv", in: folder)
        return (folder, try write(calibration, "calibration.yaml", in: folder))
    }

    func errors(_ calibration: String) throws -> [ScenarioError] {
        let file = try folder(calibration).file
        do {
            _ = try CalibrationLoader.load(file: file)
            Issue.record("expected errors")
            return []
        } catch {
            return error.errors
        }
    }

    @Test func aGoodFileLoadsWithItsExportsRead() throws {
        let (folder, file) = try folder("""
            name: tea-calibration
            description: two past streams
            base: base.yaml
            observed:
              - file: past/a.csv
                columns: {在线: concurrentViewers}
              - file: past/b.csv
                set: {host.charisma: 0.7}
            fit:
              channels.feed.coverClickThrough: {min: 0.005, max: 0.06}
              viewers.meanStaySecondsAtReference: {min: 30, max: 400}
              viewers.clickToOrderAtReference: {min: 0.0005, max: 0.05, scale: log}
              checkout.steps: {min: 1, max: 5}
            targets: [orders, concurrentViewers]
            replications: 3
            budget: 100
            seed: 7

            """)
        let c = try CalibrationLoader.load(file: file)
        #expect(c.name == "tea-calibration" && c.description == "two past streams" && c.file == file)
        #expect(c.baseFile == folder.appendingPathComponent("base.yaml").path && c.base.document.name == "room")
        #expect(c.streams.count == 2 && c.streams[0].observed.minutes == 2 && c.streams[1].observed.minutes == 2)
        #expect(c.streams[0].observed[.concurrentViewers] == [10, 12], "the calibration file's `columns:` mapping")
        #expect(c.streams[1].set.map(\.path) == ["host.charisma"] && c.streams[1].set.map(\.value) == [.number(0.7)])
        #expect(c.fit.map(\.path) == ["channels.feed.coverClickThrough", "viewers.meanStaySecondsAtReference",
                                      "viewers.clickToOrderAtReference", "checkout.steps"])
        #expect(c.fit.map(\.logScale) == [false, false, true, false] && c.fit.map(\.integer) == [false, false, false, true])
        #expect(c.fit[2].min == 0.0005 && c.fit[2].max == 0.05)
        #expect(c.targets == [.concurrentViewers, .orders], "in the contract's order")
        #expect(c.replications == 3 && c.budget == 100 && c.seed == 7)
        #expect(c.notes == [folder.appendingPathComponent("past/a.csv").path + ": ignored column D (备注): not a recognised series; map it with `columns:`",
                            file + ": budget 100 for 4 fitted paths: the intervals may come out too narrow below about 320 (20 × paths²; Docs/experiments.md)"])
        #expect(c.sha256.count == 64 && c.fingerprint.count == 64)

        let s = try c.scenario(stream: 1, values: [0.01, 100, 0.01, 2.6])
        #expect(s.configuration.host.charisma == 0.7 && s.configuration.channels.feed?.coverClickThrough == 0.01)
        #expect(s.configuration.viewers.meanStaySecondsAtReference == 100 && s.configuration.viewers.clickToOrderAtReference == 0.01)
        #expect(s.configuration.checkout?.steps == 3, "a whole-number path gets its value rounded")
        #expect(try c.scenario(stream: 0, values: [0.01, 100, 0.01, 2]).configuration.host.charisma == 0.5, "stream 0 sets nothing")

    }

    @Test func defaultsAndTheFingerprint() throws {
        let (folder, file) = try folder("""
            base: base.yaml
            observed: [{file: past/b.csv}]
            fit: {host.charisma: {min: 0.1, max: 0.9}}

            """)
        let c = try CalibrationLoader.load(file: file)
        #expect(c.name == "calibration" && c.replications == 4 && c.budget == 400 && c.seed == 1)
        #expect(c.targets == [.concurrentViewers, .orders, .gmvYuan], "every series the files have")
        #expect(try CalibrationLoader.load(file: file, seed: 99).seed == 99, "--seed wins")
        let before = c.fingerprint
        try write("time,online,orders,gmvYuan\n20:00,5,0,0\n20:01,6,2,78\n", "past/b.csv", in: folder)
        #expect(try CalibrationLoader.load(file: file).fingerprint != before, "the fingerprint covers the exports' bytes")
        #expect(ScenarioFileKind.of(file: file) == .calibration)
    }

    @Test func everyMistakeIsReportedAtOnceWithItsPathAndLine() throws {
        let found = try errors("""
            base: base.yaml
            observed:
              - file: past/a.csv
                columns: {在线: viewers}
                set: {host.charsma: 0.7}
              - {file: past/b.csv, set: {host.charisma: 1.5}, sett: 1}
            fit:
              channels.feed.coverClickThrough: {min: 0.06, max: 0.005}
              channels.search.perMinute: {min: 0, max: 50, scale: log}
              products[0].id: {min: 1, max: 2}
              host.charisma: {min: 0.1, max: 1.5}
              viewers.nosuch: {min: 1, max: 2}
              checkout.steps: {min: 1, max: 5, scale: cubic, step: 1}
              host.sincerity: {min: 0.2}
            targets: [orders, viewers]
            replications: 0
            budget: 5
            seed: -1
            extra: 1

            """)
        let pairs = found.map { "\($0.line ?? 0) \($0.path)" }
        let expected = [
            "19 extra",
            "16 replications", "18 seed",
            "8 fit.channels.feed.coverClickThrough.max",
            "9 fit.channels.search.perMinute.min",
            "10 products[0].id",
            "11 host.charisma",
            "12 viewers.nosuch",
            "13 fit.checkout.steps.step", "13 fit.checkout.steps.scale",
            "14 fit.host.sincerity.max",
            "4 observed[0].columns.在线", "5 host.charsma",
            "6 observed[1].sett", "6 host.charisma",
            "15 targets[1]",
            "17 budget",
        ]
        #expect(Set(pairs) == Set(expected), "\(found.map(\.description).joined(separator: "\n"))")
        #expect(pairs.count == expected.count, "each problem once")
        #expect(found.allSatisfy { $0.file.hasSuffix("calibration.yaml") })
        let byPath = Dictionary(found.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byPath["host.charsma"]?.expected.contains("did you mean `charisma`") == true)
        #expect(byPath["products[0].id"]?.expected.contains("numeric") == true)
        #expect(byPath["host.charisma"]?.value == "1.5")
        #expect(byPath["viewers.nosuch"]?.value.contains("unknown key `nosuch`") == true)
        #expect(byPath["observed[0].columns.在线"]?.expected.contains("concurrentViewers") == true)
        #expect(byPath["fit.channels.search.perMinute.min"]?.expected.contains("above 0") == true)
        #expect(byPath["budget"]?.expected.contains("10 × (fitted paths + 1)") == true)
    }

    @Test func aProblemInAnExportIsReportedAtItsRowAndColumn() throws {
        let (folder, file) = try folder("base: base.yaml\nobserved: [{file: past/bad.csv}]\nfit: {host.charisma: {min: 0.1, max: 0.9}}\n")
        try write("minute,online\n0,5\n1,many\n", "past/bad.csv", in: folder)
        do {
            _ = try CalibrationLoader.load(file: file)
            Issue.record("expected errors")
        } catch {
            let e = try #require(error.errors.first)
            #expect(error.errors.count == 1)
            #expect(e.file == folder.appendingPathComponent("past/bad.csv").path && e.line == 3 && e.column == 2)
            #expect(e.path == "online" && e.value == "\"many\"" && e.expected.hasPrefix("a number"))
        }
    }

    @Test func aMappingOfNoColumnAndAMissingExportPointAtTheCalibrationFile() throws {
        let found = try errors("""
            base: base.yaml
            observed:
              - {file: past/b.csv, columns: {在线人数啊: concurrentViewers}}
              - {file: past/none.csv}
              - {columns: {}}
            fit: {host.charisma: {min: 0.1, max: 0.9}}

            """)
        try #require(found.count == 3, "\(found)")
        #expect(found[0].path == "observed[0].columns.在线人数啊" && found[0].line == 3 && found[0].value.contains("no column headed"))
        #expect(found[1].file.hasSuffix("past/none.csv") && found[1].value.contains("cannot be read"))
        #expect(found[2].path == "observed[2].file" && found[2].line == 5 && found[2].value == "missing")
    }

    @Test func aFittedPathASetMayNotAlsoSetAndAnExportMayNotOutlastTheStream() throws {
        let found = try errors("""
            base: base.yaml
            observed:
              - {file: past/b.csv, set: {host.charisma: 0.7}}
              - {file: past/a.csv, set: {stream.durationMinutes: 1, "runOfShow[0].toMinute": 1}}
            fit: {host.charisma: {min: 0.1, max: 0.9}}

            """)
        try #require(found.map(\.path) == ["observed[1].file", "observed[0].set.host.charisma"], "\(found)")
        #expect(found[0].line == 4 && found[0].value == "2 minutes of data" && found[0].expected.contains("stream.durationMinutes: 1"))
        #expect(found[1].line == 3)
    }

    @Test func overridesThatClashTogetherAreReportedAtTheStream() throws {
        // Each is valid on the base; the stream's later start and the lower bound clash.
        let found = try errors("""
            base: base.yaml
            observed:
              - {file: past/a.csv, set: {"runOfShow[0].fromMinute": 20}}
            fit: {"runOfShow[0].toMinute": {min: 10, max: 60}}

            """)
        #expect(!found.isEmpty && found.allSatisfy { $0.file.hasSuffix("calibration.yaml") && $0.line == 3 }, "\(found)")
        #expect(found.contains { $0.expected.contains("for observed[0] with runOfShow[0].toMinute = 10") }, "\(found)")
        // A stream's overrides are loaded together: each needs the other here.
        let (_, file) = try folder("""
            base: base.yaml
            observed:
              - {file: past/a.csv, set: {stream.durationMinutes: 30, "runOfShow[0].toMinute": 30}}
            fit: {host.charisma: {min: 0.1, max: 0.9}}

            """)
        #expect(try CalibrationLoader.load(file: file).streams[0].set.count == 2)
    }

    @Test func aMissingOrUnreadableBaseAndMissingSections() throws {
        let noBase = try errors("observed: [{file: past/a.csv}]\nfit: {host.charisma: {min: 0.1, max: 0.9}}\n")
        #expect(noBase.map(\.path) == ["base"] && noBase[0].value == "missing")
        let nothing = try errors("base: base.yaml\n")
        #expect(nothing.map(\.path) == ["fit", "observed"] && nothing.allSatisfy { $0.value == "missing" })
        let badBase = try errors("base: nowhere.yaml\nobserved: []\nfit: {}\n")
        #expect(badBase.count == 1 && badBase[0].file.hasSuffix("nowhere.yaml"))
    }
}
