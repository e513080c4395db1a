import ShingiCore

/// A meeting (会合) of the committee, from `content/meetings.yml`.
public struct Meeting: Sendable, Hashable, Encodable {
    public var id: String
    /// nil for a session the record does not number (`number: null`).
    public var number: Int?
    public var date: ISODate
    public var title: Localized<String>
    /// An editorial note on the record (what a date or an attribution is inferred from),
    /// shown on the meeting's pages and with each comment made there.
    public var note: Localized<String>
    public var location: SourceLocation
}
