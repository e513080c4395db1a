import Foundation
import ShingiCore

/// The files of a theme by path below the theme folder (`layout.mustache`,
/// `partials/comment.mustache`, `i18n/ja.yml`, `assets/style.css`), each with the path
/// its diagnostics name. A site's theme is the default theme with the files of its own
/// `templates/` laid over it, file by file (`overlaid(by:)`).
public struct ThemeFiles: Sendable {
    public struct File: Sendable, Hashable {
        public var bytes: [UInt8]
        /// How diagnostics name the file (`templates/layout.mustache`).
        public var displayPath: String
    }

    public var files: [String: File]

    public init(files: [String: File] = [:]) {
        self.files = files
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
    /// default theme's file of the same path, the others come from the default theme.
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
        let own = root.appendingPathComponent("templates")
        if FileManager.default.fileExists(atPath: own.path) {
            prefix = "templates/"
            guard let ownFiles = read(directory: own, displayPrefix: prefix, diagnostics: &diagnostics) else { return nil }
            files = files.overlaid(by: ownFiles)
        }
        return (files, prefix)
    }

    /// This theme with `other`'s files replacing or adding to its own.
    public func overlaid(by other: ThemeFiles) -> ThemeFiles {
        ThemeFiles(files: files.merging(other.files) { _, own in own })
    }

    /// The paths below `folder` (e.g. `assets/`), sorted.
    public func paths(under folder: String) -> [String] {
        files.keys.filter { $0.hasPrefix(folder) }.sorted()
    }

    /// Reads a theme folder: every file except hidden ones, by its path below the folder.
    /// The only place a theme is read from disk. A symbolic link is skipped with a
    /// warning: it could publish any file of the machine as a template or an asset.
    public static func read(directory: URL, displayPrefix: String, diagnostics: inout [Diagnostic]) -> ThemeFiles? {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            diagnostics.append(.error("missing-theme", "the theme folder \(displayPrefix) does not exist", at: SourceLocation(path: displayPrefix)))
            return nil
        }
        var files: [String: File] = [:]
        let all = (fm.enumerator(atPath: directory.path)?.allObjects as? [String] ?? []).sorted()
        for relative in all where !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
            let url = directory.appendingPathComponent(relative)
            if isSymbolicLink(url) {
                diagnostics.append(.warning("symlink-skipped", "symbolic links in a theme are not followed; copy the file instead", at: SourceLocation(path: displayPrefix + relative)))
                continue
            }
            guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  let data = fm.contents(atPath: url.path) else { continue }
            files[relative] = File(bytes: Array(data), displayPath: displayPrefix + relative)
        }
        return ThemeFiles(files: files)
    }

    static func isSymbolicLink(_ url: URL) -> Bool {
        var info = stat()
        return lstat(url.path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }
}
