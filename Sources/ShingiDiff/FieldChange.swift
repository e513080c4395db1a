/// A field of an item that changed, with its old and new value as written
/// (nil when the field is absent on that side).
public struct FieldChange: Sendable, Hashable {
    public var field: String
    public var old: String?
    public var new: String?

    public init(field: String, old: String?, new: String?) {
        self.field = field
        self.old = old
        self.new = new
    }
}
