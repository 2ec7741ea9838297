import SimCore

/// A viewer while in the room or away before a re-entry: a 128-byte value in
/// an ``AgentPool`` (two cache lines), its own random stream keyed by its
/// identity, so its draws do not depend on other viewers (common random
/// numbers).
///
/// The fields an event touches (stream, hazards, entry time, identity codes,
/// flags, the pool's generation) come first and fill the first cache line;
/// traits and factors, needed only on arrival, clicks and a change of
/// segment, follow. Millions present at once make the size matter: memory
/// follows viewers present.
struct Viewer: PoolAgent {
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
        /// A season's known person with perks that change purchases (``StreamRun/perks``).
        static let perks = Flags(rawValue: 1 << 6)
    }

    // First cache line: what every event reads.
    var stream: AgentStream
    /// Entry time of the current view.
    var entryTime: Double
    /// The hazards the pending candidate was drawn against (see
    /// ``candidateSegment``).
    var candidateHazards = CandidateHazards()
    /// The profile segment of the pending candidate (−1 before the first):
    /// the hot state the candidate needs when it pops, reused while the next
    /// candidate falls in the same segment, so nothing is recomputed per event.
    var candidateSegment: Int32 = -1
    var id: UInt32
    /// Highest featured-window ordinal already counted as an exposure.
    var lastExposedWindow: Int32 = -1
    var channelRow: UInt16
    /// Entries so far (1 on the first view).
    var visits: UInt16 = 0
    var ordersMade: UInt16 = 0
    var sharesMade: UInt16 = 0
    var channel: ChannelKind
    var segment: UInt8
    var flags: Flags
    var poolGeneration: UInt32 = 0
    // Second cache line: what arrivals, clicks and segment changes read.
    var traits: ViewerTraits
    var factors: BehaviourModel.Factors
    var arrivalIndex: UInt32
    /// The seed of this viewer's stream; keys its sub-streams (start-up,
    /// returns, invitees' identities).
    var identitySeed: UInt64

    init(stream: AgentStream, traits: ViewerTraits, factors: BehaviourModel.Factors, identitySeed: UInt64,
         entryTime: Double, id: UInt32, arrivalIndex: UInt32, channelRow: UInt16, channel: ChannelKind,
         segment: UInt8, flags: Flags) {
        self.stream = stream
        self.entryTime = entryTime
        self.id = id
        self.channelRow = channelRow
        self.channel = channel
        self.segment = segment
        self.flags = flags
        self.traits = traits
        self.factors = factors
        self.arrivalIndex = arrivalIndex
        self.identitySeed = identitySeed
    }
}

/// A viewer's majorant rates on one profile segment (leave with boredom at
/// its bound, interact, click, share) and its chance to follow on an
/// interaction there, in single precision (they live in the viewer record;
/// the candidate is drawn and thinned against exactly these values).
struct CandidateHazards {
    var leave: Float = 0, interact: Float = 0, click: Float = 0, share: Float = 0
    var followProbability: Float = 0

    /// The majorant: the sum of the four rates.
    @inline(__always)
    var total: Double { Double(leave) + Double(interact) + Double(click) + Double(share) }
}

/// A share's invitee on the way: arrives at its event's time.
struct PendingInvitee: PoolAgent {
    var identitySeed: UInt64
    var poolGeneration: UInt32 = 0
}
