import Foundation

/// What the watchers look at: `shingi.yml`, `content/` and `templates/` of the site root
/// (reported relative to it) and, for a site without its own `templates/`, the default
/// theme (reported as the builder names it: relative to the root when inside it, else
/// absolute). Editor droppings (hidden files, backups, swap files) are not changes.
enum WatchedPaths {
    static let file = "shingi.yml"
    static let directories = ["content", "templates"]

    static func matters(_ path: String) -> Bool {
        guard path == file || directories.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) else { return false }
        return !isScratch(path)
    }

    /// `matters`, or a file of the default theme when `theme` (its prefix) is watched.
    static func matters(_ path: String, theme: String?) -> Bool {
        if matters(path) { return true }
        guard let theme, path.hasPrefix(theme) else { return false }
        return !isScratch(path)
    }

    /// An editor's temporary or backup file, by its name.
    static func isScratch(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasPrefix(".") || name.hasPrefix("#") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name == "4913"
    }

    /// A short account of the changed paths for the rebuild line.
    static func summary(_ paths: Set<String>) -> String {
        let sorted = paths.sorted()
        guard let first = sorted.first else { return "nothing" }
        return sorted.count == 1 ? first : "\(first) and \(sorted.count - 1) more"
    }
}

/// A folder a watcher looks at and how it names what changes in it.
struct WatchScope: Sendable {
    /// Absolute, without a trailing slash.
    var directory: String
    /// Put before a path relative to `directory` (empty for the site root).
    var prefix: String
    /// The site root: only `shingi.yml`, `content/` and `templates/` below it count.
    var isSiteRoot: Bool

    static func siteRoot(_ root: URL) -> WatchScope {
        WatchScope(directory: root.standardizedFileURL.path, prefix: "", isSiteRoot: true)
    }

    /// The default theme, for a site without its own `templates/`: named as the build's
    /// diagnostics name its files. Nil when the site's `templates/` is that folder.
    static func defaultTheme(_ theme: URL, root: URL) -> WatchScope? {
        let theme = theme.standardizedFileURL.path
        let root = root.standardizedFileURL.path
        guard theme != root + "/templates" else { return nil }
        let prefix = theme.hasPrefix(root + "/") ? String(theme.dropFirst(root.count + 1)) + "/" : theme + "/"
        return WatchScope(directory: theme, prefix: prefix, isSiteRoot: false)
    }

    /// The folders below `directory` to watch (relative, "" for itself).
    var topFolders: [String] { isSiteRoot ? WatchedPaths.directories : [""] }

    /// Whether a name directly in `directory` is watched.
    func watches(topLevel name: String) -> Bool {
        !isSiteRoot || name == WatchedPaths.file || WatchedPaths.directories.contains(name)
    }

    /// The reported path of `relative` (below `directory`).
    func report(_ relative: String) -> String { prefix + relative }
}
