import Foundation
import ShingiCore

extension ContentLoader {
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
            if DataKind(path: path) != nil {
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
        let data = DataFileLoader(root: root, languages: site.config.languages, maxFileSize: site.config.maxFileSize)
        for kind in DataKind.allCases where paths.data.contains(kind.path) {
            var diagnostics: [Diagnostic] = []
            kind.read(into: &site, with: data, diagnostics: &diagnostics)
            site.diagnostics += diagnostics
        }
        for path in paths.markdown { site.removeFile(at: path) }
        let files = paths.markdown.union(paths.other).sorted().compactMap { path in
            contentFile(path, config: site.config, diagnostics: &site.diagnostics)
        }
        let results = await loadMarkdown(files, config: site.config)
        var after: [String: LoadedFile] = [:]
        for result in results {
            site.diagnostics += result.diagnostics
            guard let file = result.item else { continue }
            after[file.source.path] = file
            site.insert(file)
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
