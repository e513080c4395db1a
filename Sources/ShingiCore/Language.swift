/// A language the site is published in. The order of `allCases` is the site's language order.
public enum Language: String, CaseIterable, Sendable, Codable, Comparable, Hashable {
    case ja
    case en

    public static func < (lhs: Language, rhs: Language) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The other language of the pair, used as the fallback for a missing translation.
    public var other: Language { self == .ja ? .en : .ja }
}
