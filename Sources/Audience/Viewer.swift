import SimCore

/// A viewer while in the room or away before a re-entry: a small value type
/// in an ``AgentPool``. Its random stream is keyed by its identity, so its
/// draws do not depend on other viewers (common random numbers).
struct Viewer {
    struct Flags: OptionSet {
        let rawValue: UInt8
        static let interacted = Flags(rawValue: 1 << 0)
        static let bought = Flags(rawValue: 1 << 1)
        /// Follows the host (arrived as a follower, or followed here).
        static let follower = Flags(rawValue: 1 << 2)
        static let fanGroupMember = Flags(rawValue: 1 << 3)
        static let shared = Flags(rawValue: 1 << 4)
        /// The viewer's factors changed: `candidateHazards` must be recomputed.
        static let hazardsStale = Flags(rawValue: 1 << 5)
    }

    var stream: RandomStream
    var traits: ViewerTraits
    var factors: BehaviourModel.Factors
    /// The seed of this viewer's stream; keys its invitees' identities.
    var identitySeed: UInt64
    /// Entry time of the current view.
    var entryTime: Double
    var id: UInt32
    var arrivalIndex: UInt32
    var channelRow: UInt16
    var channel: ChannelKind
    var segment: UInt8
    var flags: Flags
    var sharesMade: UInt16 = 0
    /// Entries so far (1 on the first view).
    var visits: UInt16 = 0
    var ordersMade: UInt16 = 0
    /// Highest featured-window ordinal already counted as an exposure.
    var lastExposedWindow: Int32 = -1
    /// The profile segment of the pending candidate (−1 before the first) and
    /// the hazards it was drawn against: the hot state the candidate needs
    /// when it pops, reused while the next candidate falls in the same
    /// segment, so nothing is recomputed per event.
    var candidateSegment: Int32 = -1
    var candidateHazards = CandidateHazards()
}

/// A viewer's majorant rates on one profile segment (leave with boredom at
/// its bound, interact, click, share), their total, and its chance to follow
/// on an interaction there.
struct CandidateHazards {
    var leave = 0.0, interact = 0.0, click = 0.0, share = 0.0
    var total = 0.0
    var followProbability = 0.0
}

/// A share's invitee on the way: arrives at its event's time.
struct PendingInvitee {
    var identitySeed: UInt64
}
