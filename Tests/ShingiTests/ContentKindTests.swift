import Foundation
import ShingiCore
@testable import ShingiLoad
import ShingiResolve
import XCTest

/// The registry of content kinds (`ContentKind`, `ContentAddress`, `DataKind`): every
/// kind's place is classified and written back alike, a path nowhere is reported as
/// before, and a path finds its item (loaded or resolved) as a scan of every file would.
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
        func add<T>(_ translations: Localized<T>, _ source: KeyPath<T, MarkdownSource>) {
            let sources = site.sources(translations, source)
            for file in sources.values.values { scanned[file.path] = sources }
        }
        site.issues.forEach { add($0.translations, \.source) }
        site.comments.forEach { add($0.translations, \.source) }
        site.pages.forEach { add($0.translations, \.source) }
        site.home.map { add($0.translations, \.source) }
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
}
