import ShingiCore

extension DiffReport {
    /// A policy issue's section with what changed in it: the section's own changes and
    /// the comments on it (a removed comment under its old section, any other under its new one).
    public struct SectionGroup: Sendable, Hashable {
        public var issue: String
        public var section: String
        public var sections: [SectionChange]
        public var comments: [CommentChange]
    }

    /// The changed sections in reading order (issue, then section order of the outline),
    /// each with its section and comment changes: how the reports group the changes.
    public var sectionGroups: [SectionGroup] {
        struct Key: Hashable { var issue: String; var section: String }
        var keys: [Key] = []
        var seen = Set<Key>()
        for key in sections.map({ Key(issue: $0.issue, section: $0.section) }) + comments.map({ Key(issue: $0.target.issue, section: $0.target.section) })
        where seen.insert(key).inserted {
            keys.append(key)
        }
        func rank(_ key: Key) -> (Int, Int, String, String) {
            let issueIndex = outlines.firstIndex { $0.id == key.issue } ?? Int.max
            let sectionIndex = outline(key.issue)?.sectionIndex(key.section) ?? Int.max
            return (issueIndex, sectionIndex, key.issue, key.section)
        }
        keys.sort { rank($0) < rank($1) }
        return keys.map { key in
            SectionGroup(issue: key.issue, section: key.section,
                         sections: sections.filter { $0.issue == key.issue && $0.section == key.section },
                         comments: comments.filter { $0.target.issue == key.issue && $0.target.section == key.section })
        }
    }
}
