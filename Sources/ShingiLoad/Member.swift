import ShingiCore

/// A committee member (委員), from `content/members.yml`.
public struct Member: Sendable, Hashable {
    public var id: String
    public var name: Localized<String>
    /// `chair`, `member`, `advisor`, …
    public var role: String
    public var affiliation: Localized<String>
    public var location: SourceLocation
}
