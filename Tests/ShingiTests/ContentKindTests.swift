import Foundation
import ShingiCore
@testable import ShingiBuild
import ShingiDiff
@testable import ShingiLoad
@testable import ShingiRender
@testable import ShingiResolve
import XCTest

/// The registry of content kinds (`ContentKind`, `ContentAddress`, `DataKind`): every
/// kind's place is classified and written back alike, a path nowhere is reported as
/// before, a path finds its item (loaded or resolved) as a scan of every file would, and
/// every kind goes through Resolve, Render and `shingi diff`.
final class ContentKindTests: XCTestCase {
    /// One file of each kind, as its place reads: the switch names every kind, so a new
    /// one does not compile here until it has an example.
    private static func example(_ kind: ContentKind) -> (path: String, address: ContentAddress) {
        switch kind {
        case .issue: ("content/issues/gx/index.en.md", ContentAddress(kind: .issue, key: "gx", folder: nil, language: .en))
        case .comment: ("content/comments/14/c1.ja.md", ContentAddress(kind: .comment, key: "c1", folder: "14", language: .ja))
        case .page: ("content/pages/about.en.md", ContentAddress(kind: .page, key: "about", folder: nil, language: .en))
        case .home: ("content/index.ja.md", ContentAddress(kind: .home, key: "index", folder: nil, language: .ja))
        }
    }

    func testEveryKindsPathIsClassifiedAndWrittenBack() {
        for kind in ContentKind.allCases {
            let (path, address) = Self.example(kind)
            XCTAssertEqual(ContentAddress(path: path, languages: Language.allCases), address, path)
            XCTAssertEqual(address.path, path)
            XCTAssertEqual(kind.path(key: address.key, folder: address.folder, in: address.language), path)
            var diagnostics: [Diagnostic] = []
            let file = ContentFile.classify(relative: String(path.dropFirst("content/".count)), url: URL(fileURLWithPath: "/x"),
                                            languages: Language.allCases, diagnostics: &diagnostics)
            XCTAssertEqual(file?.address, address, path)
            XCTAssertEqual(diagnostics.map(\.description), [], path)
        }
    }

    func testAPathNowhereIsReportedWithEveryKindsPlace() {
        XCTAssertEqual(ContentKind.patterns,
                       "issues/<slug>/index.<lang>.md, comments/<meeting>/<id>.<lang>.md, pages/<slug>.<lang>.md or index.<lang>.md")
        let cases: [String: String] = [
            "notes.ja.md": "unexpected-file",
            "issues/1/other.ja.md": "unexpected-file",
            "issues/index.ja.md": "unexpected-file",
            "comments/c1.ja.md": "unexpected-file",
            "pages/a/b.ja.md": "unexpected-file",
            "misplaced/x.ja.md": "unexpected-file",
            "pages/about.fr.md": "missing-language-suffix",
            "pages/a..b.ja.md": "invalid-file-name",
        ]
        for (relative, code) in cases {
            var diagnostics: [Diagnostic] = []
            XCTAssertNil(ContentFile.classify(relative: relative, url: URL(fileURLWithPath: "/x"), languages: Language.allCases, diagnostics: &diagnostics))
            XCTAssertEqual(diagnostics.map(\.code), [code], relative)
            XCTAssertNil(ContentAddress(path: "content/" + relative, languages: Language.allCases), relative)
        }
        var diagnostics: [Diagnostic] = []
        _ = ContentFile.classify(relative: "misplaced/x.ja.md", url: URL(fileURLWithPath: "/x"), languages: Language.allCases, diagnostics: &diagnostics)
        XCTAssertEqual(diagnostics.map(\.description), [
            "content/misplaced/x.ja.md:1:1: warning: this Markdown file is not where the site looks: issues/<slug>/index.<lang>.md, comments/<meeting>/<id>.<lang>.md, pages/<slug>.<lang>.md or index.<lang>.md [unexpected-file]",
        ])
        // A language the site does not publish names no item either.
        XCTAssertNil(ContentAddress(path: "content/pages/about.en.md", languages: [.ja]))
        XCTAssertNil(ContentAddress(path: "templates/pages/about.en.md", languages: Language.allCases))
    }

