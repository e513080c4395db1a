/// What the watchers look at, relative to the site root: `shingi.yml`, `content/` and
/// `templates/`. Editor droppings (hidden files, backups, swap files) are not changes.
enum WatchedPaths {
    static let file = "shingi.yml"
    static let directories = ["content", "templates"]

    static func matters(_ path: String) -> Bool {
        guard path == file || directories.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) else { return false }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return !(name.hasPrefix(".") || name.hasPrefix("#") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name == "4913")
    }

    /// A short account of the changed paths for the rebuild line.
    static func summary(_ paths: Set<String>) -> String {
        let sorted = paths.sorted()
        guard let first = sorted.first else { return "nothing" }
        return sorted.count == 1 ? first : "\(first) and \(sorted.count - 1) more"
    }
}
