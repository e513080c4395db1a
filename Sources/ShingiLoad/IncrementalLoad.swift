import Foundation
import ShingiCore

extension ContentLoader {
    /// The data files of `content/` and what each holds.
    public static let dataFiles: Set<String> = ["content/members.yml", "content/meetings.yml", "content/references.yml"]

    /// Brings `site` (an earlier load of this root) up to date by reading only
    /// `changedPaths` (relative to the root) again: the same site a full `load()` would
    /// give, for the cost of the changed files. Markdown files are re-read one by one
    /// (added, edited, deleted or renamed: each is its own path), a changed data file is
    /// re-read alone; paths outside `content/` (templates) change nothing. Returns what
    /// changed, or nil, with `site` untouched, when it cannot tell (`shingi.yml`, a folder
    /// appearing or disappearing): load everything instead.
    ///
    /// Relies on every diagnostic of a file's loading carrying that file's path, which is
    /// what lets the old ones be dropped; the preview's incremental-rebuild test compares
    /// the result with a full load after every kind of edit. Cheapest when `site` is not
    /// shared (its arrays are then changed in place).
    public func reload(_ site: inout LoadedSite, changedPaths: Set<String>) async -> LoadChange? {
        var paths = (markdown: Set<String>(), data: Set<String>(), other: Set<String>())
        let fm = FileManager.default
        var asciiFolders: Set<String> = []
        for path in changedPaths {
            if path == "shingi.yml" || path == "content" { return nil }
            guard path.hasPrefix("content/") else { continue }
            // Names are NFC-normalised and two that normalise alike are an error naming the
            // other one: only an all-ASCII name in an all-ASCII folder cannot be part of that.
            let folder = String(path[..<path.lastIndex(of: "/")!])
            guard path.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
            if !asciiFolders.contains(folder) {
                guard Self.namesAreASCII(in: root.appendingPathComponent(folder).path) else { return nil }
                asciiFolders.insert(folder)
            }
            var isDirectory: ObjCBool = false
            let exists = fm.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory)
            if exists && isDirectory.boolValue && !Self.isSymbolicLink(root.appendingPathComponent(path).path) { return nil }
            // A folder that went away (renamed or deleted): the files below it are gone too.
            if !exists && site.mentions(folder: path) { return nil }
            if Self.dataFiles.contains(path) {
                paths.data.insert(path)
            } else if path.hasSuffix(".md") {
                paths.markdown.insert(path)
            } else {
                paths.other.insert(path)
            }
        }
        var change = LoadChange()
        change.dataFiles = !paths.data.isEmpty
        for path in paths.data.union(paths.other) { change.recordOther(path) }
        var before: [String: LoadedFile] = [:]
        for path in paths.markdown { before[path] = site.file(at: path) }
        let changed = paths.markdown.union(paths.data).union(paths.other)
        if site.diagnostics.contains(where: { changed.contains($0.location.path) }) {
            site.diagnostics.removeAll { changed.contains($0.location.path) }
        }
        for path in paths.data.sorted() {
            var diagnostics: [Diagnostic] = []
            let data = DataFileLoader(root: root, languages: site.config.languages, maxFileSize: site.config.maxFileSize)
            switch path {
            case "content/members.yml": site.members = data.members(diagnostics: &diagnostics)
            case "content/meetings.yml": site.meetings = data.meetings(diagnostics: &diagnostics)
            default: site.references = data.references(diagnostics: &diagnostics)
            }
            site.diagnostics += diagnostics
        }
        site.issues.removeAll(at: paths.markdown)
        site.comments.removeAll(at: paths.markdown)
        site.pages.removeAll(at: paths.markdown)
        site.homes.removeAll(at: paths.markdown)
        let files = paths.markdown.union(paths.other).sorted().compactMap { path in
            contentFile(path, config: site.config, diagnostics: &site.diagnostics)
        }
        let results = await loadMarkdown(files, config: site.config)
        var after: [String: LoadedFile] = [:]
        for result in results {
            site.diagnostics += result.diagnostics
            if let item = result.item { after[item.source.path] = item }
            switch result.item {
            case .issue(let issue)?: site.issues.insertInPathOrder(issue)
            case .comment(let comment)?: site.comments.insertInPathOrder(comment)
            case .page(let page)?: site.pages.insertInPathOrder(page)
            case .home(let home)?: site.homes.insertInPathOrder(home)
            case nil: break
            }
        }
        for path in paths.markdown { change.record(path, before: before[path], after: after[path]) }
        return change
    }

    /// One path under `content/` (an ASCII one) as `markdownFiles` sees it while walking
    /// the tree (`ContentPaths`): hidden entries and what lies below a symbolic link are
    /// not seen; what the entry is (`ContentPaths.kind`) and what a file is
    /// (`ContentFile.regular`) are decided by the functions the walk uses.
    func contentFile(_ path: String, config: SiteConfig, diagnostics: inout [Diagnostic]) -> ContentFile? {
        let contentURL = root.appendingPathComponent("content")
        let relative = String(path.dropFirst("content/".count))
        let components = relative.split(separator: "/").map(String.init)
        guard !components.contains(where: { $0.hasPrefix(".") }) else { return nil }
        var folder = contentURL.path
        for component in components.dropLast() {
            folder += "/" + component
            var info = stat()
            guard lstat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return nil }
        }
        let url = contentURL.appendingPathComponent(relative)
        var info = stat()
        guard lstat(url.path, &info) == 0, ContentPaths.kind(mode: info.st_mode, path: path, diagnostics: &diagnostics) == .file else { return nil }
        return ContentFile.regular(relative: relative, url: url, size: Int(info.st_size), config: config, diagnostics: &diagnostics)
    }

    static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }

    /// Whether every name in `folder` is ASCII (true when it cannot be listed: then there
    /// is nothing in it to collide with).
    static func namesAreASCII(in folder: String) -> Bool {
        guard let directory = opendir(folder) else { return true }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let ascii = withUnsafeBytes(of: entry.pointee.d_name) { buffer in
                buffer.prefix { $0 != 0 }.allSatisfy { $0 < 0x80 }
            }
            if !ascii { return false }
        }
        return true
    }
}

extension LoadedSite {
    /// Whether anything loaded (or reported) lies below `folder`.
    func mentions(folder: String) -> Bool {
        let prefix = folder + "/"
        return issues.contains { $0.source.path.hasPrefix(prefix) } || comments.contains { $0.source.path.hasPrefix(prefix) }
            || pages.contains { $0.source.path.hasPrefix(prefix) } || homes.contains { $0.source.path.hasPrefix(prefix) }
            || diagnostics.contains { $0.location.path.hasPrefix(prefix) }
    }
}

private extension Array where Element: HasMarkdownSource {
    /// Removes the elements read from `paths` one by one: the others are moved, not
    /// copied (`removeAll(where:)` swaps them, retaining every field of every one).
    mutating func removeAll(at paths: Set<String>) {
        for index in indices.reversed() where paths.contains(self[index].source.path) { remove(at: index) }
    }

    /// Inserts before the first element with a later path: the order of a full load
    /// (which sorts by path).
    mutating func insertInPathOrder(_ element: Element) {
        let path = element.source.path
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle].source.path > path { high = middle } else { low = middle + 1 }
        }
        insert(element, at: low)
    }
}

protocol HasMarkdownSource { var source: MarkdownSource { get } }
extension IssueFile: HasMarkdownSource {}
extension CommentFile: HasMarkdownSource {}
extension PageFile: HasMarkdownSource {}
