import ShingiCore

/// A section (level-2 heading and its text) of a policy issue added, removed or edited,
/// matched by issue id and section id.
public struct SectionChange: Sendable, Hashable {
    public var issue: String
    public var section: String
    public var change: ChangeKind
    /// The languages in which the section changed this way.
    public var languages: [Language]
    /// The section heading per language, from the new side where it exists.
    public var titles: [Language: String]
    /// The section text per language: a diff for `edited`, the whole text otherwise.
    public var texts: [Language: [DiffSegment]]
}
