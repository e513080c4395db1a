import Foundation
import ShingiCore

extension ContentLoader {
    /// The data files of `content/` and what each holds.
    public static let dataFiles: Set<String> = ["content/members.yml", "content/meetings.yml", "content/references.yml"]

    /// Brings `site` (an earlier load of this root) up to date by reading only
    /// `changedPaths` (relative to the root) again: the same site a full `load()` would
    /// give, for the cost of the changed files. Markdown files are re-read one by one
    /// (added, edited, deleted or renamed: each is its own path), a changed data file is
    /// re-read alone; paths outside `content/` (templates) change nothing. Returns false,
    /// with `site` untouched, when it cannot tell what changed (`shingi.yml`, a folder
    /// appearing or disappearing): load everything instead.
    ///
    /// Relies on every diagnostic of a file's loading carrying that file's path, which is
    /// what lets the old ones be dropped; the preview's incremental-rebuild test compares
    /// the result with a full load after every kind of edit. Cheapest when `site` is not
    /// shared (its arrays are then changed in place).
    public func reload(_ site: inout LoadedSite, changedPaths: Set<String>) async -> Bool {
        var paths = (markdown: Set<String>(), data: Set<String>(), other: Set<String>())
        let fm = FileManager.default
        for path in changedPaths {
            if path == "shingi.yml" || path == "content" { return false }
            guard path.hasPrefix("content/") else { continue }
            var isDirectory: ObjCBool = false
            let exists = fm.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory)
            if exists && isDirectory.boolValue && !Self.isSymbolicLink(root.appendingPathComponent(path).path) { return false }
            // A folder that went away (renamed or deleted): the files below it are gone too.
            if !exists && site.mentions(folder: path) { return false }
            if Self.dataFiles.contains(path) {
                paths.data.insert(path)
            } else if path.hasSuffix(".md") {
                paths.markdown.insert(path)
            } else {
                paths.other.insert(path)
            }
        }
        let changed = paths.markdown.union(paths.data).union(paths.other)
        if site.diagnostics.contains(where: { changed.contains($0.location.path) }) {
            site.diagnostics.removeAll { changed.contains($0.location.path) }
        }
        for path in paths.data.sorted() {
            var diagnostics: [Diagnostic] = []
            let data = DataFileLoader(root: root, languages: site.config.languages)
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
            contentFile(path, languages: site.config.languages, diagnostics: &site.diagnostics)
        }
        let root = self.root
        let cache = self.cache
        let parser = self.parser
        let languages = site.config.languages
        let results = await files.parallelMap { file in
            MarkdownFileLoader(root: root, cache: cache, parser: parser, languages: languages).load(file)
        }
        for result in results {
            site.diagnostics += result.diagnostics
            switch result.item {
            case .issue(let issue)?: site.issues.insertInPathOrder(issue)
            case .comment(let comment)?: site.comments.insertInPathOrder(comment)
            case .page(let page)?: site.pages.insertInPathOrder(page)
            case .home(let home)?: site.homes.insertInPathOrder(home)
            case nil: break
            }
        }
        return true
    }

    /// One path under `content/` as `markdownFiles` sees it while walking the tree: the
    /// same warnings for what is not part of the site, the same classification for what is.
    func contentFile(_ path: String, languages: [Language], diagnostics: inout [Diagnostic]) -> ContentFile? {
        let contentURL = root.appendingPathComponent("content")
        let relative = String(path.dropFirst("content/".count))
        // The walk does not follow symbolic links to folders: below one, nothing is seen.
        let components = relative.split(separator: "/").map(String.init)
        var folder = contentURL.path
        for component in components.dropLast() {
            folder += "/" + component
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue,
                  !Self.isSymbolicLink(folder) else { return nil }
        }
        let url = contentURL.appendingPathComponent(relative)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path) else { return nil }
        let type = attributes[.type] as? FileAttributeType
        if type == .typeSymbolicLink {
            diagnostics.append(.warning("symlink-skipped", "symbolic links in content/ are not followed; copy the file instead", at: SourceLocation(path: path)))
            return nil
        }
        guard type == .typeRegular else { return nil }
        guard relative.hasSuffix(".md") else {
            if !relative.hasSuffix(".yml") && !components.contains(where: { $0.hasPrefix(".") }) {
                diagnostics.append(.warning("unexpected-file", "this file is not part of the site; content/ holds .md and .yml files only", at: SourceLocation(path: path)))
            }
            return nil
        }
        return ContentFile.classify(relative: relative, url: url, languages: languages, diagnostics: &diagnostics)
    }

    static func isSymbolicLink(_ path: String) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType == .typeSymbolicLink
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
