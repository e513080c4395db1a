/// One side of a comparison: a folder, a git revision, or the working tree of the site.
public enum DiffSide: Sendable, Hashable {
    case directory(String)
    case revision(String)
    case workingTree

    /// How the report names it.
    public var label: String {
        switch self {
        case .directory(let path): return path
        case .revision(let revision): return revision
        case .workingTree: return "working tree"
        }
    }
}
