import ShingiCore

/// Which item a Markdown file under `content/` belongs to, as its path says: the kind
/// (`ContentKind`), the key that pairs the item's languages, and the language. Read from
/// the path alone, so it is the one index from a path to an item: Load files what it
/// reads by it, and a command given a path finds the item by it
/// (`ResolvedSite.itemSources(at:)`), with no scan of the site.
public struct ContentAddress: Sendable, Hashable {
    public var kind: ContentKind
    /// An issue's slug (its folder), a comment's id, a page's slug; `index` for the home page.
    public var key: String
    /// A comment's meeting folder: where its file is, not part of its identity.
    public var folder: String?
    public var language: Language

    /// The file's path, e.g. `content/issues/1/index.ja.md`.
    public var path: String { path(in: language) }

    /// The path of the same item's file in `language`.
    public func path(in language: Language) -> String { kind.path(key: key, folder: folder, in: language) }

    /// Why a path names no item, in the order `parse` checks.
    enum Problem: Error, Equatable {
        /// `a..b.ja.md`: a part of the name between dots is empty (the name is given).
        case emptyPart(String)
        /// No `.<lang>.md` with a language shingi knows.
        case noLanguage
        /// A known language that the site does not publish.
        case unlistedLanguage(Language)
        /// Not where any kind's files stand.
        case misplaced
    }

    /// The address of `path` (site-relative, e.g. `content/pages/about.ja.md`) in a site
    /// publishing `languages`, or nil.
    public init?(path: String, languages: [Language]) {
        guard path.hasPrefix("content/"), case .success(let address) = Self.parse(relative: String(path.dropFirst("content/".count)), languages: languages)
        else { return nil }
        self = address
    }

    init(kind: ContentKind, key: String, folder: String?, language: Language) {
        self.kind = kind
        self.key = key
        self.folder = folder
        self.language = language
    }

    /// Classifies `relative` (a `.md` path below `content/`) by the kinds' layouts.
    static func parse(relative: String, languages: [Language]) -> Result<ContentAddress, Problem> {
        let components = relative.split(separator: "/").map(String.init)
        let name = components.last!
        let nameParts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        // `a..b.ja.md` and `a.b.ja.md` must not become one item (one silently dropped).
        if nameParts.dropLast().contains(where: \.isEmpty) { return .failure(.emptyPart(name)) }
        guard nameParts.count >= 3, let language = Language(rawValue: nameParts[nameParts.count - 2]) else { return .failure(.noLanguage) }
        guard languages.contains(language) else { return .failure(.unlistedLanguage(language)) }
        let stem = nameParts.dropLast(2).joined(separator: ".")
        let folders = components.dropLast()
        for kind in ContentKind.allCases {
            let layout = kind.layout
            let expected = (layout.top == nil ? 0 : 1) + (layout.folder == nil ? 0 : 1)
            guard folders.count == expected, folders.first == layout.top ?? folders.first else { continue }
            let folder = layout.folder == nil ? nil : folders.last
            switch layout.stem {
            case .fixed(let fixed) where fixed == stem:
                return .success(ContentAddress(kind: kind, key: folder ?? stem, folder: nil, language: language))
            case .fixed:
                continue
            case .named:
                return .success(ContentAddress(kind: kind, key: stem, folder: folder, language: language))
            }
        }
        return .failure(.misplaced)
    }
}
