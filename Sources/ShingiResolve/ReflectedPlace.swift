/// A section of the paper where a comment is now reflected (`reflected_in: "2#2.3"`).
public struct ReflectedPlace: Sendable, Hashable, Encodable {
    public var issue: String
    /// A heading id of the issue (a section or a heading within one).
    public var section: String

    public init(issue: String, section: String) {
        self.issue = issue
        self.section = section
    }

    /// As written in `reflected_in:`.
    public var target: String { "\(issue)#\(section)" }
}
