/// A reference, member or meeting (an entry of a data file) added, removed or edited,
/// matched by id; `fields` names what changed in an edited one, per field and, for a
/// two-language field, per language.
public struct RecordChange: Sendable, Hashable {
    public var id: String
    public var change: ChangeKind
    public var fields: [FieldChange]
}
