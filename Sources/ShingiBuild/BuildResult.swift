import ShingiCore
import ShingiResolve

/// What a build or check found and made.
public struct BuildResult: Sendable {
    public var diagnostics: [Diagnostic]
    public var site: ResolvedSite?
    public var files: [OutputFile]
    /// Pages per language (HTML files under `/<lang>/`).
    public var pagesPerLanguage: [Language: Int]
    public var seconds: Double

    public var succeeded: Bool { !diagnostics.hasErrors }
}
