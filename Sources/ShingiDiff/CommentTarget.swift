/// The section a comment annotates: `issue#section`.
public struct CommentTarget: Sendable, Hashable, CustomStringConvertible {
    public var issue: String
    public var section: String

    public init(issue: String, section: String) {
        self.issue = issue
        self.section = section
    }

    public var description: String { "\(issue)#\(section)" }
}