    func testEveryDataKindIsFoundByItsPath() {
        XCTAssertEqual(DataKind.allCases.map(\.path), ["content/members.yml", "content/meetings.yml", "content/references.yml"])
        for kind in DataKind.allCases { XCTAssertEqual(DataKind(path: kind.path), kind) }
        XCTAssertNil(DataKind(path: "content/extra.yml"))
    }

    /// Every file of the mini site is found by its path, loaded and resolved,
    /// as the scans the address replaced found it; paths of no file find nothing.
    func testAPathFindsItsItemAsAScanOfEveryFileWould() async throws {
        let root = try MiniSite.make(self, IncrementalRebuildTests.extra)
        let loaded = await ContentLoader(root: root).load()
        let site = Resolver().resolve(loaded)
        XCTAssertEqual(site.diagnostics.filter { $0.severity == .error }.map(\.description), [])
        var scanned: [String: Localized<MarkdownSource>] = [:]
        for sources in ContentKind.allCases.flatMap(site.sourcesOfItems) {
            for file in sources.values.values { scanned[file.path] = sources }
        }
        XCTAssertEqual(Set(scanned.keys), Set(ContentKind.allCases.flatMap { loaded.sources(of: $0).map(\.path) }))
        XCTAssertEqual(Set(scanned.keys.compactMap { ContentAddress(path: $0, languages: Language.allCases)?.kind }), Set(ContentKind.allCases))
        for (path, sources) in scanned {
            XCTAssertEqual(site.itemSources(at: path)?.values.mapValues(\.path), sources.values.mapValues(\.path), path)
            XCTAssertEqual(loaded.file(at: path)?.source.path, path)
        }
        for path in ["content/issues/9/index.ja.md", "content/comments/99/c1.ja.md", "content/pages/none.en.md", "content/members.yml", "README.md"] {
            XCTAssertNil(site.itemSources(at: path), path)
            XCTAssertNil(loaded.file(at: path), path)
        }
    }

    // MARK: Every kind through Resolve's checks

    /// The mini site with an item of every kind (`IncrementalRebuildTests.extra`) and
    /// `changes`, resolved with or without its drafts.
    private func resolve(_ changes: [String: String] = [:], drafts: Bool = true) async throws -> ResolvedSite {
        let root = try MiniSite.make(self, IncrementalRebuildTests.extra.merging(changes) { $1 })
        return Resolver(includeDrafts: drafts).resolve(await ContentLoader(root: root).load())
    }

    /// The files of every item of a resolved site.
    private func paths(_ site: ResolvedSite) -> Set<String> {
        Set(ContentKind.allCases.flatMap(site.sourcesOfItems).flatMap { $0.values.values.map(\.path) })
    }

    private func kind(of path: String) -> ContentKind? { ContentAddress(path: path, languages: Language.allCases)?.kind }

    /// The cross-links of every kind are checked, and a reference's citations are listed
    /// kind by kind: home, issues, comments, pages.
    func testEveryKindsCrossLinksAreCheckedAndItsCitationsListed() async throws {
        let files = MiniSite.files.merging(IncrementalRebuildTests.extra.compactMapValues { $0 }) { $1 }
        var changes: [String: String] = [:]
        for kind in ContentKind.allCases {
            let path = try XCTUnwrap(files.keys.sorted().first { self.kind(of: $0) == kind }, "the fixture has no \(kind.noun)")
            changes[path] = files[path]! + "\n\n[[ref:tebiki]] [[ref:nope]]\n"
        }
        let site = try await resolve(changes)
        XCTAssertEqual(site.diagnostics.filter { $0.code == "broken-link" }.map(\.location.path).sorted(), changes.keys.sorted())
        XCTAssertEqual(site.citations["tebiki"], [.home, .issue(id: "1", section: "1.1"), .issue(id: "1", section: "1.2"),
                                                  .comment(id: "c1"), .page(slug: "about")])
    }

    /// The file to mark `draft: true` of one item of each kind; nil: the kind is always
    /// published.
    private static func draftFile(_ kind: ContentKind) -> String? {
        switch kind {
        case .issue: "content/issues/2/index.en.md"
        case .comment: "content/comments/14/d1.en.md"
        case .page: "content/pages/about.ja.md"
        case .home: nil // its `draft:` is not read
        }
    }

