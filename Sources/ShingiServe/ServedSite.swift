import ShingiCore

/// One build as the preview serves it: the files in memory and, when the build failed,
/// the errors shown instead of every page.
struct ServedSite: Sendable, Equatable {
    /// Built files by path below the site root (`ja/index.html`).
    var files: [String: [UInt8]]
    /// The errors of the latest build; empty when it succeeded.
    var errors: [Diagnostic]

    static let empty = ServedSite(files: [:], errors: [])

    var failed: Bool { !errors.isEmpty }
}
