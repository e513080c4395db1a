/// What changed since an earlier version, for marking on the built pages
/// (`shingi build --changes-since REV`), the way the paper marks changes since the
/// previous meeting. Keys are `issue#section` for sections and comment ids.
public struct ChangeMarks: Sendable, Hashable {
    /// The earlier version as the user named it (a revision).
    public var since: String
    public var sections: [Language: Set<String>]
    public var comments: [Language: Set<String>]

    public init(since: String, sections: [Language: Set<String>] = [:], comments: [Language: Set<String>] = [:]) {
        self.since = since
        self.sections = sections
        self.comments = comments
    }

    public func sectionChanged(issue: String, section: String, in language: Language) -> Bool {
        sections[language]?.contains("\(issue)#\(section)") ?? false
    }

    public func commentChanged(_ id: String, in language: Language) -> Bool {
        comments[language]?.contains(id) ?? false
    }
}
