import Foundation
import ShingiCore
import ShingiLoad

/// The files of a theme by path below the theme folder (`layout.mustache`,
/// `partials/comment.mustache`, `i18n/ja.yml`, `assets/style.css`), each with the path
/// its diagnostics name. A site's theme is the default theme with the files of its own
/// `templates/` laid over it, file by file (`overlaid(by:)`); UI strings key by key.
public struct ThemeFiles: Sendable {
    public struct File: Sendable, Hashable {
        public var bytes: [UInt8]
        /// How diagnostics name the file (`templates/layout.mustache`).
        public var displayPath: String
    }

    public var files: [String: File]
    /// The UI-string files (`i18n/<lang>.yml`) that a file of the same path in `files`
    /// was laid over: a site's own file need hold only the strings it changes, the others
    /// come from the default theme's (`Theme.load` merges them key by key).
    public var underlyingStrings: [String: File]

    public init(files: [String: File] = [:], underlyingStrings: [String: File] = [:]) {
        self.files = files
        self.underlyingStrings = underlyingStrings
    }

    /// The theme compiled into the binary (`templates/` of the repository, embedded by
    /// `scripts/embed-theme`).
    public static let embedded: ThemeFiles = {
        var files: [String: File] = [:]
        for (path, text) in EmbeddedTheme.texts {
            files[path] = File(bytes: Array(text.utf8), displayPath: embeddedPrefix + path)
        }
        for (path, base64) in EmbeddedTheme.binaries {
            files[path] = File(bytes: Array(Data(base64Encoded: base64) ?? Data()), displayPath: embeddedPrefix + path)
        }
        return ThemeFiles(files: files)
    }()

    /// How diagnostics name a file of the embedded theme.
    public static let embeddedPrefix = "(default theme)/"

    /// A site's theme: the default theme (embedded, or the folder `defaultTheme`) with
    /// the site's own `templates/` laid over it file by file: a file there replaces the
    /// default theme's file of the same path, the others come from the default theme;
    /// a UI-strings file (`i18n/<lang>.yml`) replaces the default theme's strings key by key.
    /// Also returns the prefix the theme's diagnostics use (`templates/` when the site
    /// has its own). `displayPath` names a folder as diagnostics do.
    public static func site(root: URL, defaultTheme: URL?, displayPath: (URL) -> String,
                            diagnostics: inout [Diagnostic]) -> (files: ThemeFiles, displayPrefix: String)? {
        var files = embedded
        var prefix = embeddedPrefix
        if let folder = defaultTheme {
            prefix = displayPath(folder) + "/"
            guard let fromFolder = read(directory: folder, displayPrefix: prefix, diagnostics: &diagnostics) else { return nil }
            files = fromFolder
        }
        // The site's own templates/ is read below the site root, so a link anywhere in it
        // (templates/ itself, a folder, a file) is never followed.
        if let linked = SiteFile.linkedFolder("templates", in: root) {
            diagnostics.append(linked)
            return nil
        }
        let own = root.appendingPathComponent("templates")
        if SiteFile.kind(of: own, below: root) != .missing {
            prefix = "templates/"
            guard let ownFiles = read(directory: own, below: root, displayPrefix: prefix, diagnostics: &diagnostics) else { return nil }
            files = files.overlaid(by: ownFiles)
        }
        return (files, prefix)
    }

    /// This theme with `other`'s files replacing or adding to its own; a UI-string file
    /// it replaces is kept as the one `other`'s completes.
    public func overlaid(by other: ThemeFiles) -> ThemeFiles {
        var underlying = underlyingStrings
        for (path, file) in files where path.hasPrefix("i18n/") && other.files[path] != nil && underlying[path] == nil {
            underlying[path] = file
        }
        return ThemeFiles(files: files.merging(other.files) { _, own in own }, underlyingStrings: underlying)
    }

    /// The paths below `folder` (e.g. `assets/`), sorted.
    public func paths(under folder: String) -> [String] {
        files.keys.filter { $0.hasPrefix(folder) }.sorted()
    }

    /// The largest template, UI-strings file or asset a theme may hold.
    public static let maxFileSize = 64 << 20

    /// Reads a theme folder: every file except hidden ones, by its path below the folder.
    /// The only place a theme is read from disk, with `SiteFile`: every path component
    /// below `root` (the site root for a site's `templates/`, else the folder itself) is
    /// opened without following links. A link is skipped with a warning naming it: it
    /// could publish any file of the machine as a template, a UI string or an asset.
    public static func read(directory: URL, below root: URL? = nil, displayPrefix: String, diagnostics: inout [Diagnostic]) -> ThemeFiles? {
        let root = root ?? directory
        guard SiteFile.kind(of: directory, below: root) == .directory else {
            diagnostics.append(.error("missing-theme", "the theme folder \(displayPrefix) does not exist or is not a real folder", at: SourceLocation(path: displayPrefix)))
            return nil
        }
        var files: [String: File] = [:]
        let (all, symlinks) = SiteFile.tree(directory, below: root)
        for relative in symlinks {
            diagnostics.append(.warning("symlink-skipped", "symbolic links in a theme are not followed; copy the file instead", at: SourceLocation(path: displayPrefix + relative)))
        }
        for relative in all {
            let path = displayPrefix + relative
            switch SiteFile.read(directory.appendingPathComponent(relative), below: root, limit: maxFileSize) {
            case .bytes(let bytes): files[relative] = File(bytes: bytes, displayPath: path)
            case .missing: continue
            case .symlink:
                diagnostics.append(.warning("symlink-skipped", "symbolic links in a theme are not followed; copy the file instead", at: SourceLocation(path: path)))
            case .tooLarge(let size): diagnostics.append(SiteFile.tooLarge(path: path, size: size, limit: maxFileSize))
            case .unreadable(let reason): diagnostics.append(.error("unreadable-file", "the file cannot be read: \(reason)", at: SourceLocation(path: path)))
            }
        }
        return ThemeFiles(files: files)
    }
}
