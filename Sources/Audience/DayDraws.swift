import Foundation
import SimCore

/// One stream's draws of its ``StreamVariation`` (Docs/model.md, "Stream-to-
/// stream variation"), made once at the stream's start and applied once: the
/// traffic multiplier to the arrival sources' rates, the conversion shift and
/// the stay multiplier to the ``StreamProfile``'s segments. Nothing is done
/// per viewer.
///
/// Each draw has its own random stream, keyed by (master seed, replication,
/// `variation/traffic` · `variation/conversion` · `variation/stay`), and takes
/// exactly one uniform by inversion (a standard normal z, scaled by the sd):
/// two scenarios run on the same seed share every day's z — whatever else
/// they change, even their sds — so comparisons stay paired (common random
/// numbers), and a replication's day does not depend on `--jobs`. A season
/// runs stream k on its own master seed (``SeasonSimulation/streamSeed(_:stream:)``),
/// so each stream of the calendar draws its own day; stream 0 is the single run's.
public struct DayDraws: Sendable, Equatable {
    /// Multiplies every channel's arrivals (lognormal, median 1).
    public var trafficMultiplier = 1.0
    /// Added to every purchase decision's log-odds (normal, mean 0).
    public var conversionShift = 0.0
    /// Multiplies every leave hazard (lognormal, median 1).
    public var stayMultiplier = 1.0

    /// No variation: the configured day.
    public static let none = DayDraws()

    public init() {}

    /// The draws of replication `replication` under master seed `seed`
    /// (``none`` without variation; a zero sd leaves its draw at its default).
    public init(_ variation: StreamVariation?, seed: UInt64, replication: Int) {
        guard let v = variation else { return }
        func normal(_ purpose: String, sd: Double) -> Double? {
            guard sd > 0 else { return nil }
            var stream = RandomStream(masterSeed: seed, replication: UInt64(replication), stream: stableHash("variation/" + purpose))
            return stream.normal(mean: 0, standardDeviation: sd)
        }
        if let x = normal("traffic", sd: v.trafficSd) { trafficMultiplier = exp(x) }
        if let x = normal("conversion", sd: v.conversionSd) { conversionShift = x }
        if let x = normal("stay", sd: v.staySd) { stayMultiplier = exp(x) }
    }
}
