import Foundation
import SimCore

/// Competing hazards: a viewer's next event is the next candidate of its
/// merged hazards (leave, interact, click, share), drawn against a majorant
/// built from the stream-wide ``StreamProfile``; which hazard fires — or
/// that none does (thinning) — is decided when the candidate pops.
extension StreamRun {
    /// Draws the next candidate by inverting the viewer's piecewise-constant
    /// majorant from `t`, and schedules it; none if it falls past the end.
    /// The common case — hazards still valid and the candidate inside the
    /// same profile segment — takes a short path; the rest walks the segments.
    mutating func scheduleCandidate(slot: UInt32, after t: Double) {
        let v = room.address(of: slot)
        let e = v.pointee.stream.exponential(mean: 1)
        let cached = Int(v.pointee.candidateSegment)
        if cached >= 0 && !v.pointee.flags.contains(.hazardsStale) {
            let segment = profile.segments.withUnsafeBufferPointer { $0[cached] }
            let total = v.pointee.candidateHazards.total
            if t >= segment.start && e < total * (segment.end - t) {
                // Kept inside its segment (rounding) and strictly after t.
                var candidate = t + e / total
                if candidate >= segment.end { candidate = segment.end.nextDown }
                if candidate <= t { candidate = t.nextUp }
                if candidate < end {
                    scheduler.schedule(at: candidate, kind: Kind.viewer.rawValue, agent: slot, generation: v.pointee.poolGeneration)
                }
                return
            }
        }
        scheduleCandidateAcrossSegments(slot: slot, after: t, exponential: e)
    }

    /// The general case of ``scheduleCandidate(slot:after:)``: the unit
    /// exponential `e` is spent segment by segment, hazards recomputed where
    /// they are not the cached ones.
    @inline(never)
    mutating func scheduleCandidateAcrossSegments(slot: UInt32, after t: Double, exponential: Double) {
        let v = room.address(of: slot)
        var time = t
        var e = exponential
        let cached = Int(v.pointee.candidateSegment)
        let reusable = cached >= 0 && !v.pointee.flags.contains(.hazardsStale)
        var index = cached >= 0 ? profile.segmentIndex(at: time, from: cached) : profile.segmentIndex(at: time)
        let segmentCount = profile.segments.count
        while index < segmentCount {
            let segmentEnd = profile.segments[index].end
            let h = reusable && index == cached
                ? v.pointee.candidateHazards
                : model.hazards(v.pointee.traits, v.pointee.factors, profile.segments[index])
            let mass = h.total * (segmentEnd - time)
            if e < mass {
                // Kept inside its segment (rounding) and strictly after t.
                var candidate = time + e / h.total
                if candidate >= segmentEnd { candidate = segmentEnd.nextDown }
                if candidate <= t { candidate = t.nextUp }
                if candidate < end {
                    if !(reusable && index == cached) {
                        v.pointee.candidateSegment = Int32(index)
                        v.pointee.candidateHazards = h
                        v.pointee.flags.remove(.hazardsStale)
                    }
                    scheduler.schedule(at: candidate, kind: Kind.viewer.rawValue, agent: slot, generation: v.pointee.poolGeneration)
                }
                return
            }
            e -= mass
            time = segmentEnd
            index += 1
        }
    }

    /// A viewer's candidate pops: one uniform decides which hazard fires, or
    /// that the candidate is thinned away (the gap between boredom now and its bound).
    mutating func viewerEvent<Sink: EventSink>(slot: UInt32, at t: Double, sink: inout Sink) {
        let v = room.address(of: slot)
        diagnostics.candidates += 1
        let index = Int(v.pointee.candidateSegment)
        let h = v.pointee.candidateHazards
        let leaveBound = Double(h.leave), interactRate = Double(h.interact), clickRate = Double(h.click)
        var leaveRate = leaveBound
        if model.behaviour.boredom {
            leaveRate = leaveBound / model.boredomBound * model.boredom(timeInRoom: t - v.pointee.entryTime)
            if leaveRate > leaveBound * (1 + 1e-12) { diagnostics.boundViolations += 1 }
        }
        let u = v.pointee.stream.uniform() * h.total
        if u < leaveRate {
            leave(slot: slot, at: t, cut: false, sink: &sink)
            return
        }
        if u < leaveBound {
            diagnostics.thinningRejections += 1
        } else if u < leaveBound + interactRate {
            interact(slot: slot, segment: index, at: t, sink: &sink)
        } else if u < leaveBound + interactRate + clickRate {
            // Promotion salience ends with the offer's units: thin it away.
            let seg = profile.segments[index]
            if seg.promoted && !offers.anyAvailable(product: seg.featuredProduct, at: t)
                && u >= leaveBound + interactRate + clickRate * exp(-model.effects.promotionOnClick) {
                diagnostics.thinningRejections += 1
            } else {
                click(slot: slot, segment: seg, at: t, sink: &sink)
            }
        } else {
            share(slot: slot, at: t, sink: &sink)
        }
        scheduleCandidate(slot: slot, after: t)
    }
}
