import ShingiCore

/// The kinds of Markdown content, in one place. Each kind's place below `content/` is its
/// `layout`, from which a path is classified (`ContentAddress.parse`) and written back
/// (`path(key:folder:in:)`). Everything else a kind needs is a `switch` over this enum with
/// no `default:`: reading its fields (`MarkdownFileLoader.load`), storing it
/// (`LoadedFile`, `LoadedSite+Kinds`), pairing it and checking its links, drafts and ids
/// (`Resolver`, kind by kind in Resolve's `resolveOrder`), updating it (`Resolver.update`),
/// finding its item from a path (`ResolvedSite.itemSources(at:)`); after Resolve, its items
/// as render jobs read them (`SiteItem`), compared (`SiteChange.between`, `SiteDiff`) and
/// made into pages (`PageJob.all`, `PageJob.madeFrom`). A new kind is a case and its layout
/// here; the compiler then names every switch that must learn it.
public enum ContentKind: CaseIterable, Sendable, Hashable {
    // In this order the "not where the site looks" diagnostic lists the places.
    case issue, comment, page, home

    /// Where a kind's files stand: `[top/][<folder>/]<stem>.<lang>.md` below `content/`.
    struct Layout: Sendable {
        /// The kind's own folder; nil: directly in `content/`.
        var top: String?
        /// What the folder below `top` is called in the pattern; nil: no such folder.
        var folder: String?
        /// The stem: fixed (`index`) or what it is called in the pattern.
        var stem: Stem
    }

    enum Stem: Sendable, Equatable {
        case fixed(String)
        case named(String)
    }

    var layout: Layout {
        switch self {
        case .issue: Layout(top: "issues", folder: "slug", stem: .fixed("index"))
        case .comment: Layout(top: "comments", folder: "meeting", stem: .named("id"))
        case .page: Layout(top: "pages", folder: nil, stem: .named("slug"))
        case .home: Layout(top: nil, folder: nil, stem: .fixed("index"))
        }
    }

    /// The kinds in the order lists of every item take them (the translations report,
    /// `shingi diff`): home, issues, pages, comments.
    public static let siteOrder = allCases.sorted { $0.siteRank < $1.siteRank }

    private var siteRank: Int {
        switch self {
        case .home: 0
        case .issue: 1
        case .page: 2
        case .comment: 3
        }
    }

    /// What the item is called in diagnostics.
    public var noun: String {
        switch self {
        case .issue: "issue"
        case .comment: "comment"
        case .page: "page"
        case .home: "home page"
        }
    }

    /// The place of the kind's files, relative to `content/`, e.g. `issues/<slug>/index.<lang>.md`.
    var pattern: String {
        let stem = switch layout.stem {
        case .fixed(let name): name
        case .named(let name): "<\(name)>"
        }
        return ([layout.top, layout.folder.map { "<\($0)>" }].compactMap { $0 } + [stem + ".<lang>.md"]).joined(separator: "/")
    }

    /// Every kind's place, as the diagnostic for a misplaced Markdown file lists them.
    static var patterns: String {
        let all = allCases.map(\.pattern)
        return all.dropLast().joined(separator: ", ") + " or " + all.last!
    }

    /// The path of an item's file in `language`: `key` names the item (an issue's slug, a
    /// comment's id, a page's slug; the home page has none), `folder` is a comment's
    /// meeting folder, which is not part of its identity.
    public func path(key: String, folder: String? = nil, in language: Language) -> String {
        var parts = ["content"]
        if let top = layout.top { parts.append(top) }
        let stem: String
        switch layout.stem {
        case .fixed(let name):
            stem = name
            if layout.folder != nil { parts.append(key) }
        case .named:
            stem = key
            if layout.folder != nil { parts.append(folder ?? "") }
        }
        return (parts + [stem + "." + language.rawValue + ".md"]).joined(separator: "/")
    }
}