    /// A published site leaves out the draft of every kind, all its languages' files.
    func testEveryKindsDraftsAreLeftOutOfAPublishedSite() async throws {
        var changes: [String: String] = [:]
        var drafts: [(kind: ContentKind, key: String)] = []
        for kind in ContentKind.allCases {
            guard let path = Self.draftFile(kind) else { continue }
            let address = try XCTUnwrap(ContentAddress(path: path, languages: Language.allCases))
            XCTAssertEqual(address.kind, kind, path)
            changes[path] = "---\ndraft: true\n" + IncrementalRebuildTests.extra[path]!!.dropFirst("---\n".count)
            drafts.append((kind, address.key))
        }
        let full = try await resolve(changes), published = try await resolve(changes, drafts: false)
        XCTAssertEqual(published.diagnostics.filter { $0.severity == .error }.map(\.description), [])
        let draftPaths = paths(full).filter { path in
            let address = ContentAddress(path: path, languages: Language.allCases)!
            return drafts.contains { $0.kind == address.kind && $0.key == address.key }
        }
        XCTAssertEqual(draftPaths.count, 5)
        XCTAssertEqual(paths(published), paths(full).subtracting(draftPaths))
    }

    /// Files whose item's id differs only by case from another item's of the same kind
    /// (the fixture's, or one another); nil: a kind with a single item.
    private static func caseTwins(_ kind: ContentKind) -> [String: String]? {
        switch kind {
        case .issue: ["content/issues/x/index.ja.md": "---\nid: x\nnumber: 3\ntitle: x\n---\n",
                      "content/issues/X/index.ja.md": "---\nid: X\nnumber: 4\ntitle: X\n---\n"]
        case .comment: ["content/comments/14/C1.en.md": IncrementalRebuildTests.comment(body: "Twin.")]
        case .page: ["content/pages/About.en.md": "---\ntitle: \"About\"\n---\n"]
        case .home: nil
        }
    }

    /// Ids that differ only by case are an error for every kind that has ids.
    func testEveryKindsCaseCollisionsAreReported() async throws {
        let kinds = ContentKind.allCases.filter { Self.caseTwins($0) != nil }
        let site = try await resolve(kinds.reduce(into: [:]) { $0.merge(Self.caseTwins($1)!) { $1 } })
        let collisions = site.diagnostics.filter { $0.code == "case-collision" }
        XCTAssertEqual(collisions.count, kinds.count, "\(collisions)")
        XCTAssertEqual(Set(collisions.compactMap { kind(of: $0.location.path) }), Set(kinds))
        for collision in collisions {
            XCTAssertTrue(collision.message.hasPrefix("\(kind(of: collision.location.path)!.noun) id '"), collision.description)
        }
    }

    // MARK: Every kind through Render and Diff

    /// An edit of one item of each kind (its English file): the item `SiteChange` names,
    /// its id in `shingi diff`'s report and a page that shows it. The switch names every
    /// kind, so a new one does not compile here until it has an edit.
    private static func edit(_ kind: ContentKind) -> (path: String, text: String, item: SiteItem, reported: String, page: PageJob) {
        let files = MiniSite.files.merging(IncrementalRebuildTests.extra.compactMapValues { $0 }) { $1 }
        let (path, from, to, item, reported, page): (String, String, String, SiteItem, String, PageJob) = switch kind {
        case .issue: (IncrementalRebuildTests.issue, "Building structures", "Building the structures", SiteItem(.issue, "1"), "1", .issue("1", .en))
        case .comment: (IncrementalRebuildTests.comment, "It should function.", "It must function.", SiteItem(.comment, "c1"), "c1", .comments(.en))
        case .page: ("content/pages/about.en.md", "Explanation.", "An explanation.", SiteItem(.page, "about"), "pages/about", .page("about", .en))
        case .home: ("content/index.en.md", "Introduction.", "An introduction.", SiteItem(.home), "index", .home(.en))
        }
        return (path, files[path]!.replacingOccurrences(of: from, with: to), item, reported, page)
    }

