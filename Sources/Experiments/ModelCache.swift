import Foundation
import Synchronization

/// Models built once each, on first use, by whichever worker thread needs one
/// first: an experiment that runs several models as one pool of replications
/// (a sweep's cells, a contribution's variants, an optimiser's candidates)
/// builds them on the threads that simulate, not one after another on the
/// calling thread. Two threads asking for the same model get one build; two
/// asking for different ones build them at once.
public final class ModelCache<Key: Hashable & Sendable>: Sendable {
    private let build: @Sendable (Key) throws -> Replicable
    private let entries = Mutex<[Key: Entry]>([:])

    /// - Parameter build: loads and checks the model of a key (as `livesim run`
    ///   would); its error is handed back as thrown (``ScenarioErrors``, ``ExperimentError``).
    public init(build: @escaping @Sendable (Key) throws -> Replicable) {
        self.build = build
    }

    /// The model of `key`, built now if no thread has built it yet; the build's error if it failed.
    public func model(_ key: Key) -> Result<Replicable, any Error> {
        let entry = entries.withLock { entries in
            if let e = entries[key] { return e }
            let e = Entry()
            entries[key] = e
            return e
        }
        return entry.value { try build(key) }
    }

    /// Forgets the model of `key` (its last replication is done), so memory
    /// follows the models still in use.
    public func drop(_ key: Key) {
        _ = entries.withLock { $0.removeValue(forKey: key) }
    }

    /// One key's model: built under its own lock, so other keys' builds go on.
    private final class Entry: @unchecked Sendable {
        private let lock = NSLock()
        private var built: Result<Replicable, any Error>?

        func value(_ make: () throws -> Replicable) -> Result<Replicable, any Error> {
            lock.lock(); defer { lock.unlock() }
            if let built { return built }
            let result: Result<Replicable, any Error>
            do { result = .success(try make()) } catch { result = .failure(error) }
            built = result
            return result
        }
    }
}
