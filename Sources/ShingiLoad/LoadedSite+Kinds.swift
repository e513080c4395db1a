import ShingiCore

/// The Markdown files of a loaded site by kind (`ContentKind`): each switch here names
/// every kind, so a new one is a compile error until it is stored. Each kind's files are
/// kept in path order, so a path's address (`ContentAddress`) finds its file without a scan.
extension LoadedSite {
    /// Every Markdown file of one kind, in path order.
    public func sources(of kind: ContentKind) -> [MarkdownSource] {
        switch kind {
        case .issue: issues.map(\.source)
        case .comment: comments.map(\.source)
        case .page: pages.map(\.source)
        case .home: homes.map(\.source)
        }
    }

    /// How many Markdown files the site has.
    public var markdownFileCount: Int {
        ContentKind.allCases.reduce(0) { count, kind in
            switch kind {
            case .issue: count + issues.count
            case .comment: count + comments.count
            case .page: count + pages.count
            case .home: count + homes.count
            }
        }
    }

    /// The Markdown file loaded from `path`, if any.
    func file(at path: String) -> LoadedFile? {
        guard let address = ContentAddress(path: path, languages: config.languages) else { return nil }
        switch address.kind {
        case .issue: return issues.file(at: path).map(LoadedFile.issue)
        case .comment: return comments.file(at: path).map(LoadedFile.comment)
        case .page: return pages.file(at: path).map(LoadedFile.page)
        case .home: return homes.file(at: path).map(LoadedFile.home)
        }
    }

    /// Adds `file` in its place among its kind's files (after the others in a full load,
    /// which reads the files in path order).
    mutating func insert(_ file: LoadedFile) {
        switch file {
        case .issue(let file): issues.insertInPathOrder(file)
        case .comment(let file): comments.insertInPathOrder(file)
        case .page(let file): pages.insertInPathOrder(file)
        case .home(let file): homes.insertInPathOrder(file)
        }
    }

    /// Removes the file loaded from `path`, if any.
    mutating func removeFile(at path: String) {
        guard let address = ContentAddress(path: path, languages: config.languages) else { return }
        switch address.kind {
        case .issue: issues.remove(atPath: path)
        case .comment: comments.remove(atPath: path)
        case .page: pages.remove(atPath: path)
        case .home: homes.remove(atPath: path)
        }
    }

    /// Whether anything loaded (or reported) lies below `folder`.
    func mentions(folder: String) -> Bool {
        let prefix = folder + "/"
        return ContentKind.allCases.contains { sources(of: $0).contains { $0.path.hasPrefix(prefix) } }
            || diagnostics.contains { $0.location.path.hasPrefix(prefix) }
    }
}

private extension Array where Element: ContentItemFile {
    func file(at path: String) -> Element? {
        let (index, found) = position(ofPath: path)
        return found ? self[index] : nil
    }
}
