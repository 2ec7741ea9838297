/// The next event times of a few sources that each know their own next event
/// (a model's arrival channels), kept beside the event queue rather than in it.
///
/// A source's next event is drawn the moment its last one runs and is due
/// soon, so in a queue it would be inserted near the head and popped again
/// within a few events. Here it costs one store and a scan of the sources: a
/// model pops ``EventScheduler/next(before:)`` with ``soonestTime`` as the
/// limit and runs the source's event (``EventScheduler/runExternal(at:)``)
/// when nothing queued comes first. Ties go to the lower index.
public struct SourceClocks: ~Copyable {
    @usableFromInline let times: UnsafeMutablePointer<Double>
    /// The number of sources.
    public let count: Int
    @usableFromInline var _soonest = -1
    @usableFromInline var _soonestTime = Double.infinity
    /// The source whose event is next (−1: none has one).
    @inlinable public var soonest: Int { _soonest }
    /// Its time (+∞: none).
    @inlinable public var soonestTime: Double { _soonestTime }

    /// `count` sources, none with an event yet.
    public init(count: Int) {
        precondition(count >= 0, "a negative number of sources: \(count)")
        self.count = count
        times = .allocate(capacity: max(count, 1))
        times.initialize(repeating: .infinity, count: max(count, 1))
    }

    deinit { times.deallocate() }

    /// Source `index`'s next event time (+∞: none).
    public func time(of index: Int) -> Double {
        precondition(index >= 0 && index < count, "source \(index) out of 0..<\(count)")
        return times[index]
    }

    /// Sets source `index`'s next event (nil: it has none), and finds the soonest.
    @inlinable
    public mutating func set(_ index: Int, to time: Double?) {
        precondition(index >= 0 && index < count, "source \(index) out of 0..<\(count)")
        precondition(!(time?.isNaN ?? false), "source \(index) set to NaN")
        times[index] = time ?? .infinity
        var best = -1, bestTime = Double.infinity
        for i in 0..<count where times[i] < bestTime {
            best = i
            bestTime = times[i]
        }
        _soonest = best
        _soonestTime = bestTime
    }
}