    /// A preview rebuild after an edit of any kind renders the page that shows the item.
    func testAnEditOfEveryKindRendersItsPageAgain() async throws {
        let root = try MiniSite.make(self, IncrementalRebuildTests.extra)
        let builder = SiteBuilder(options: BuildOptions(root: root, defaultTheme: defaultTheme), cache: MarkdownCache())
        var previous = await builder.rebuild(previous: nil, changedPaths: []).next
        for kind in ContentKind.allCases {
            let edit = Self.edit(kind)
            try write([edit.path: edit.text], to: root)
            let rebuild = await builder.rebuild(previous: previous, changedPaths: [edit.path])
            previous = rebuild.next
            XCTAssertNotNil(rebuild.delta, "the rebuild after the \(kind.noun) edit was not incremental")
            XCTAssertTrue(rebuild.renderedJobs.contains(edit.page), "\(kind.noun): \(rebuild.renderedJobs) lacks \(edit.page)")
        }
    }

    /// The edits of every kind are changed items between the resolved sites, and
    /// `shingi diff` reports each of them once.
    func testAnEditOfEveryKindIsAChangeAndIsReportedByDiff() async throws {
        let edits = ContentKind.allCases.map(Self.edit)
        let old = try await resolve(), new = try await resolve(Dictionary(uniqueKeysWithValues: edits.map { ($0.path, $0.text) }))
        XCTAssertEqual(SiteChange.between(old, new).items, Set(edits.map(\.item)))
        let report = SiteDiff().compare(old, new, oldLabel: "old", newLabel: "new")
        XCTAssertEqual((report.issues.map(\.id) + report.comments.map(\.id) + report.pages.map(\.id)).sorted(), edits.map(\.reported).sorted())
        XCTAssertEqual(report.count, edits.count)
    }

    /// The preview's update names the item it made again of every kind, and comparing
    /// only those (`SiteChange.between(_:_:replaced:)`) finds what comparing every item finds.
    func testTheItemsAnUpdateReplacedAreTheChangeOfEveryKind() async throws {
        let edits = ContentKind.allCases.map(Self.edit)
        let root = try MiniSite.make(self, IncrementalRebuildTests.extra)
        let loader = ContentLoader(root: root)
        var loaded = await loader.load()
        let old = Resolver().resolve(loaded)
        try write(Dictionary(uniqueKeysWithValues: edits.map { ($0.path, $0.text) }), to: root)
        let reloaded = await loader.reload(&loaded, changedPaths: Set(edits.map(\.path)))
        let change = try XCTUnwrap(reloaded)
        let update = try XCTUnwrap(Resolver().update(old, with: loaded, change: change))
        XCTAssertEqual(Set(update.replaced.keys), Set(ContentKind.allCases))
        let expected = SiteChange.between(old, update.site)
        XCTAssertEqual(expected.items, Set(edits.map(\.item)))
        // The edits change items, not which items there are: no list needs comparing.
        XCTAssertEqual(expected.sameKeys, Set(edits.map(\.item.kind)))
        XCTAssertEqual(SiteChange.between(old, update.site, replaced: update.replaced), expected)
        // An item made again with the same value is no change.
        XCTAssertEqual(SiteChange.between(old, old, replaced: update.replaced), SiteChange())
    }

    /// The outputs of one item of a kind in a language, with search on (a comment's is
    /// its search record).
    private static func outputs(_ kind: ContentKind, _ key: String, _ language: Language) -> [PageJob] {
        switch kind {
        case .issue: [.issue(key, language), .issueFeed(key, language)]
        case .comment: [.searchRecord(key, language)]
        case .page: [.page(key, language)]
        case .home: [.home(language)]
        }
    }

    /// The list of everything a build makes has every item's outputs, of every kind.
    func testEveryKindsItemsHaveTheirOutputs() async throws {
        var site = try await resolve()
        site.config.search = true
        var expected: Set<PageJob> = []
        for kind in ContentKind.allCases {
            let keys = site.keys(.content(kind))
            XCTAssertFalse(keys.isEmpty, "the fixture has no \(kind.noun)")
            for key in keys { expected.formUnion(site.config.languages.flatMap { Self.outputs(kind, key, $0) }) }
        }
        XCTAssertEqual(expected.subtracting(PageJob.all(of: SiteReader(site))), [])
    }
}
