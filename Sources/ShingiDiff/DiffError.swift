import ShingiCore

/// Why a comparison could not be made. `description` is the message for the user.
public enum DiffError: Error, Sendable, CustomStringConvertible {
    /// A side could not be read (a bad revision, no repository, a missing folder).
    case unreadable(side: String, message: String)
    /// The site root is not in a git repository, so a revision cannot be read. The
    /// command says what to do instead (`diff --dirs`; `build` without `--changes-since`).
    case notInGit(side: String, path: String)
    /// A side was read but its content has errors; its diagnostics, sorted.
    case doesNotLoad(side: String, diagnostics: [Diagnostic])

    public var description: String {
        switch self {
        case .unreadable(let side, let message):
            return "\(side): \(message)"
        case .notInGit(let side, let path):
            return "\(side): '\(path)' is not in a git repository, so there is no revision to read"
        case .doesNotLoad(let side, let diagnostics):
            let errors = diagnostics.errorCount
            return "\(side): the content has \(errors) error\(errors == 1 ? "" : "s"); nothing was compared"
        }
    }

    /// The side's diagnostics, each labelled with the side: `old: content/…:3:1: error: …`.
    public var labelledDiagnostics: [String] {
        guard case .doesNotLoad(let side, let diagnostics) = self else { return [] }
        return diagnostics.sorted().map { "\(side): \($0)" }
    }
}
