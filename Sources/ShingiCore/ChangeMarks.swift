/// What changed since an earlier version, for marking on the built pages
/// (`shingi build --changes-since REV`), the way the paper marks changes since the
/// previous meeting. Keys are `issue#section` for sections, comment ids, and for whole
/// pages their path under the language (`index`, `issues/1`, `pages/about`,
/// `members/goto`, `meetings/14`, `references`).
public struct ChangeMarks: Sendable, Hashable, Encodable {
    /// What the legend names as the earlier version (`--changes-label`, a meeting's name),
    /// per language; none when the user named nothing: a raw revision is never published.
    public var label: [Language: String]
    /// The meeting whose papers were the earlier version (`--changes-meeting`): the
    /// legend shows its title and date in each language.
    public var meeting: String?
    public var sections: [Language: Set<String>]
    public var comments: [Language: Set<String>]
    public var pages: [Language: Set<String>]

    public init(label: [Language: String] = [:], sections: [Language: Set<String>] = [:],
                comments: [Language: Set<String>] = [:], pages: [Language: Set<String>] = [:]) {
        self.label = label
        self.sections = sections
        self.comments = comments
        self.pages = pages
    }

    public func sectionChanged(issue: String, section: String, in language: Language) -> Bool {
        sections[language]?.contains("\(issue)#\(section)") ?? false
    }

    public func commentChanged(_ id: String, in language: Language) -> Bool {
        comments[language]?.contains(id) ?? false
    }

    public func pageChanged(_ key: String, in language: Language) -> Bool {
        pages[language]?.contains(key) ?? false
    }

    /// How many places are marked (each counted once, whatever its languages).
    public var count: Int {
        func unique(_ marks: [Language: Set<String>]) -> Int { Set(marks.values.flatMap { $0 }).count }
        return unique(sections) + unique(comments) + unique(pages)
    }
}
