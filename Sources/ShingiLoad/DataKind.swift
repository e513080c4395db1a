import ShingiCore

/// The YAML data files of `content/`, in one place: each one's path and where its
/// entries go in a `LoadedSite`, by a switch with no `default:`.
public enum DataKind: CaseIterable, Sendable {
    case members, meetings, references

    public var path: String {
        switch self {
        case .members: "content/members.yml"
        case .meetings: "content/meetings.yml"
        case .references: "content/references.yml"
        }
    }

    /// What one entry is called in diagnostics.
    public var noun: String {
        switch self {
        case .members: "member"
        case .meetings: "meeting"
        case .references: "reference"
        }
    }

    /// How many entries of this kind `site` has.
    public func count(in site: LoadedSite) -> Int {
        switch self {
        case .members: site.members.count
        case .meetings: site.meetings.count
        case .references: site.references.count
        }
    }

    /// The kind whose file is at `path`, if any.
    public init?(path: String) {
        guard let kind = Self.allCases.first(where: { $0.path == path }) else { return nil }
        self = kind
    }

    /// Reads the file into `site` (again, when it changed).
    func read(into site: inout LoadedSite, with loader: DataFileLoader, diagnostics: inout [Diagnostic]) {
        switch self {
        case .members: site.members = loader.members(diagnostics: &diagnostics)
        case .meetings: site.meetings = loader.meetings(diagnostics: &diagnostics)
        case .references: site.references = loader.references(diagnostics: &diagnostics)
        }
    }
}
