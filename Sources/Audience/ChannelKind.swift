/// The acquisition channels, with the scenario keys Docs/formats.md names them by.
public enum ChannelKind: UInt8, Sendable, CaseIterable, Codable, BitwiseCopyable {
    case feed, followers, kol, koc, shortVideo, search, offlineAds, crossBrand, share

    /// The scenario and result-file key.
    public var key: String {
        switch self {
        case .feed: "feed"
        case .followers: "followers"
        case .kol: "kol"
        case .koc: "koc"
        case .shortVideo: "shortVideo"
        case .search: "search"
        case .offlineAds: "offlineAds"
        case .crossBrand: "crossBrand"
        case .share: "share"
        }
    }

    /// Whether the channel has one row per partner in channel tables.
    public var hasPartners: Bool { self == .kol || self == .koc || self == .crossBrand }
}

/// One row of the channel tables: a channel, or one partner of a partner
/// channel. Views, orders and yuan are attributed to the row of a viewer's
/// first entry.
public struct ChannelRow: Sendable, Equatable, Hashable {
    public var channel: ChannelKind
    /// The partner's name for `kol`, `koc` and `crossBrand`; empty otherwise.
    public var partner: String
}

extension StreamConfiguration {
    /// The channel rows of this configuration, in channel order then partner
    /// order: the index space of ``ViewerEvent/channelRow`` and of every
    /// per-channel result. Only configured channels have rows.
    public var channelRows: [ChannelRow] {
        var rows: [ChannelRow] = []
        let c = channels
        if c.feed != nil { rows.append(ChannelRow(channel: .feed, partner: "")) }
        if c.followers != nil { rows.append(ChannelRow(channel: .followers, partner: "")) }
        rows += c.kol.map { ChannelRow(channel: .kol, partner: $0.name) }
        rows += c.koc.map { ChannelRow(channel: .koc, partner: $0.name) }
        if c.shortVideo != nil { rows.append(ChannelRow(channel: .shortVideo, partner: "")) }
        if c.search != nil { rows.append(ChannelRow(channel: .search, partner: "")) }
        if c.offlineAds != nil { rows.append(ChannelRow(channel: .offlineAds, partner: "")) }
        rows += c.crossBrand.map { ChannelRow(channel: .crossBrand, partner: $0.name) }
        if c.share != nil { rows.append(ChannelRow(channel: .share, partner: "")) }
        return rows
    }
}

/// The keys of the sub-streams drawn per viewer, hashed once (hashing the
/// text on every arrival cost about 2% of a baseline replication).
enum StreamKey {
    static let rebuffer = stableHash("rebuffer")
    static let startup = stableHash("startup")
    static let seasonVisit = stableHash("season/visit")
    static let traits = stableHash("traits")
}

/// A stable 64-bit hash of a string (FNV-1a), to key random streams by
/// purpose. Swift's `Hasher` is seeded per process, so it cannot key them.
public func stableHash(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01B3
    }
    return hash
}
