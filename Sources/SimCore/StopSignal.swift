import Synchronization

/// A request to stop, raised from any thread and read by a running
/// replication now and then (every 2¹⁸ events): a server's deadline or a
/// user's cancel. A stopped replication's result is partial; whoever raised
/// the signal must not use it.
public final class StopSignal: Sendable {
    private let raised = Atomic<Bool>(false)

    public init() {}

    /// Asks every replication reading this signal to stop.
    public func raise() { raised.store(true, ordering: .relaxed) }

    /// Whether ``raise()`` was called.
    public var isRaised: Bool { raised.load(ordering: .relaxed) }
}
