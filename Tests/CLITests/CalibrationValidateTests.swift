import Foundation
import Testing

/// `livesim validate` on calibration files: the exports are read, ignored
/// columns noted, problems reported at the export's row and column.
@Suite struct CalibrationValidateTests {
    /// A calibration over the shipped baseline with one export, in a fresh folder.
    func calibration(export: String) throws -> String {
        let dir = temporaryFolder()
        try FileManager.default.createDirectory(atPath: dir + "/past", withIntermediateDirectories: true)
        try Data(export.utf8).write(to: URL(fileURLWithPath: dir + "/past/2026-11-20.csv"))
        let file = dir + "/calibration.yaml"
        try Data("""
            base: \(packageRoot.path)/Scenarios/baseline.yaml
            observed:
              - file: past/2026-11-20.csv
            fit:
              host.charisma: {min: 0.2, max: 0.9}
              viewers.clickToOrderAtReference: {min: 0.001, max: 0.2, scale: log}

            """.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    @Test func aGoodCalibrationFileIsOkWithItsNotes() throws {
        let file = try calibration(export: "时间,在线人数,在线,成交订单数\n20:00,100,1,0\n20:01,120,2,3\n")
        let r = try livesim(["validate", file])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "ok: \(file)\n")
        #expect(r.stderr.contains("note: ") && r.stderr.contains("2026-11-20.csv: ignored column C (在线): not a recognised series; map it with `columns:`"),
                "\(r.stderr)")
    }

    @Test func aBadCellIsReportedAtTheExportsRowAndColumn() throws {
        let file = try calibration(export: "时间,在线人数\n20:00,100\n20:01,lots\n")
        let r = try livesim(["validate", file])
        #expect(r.status == 2)
        #expect(r.stderr.contains("past/2026-11-20.csv:3:2: 在线人数: \"lots\" — expected a number"), "\(r.stderr)")
    }
}
