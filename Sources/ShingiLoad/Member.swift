import ShingiCore

/// A committee member (委員), from `content/members.yml`.
public struct Member: Sendable, Hashable, Encodable {
    public var id: String
    public var name: Localized<String>
    /// One of `roles`.
    public var role: String
    public var affiliation: Localized<String>
    public var location: SourceLocation

    /// The roles a member may have; the theme has a label (`role_<role>`) and an
    /// honorific (`honorific_<role>`) for each.
    public static let roles = ["chair", "member", "advisor"]
}
