import ShingiCore

/// An issue's titles and section order, from the new side where it exists, so the
/// report groups changes in reading order and names what it groups by.
public struct IssueOutline: Sendable, Hashable {
    public var id: String
    public var number: Int
    public var titles: [Language: String]
    public var sections: [Section]

    public struct Section: Sendable, Hashable {
        public var id: String
        public var titles: [Language: String]
    }

    public func sectionIndex(_ id: String) -> Int? { sections.firstIndex { $0.id == id } }
}
