/// A language the site is published in. The order of `allCases` is the site's language order.
public enum Language: String, CaseIterable, Sendable, Codable, Comparable, Hashable {
    case ja
    case en

    /// Position in the site's language order.
    public var rank: Int {
        switch self {
        case .ja: return 0
        case .en: return 1
        }
    }

    public static func < (lhs: Language, rhs: Language) -> Bool { lhs.rank < rhs.rank }

    /// The other language of the pair, used as the fallback for a missing translation.
    public var other: Language { self == .ja ? .en : .ja }
}
