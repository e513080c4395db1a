import ShingiCore
import ShingiLoad
@testable import ShingiRender
import XCTest

final class RenderTests: XCTestCase {
    func testDatesInEachLanguage() {
        XCTAssertEqual(DateFormatting.format(ISODate("2021-06-02")!, .ja), "令和3年（2021年）6月2日")
        XCTAssertEqual(DateFormatting.format(ISODate("2021-06-02")!, .en), "2 June 2021")
        XCTAssertEqual(DateFormatting.format(ISODate("2019-05-01")!, .ja), "令和元年（2019年）5月1日")
        XCTAssertEqual(DateFormatting.format(ISODate("2019-04-30")!, .ja), "平成31年（2019年）4月30日")
        XCTAssertEqual(DateFormatting.format(ISODate("2018-05", allowReducedPrecision: true)!, .ja), "平成30年（2018年）5月")
        XCTAssertEqual(DateFormatting.format(ISODate("2018-05", allowReducedPrecision: true)!, .en), "May 2018")
    }

    /// `filling` replaces the first occurrence of a placeholder, byte for byte.
    func testFillingReplacesTheFirstPlaceholder() {
        XCTAssertEqual("{n}件のご意見（{n}）".filling("{n}", with: "3"), "3件のご意見（{n}）")
        XCTAssertEqual("ご意見{n}".filling("{n}", with: "12"), "ご意見12")
        XCTAssertEqual("no placeholder".filling("{n}", with: "3"), "no placeholder")
        XCTAssertEqual("text".filling("", with: "3"), "text")
        // A combining mark after the placeholder stays where it was.
        XCTAssertEqual("a{n}\u{301}b".filling("{n}", with: "e"), "ae\u{301}b")
    }

    /// A row of the 意見対応表 is kept on either side of its number; a theme's row may show
    /// the number once, never (the row as it is) or twice (the first one numbered, as
    /// `String.filling` does with any marker).
    func testARowOfTheResponsesTableGetsItsNumberWhereTheMarkerWas() {
        let marker = CommentListing.numberMarker
        let cases: [(row: String, numbered: String)] = [
            ("<tr><td>\(marker)</td><td>意見</td></tr>", "<tr><td>12</td><td>意見</td></tr>"),
            ("<tr><td>意見</td></tr>", "<tr><td>意見</td></tr>"),
            ("\(marker)|\(marker)", "12|\(marker)"),
            ("", ""),
        ]
        for (row, numbered) in cases {
            let listing = CommentListing(row: row, cells: "", feedEntry: "", date: nil, isDraft: false)
            XCTAssertEqual(listing.row(numbered: 12), numbered)
            XCTAssertEqual(listing.row(numbered: 12), row.filling(marker, with: "12"))
        }
    }

    func testACommentWithItsTargetLineIsKeptAsTheLineAndWhereItGoes() {
        let listing = CommentListing(row: "", cells: "", feedEntry: "", date: nil, isDraft: false)
        func withTarget(_ item: RenderedComments.Item) -> String {
            var bytes: [UInt8] = []
            item.append(showTarget: true, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
        let cases: [(plain: String, withTarget: String, inserted: Bool)] = [
            ("<li>\n  <p>本文</p></li>", "<li>\n  <p class=\"t\">対象</p>\n  <p>本文</p></li>", true),
            // The place found byte by byte falls inside 日 (E6 97 A5), whose first byte 旦 (E6 97 A6) shares.
            ("<li>日</li>", "<li>旦日</li>", true),
            // A theme whose target line changes the item around it: kept whole.
            ("<li>a</li>", "<ol>b</ol>", false),
            ("<li>a</li>", "<li>a</li>", true),
        ]
        for (plain, full, inserted) in cases {
            let item = RenderedComments.Item(plain: plain, withTarget: full, listing: listing)
            XCTAssertEqual(withTarget(item), full)
            var bytes: [UInt8] = []
            item.append(showTarget: false, to: &bytes)
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self), plain)
            if case .inserted = item.target { XCTAssertTrue(inserted, full) } else { XCTAssertFalse(inserted, full) }
        }
    }

    func testURLsUnderABasePath() {
        let urls = SiteURLs(baseURL: "https://example.go.jp/shingi")
        XCTAssertEqual(urls.basePath, "/shingi/")
        XCTAssertEqual(urls.issue("1", .ja, section: "1.1"), "/shingi/ja/issues/1/#1.1")
        XCTAssertEqual(urls.absolute(urls.home(.en)), "https://example.go.jp/shingi/en/")
        XCTAssertEqual(urls.outputPath(for: urls.issue("1", .ja, section: "1.1")), "ja/issues/1/index.html")
        XCTAssertEqual(SiteURLs(baseURL: "/").references(.en, reference: "x"), "/en/references/#ref-x")
    }

    func testTemplateTagScan() {
        let tags = TemplateTags.scan("a {{> partials/x}}\n{{t.nav_home}} {{{body_html}}} {{#t.toc}}")
        XCTAssertEqual(tags.map(\.kind), [.partial("partials/x"), .string("nav_home"), .string("toc")])
        XCTAssertEqual(tags.map(\.line), [1, 2, 2])
    }

    private func theme(_ files: [String: String]) throws -> (Theme?, [String]) {
        let dir = try temporaryDirectory(self)
        var all: [String: String] = [:]
        for name in Theme.requiredTemplates { all["\(name).mustache"] = "<p>{{t.hello}}</p>" }
        // The default theme's strings (every key Swift code uses) and the templates' own.
        let strings = try Self.defaultStrings()
        all["i18n/ja.yml"] = strings.ja + "hello: こんにちは\n"
        all["i18n/en.yml"] = strings.en + "hello: Hello\n"
        for (k, v) in files { all[k] = v }
        try write(all, to: dir)
        var diagnostics: [Diagnostic] = []
        let theme = Theme.load(directory: dir, displayPrefix: "templates/", languages: [.ja, .en], diagnostics: &diagnostics)
        return (theme, diagnostics.map(\.description))
    }

    func testThemeProblemsAreDiagnosticsNamingTheFile() throws {
        XCTAssertEqual(try theme([:]).1, [])
        XCTAssertEqual(try theme(["issue.mustache": "<p>{{> partials/missing}}</p>"]).1,
                       ["templates/issue.mustache:1:4: error: the partial 'partials/missing' does not exist; add partials/missing.mustache to the theme [missing-partial]"])
        XCTAssertEqual(try theme(["home.mustache": "<p>\n{{#a}}x{{/b}}</p>"]).1,
                       ["templates/home.mustache:2:11: error: the template does not parse: a closing {{/…}} does not match the open section; check the {{…}} tags around here [template-syntax]"])
        XCTAssertEqual(try theme(["page.mustache": "{{t.nothing}}"]).1, [
            "templates/page.mustache:1:1: error: the UI string 'nothing' is not defined in i18n/ja.yml [missing-string]",
            "templates/page.mustache:1:1: error: the UI string 'nothing' is not defined in i18n/en.yml [missing-string]",
        ])
        XCTAssertEqual(try theme(["i18n/en.yml": try Self.defaultStrings().en + "hello: Hello\nextra: x\n"]).1,
                       ["templates/i18n/ja.yml:1:1: error: the UI string 'extra' is in i18n/en.yml but not in i18n/ja.yml; every language needs every string [missing-string]"])
    }

    func testMissingTemplateIsADiagnostic() throws {
        let dir = try temporaryDirectory(self)
        try write(["layout.mustache": "{{{body_html}}}", "i18n/ja.yml": "a: b\n", "i18n/en.yml": "a: b\n"], to: dir)
        var diagnostics: [Diagnostic] = []
        _ = Theme.load(directory: dir, displayPrefix: "templates/", languages: [.ja, .en], diagnostics: &diagnostics)
        XCTAssertEqual(diagnostics.first?.description,
                       "templates/home.mustache:1:1: error: the theme has no template 'home.mustache'; every page kind needs its template [missing-template]")
        XCTAssertEqual(diagnostics.filter { $0.code == "missing-template" }.count, Theme.requiredTemplates.count - 1)
    }

    private static func defaultStrings() throws -> (ja: String, en: String) {
        (try String(contentsOf: defaultTheme.appendingPathComponent("i18n/ja.yml"), encoding: .utf8),
         try String(contentsOf: defaultTheme.appendingPathComponent("i18n/en.yml"), encoding: .utf8))
    }

    // MARK: UI strings

    /// A key Swift code uses (`UIString`) missing from a theme is an error naming it and
    /// the file; before, the page showed the key and the theme loaded without a word.
    func testAUIStringTheCodeUsesIsRequired() throws {
        let strings = try Self.defaultStrings()
        let ja = strings.ja.replacingOccurrences(of: "\nnav_members: \"委員\"\n", with: "\n") + "hello: こんにちは\n"
        XCTAssertNotEqual(ja, strings.ja + "hello: こんにちは\n")
        XCTAssertEqual(try theme(["i18n/ja.yml": ja]).1, [
            "templates/i18n/ja.yml:1:1: error: the UI string 'nav_members' is not defined in i18n/ja.yml; shingi's pages use it, add 'nav_members: …' [missing-string]",
            "templates/i18n/ja.yml:1:1: error: the UI string 'nav_members' is in i18n/en.yml but not in i18n/ja.yml; every language needs every string [missing-string]",
        ])
        // A theme with no strings at all no longer loads quietly.
        let empty = try theme(["i18n/ja.yml": "", "i18n/en.yml": ""]).1
        XCTAssertEqual(empty.count, 2 * UIString.allCases.count + 2 * Theme.requiredTemplates.count, "\(empty.prefix(3))")
        XCTAssertEqual(empty.first, "templates/i18n/ja.yml:1:1: error: the UI string 'language_name' is not defined in i18n/ja.yml; shingi's pages use it, add 'language_name: …' [missing-string]")
        XCTAssertEqual(try theme(["i18n/ja.yml": "- a\n- b\n"]).1, ["templates/i18n/ja.yml:1:1: error: UI strings are 'key: text' lines [wrong-type]"])
    }

    /// The default theme defines every key, and every role has its three keys.
    func testTheDefaultThemeHasEveryUIString() throws {
        var diagnostics: [Diagnostic] = []
        let theme = Theme.load(ThemeFiles.embedded, displayPrefix: ThemeFiles.embeddedPrefix, languages: Language.allCases, diagnostics: &diagnostics)
        XCTAssertEqual(diagnostics.map(\.description), [])
        for language in Language.allCases {
            XCTAssertEqual(UIString.allCases.filter { theme?.strings[language]?[$0] == nil }, [], language.rawValue)
        }
        for role in Member.roles {
            XCTAssertNotNil(UIString.role(role), role)
            XCTAssertNotNil(UIString.honorific(role), role)
            XCTAssertNotNil(UIString.honorificPrefix(role), role)
        }
        XCTAssertNil(UIString.role("prefix_chair"))
    }

    /// A site's own `i18n/<lang>.yml` holds only what it changes: the default theme's
    /// file completes it key by key (before, it replaced the whole file, and every
    /// other string showed its key).
    func testASitesStringsAreCompletedByTheDefaultTheme() throws {
        let root = try temporaryDirectory(self)
        try write(["templates/i18n/ja.yml": "nav_members: \"委員一覧\"\n",
                   "templates/page.mustache": "{{t.nav_members}} {{t.own_key}}"], to: root)
        var diagnostics: [Diagnostic] = []
        let (files, prefix) = try XCTUnwrap(ThemeFiles.site(root: root, defaultTheme: nil, displayPath: \.path, diagnostics: &diagnostics))
        let theme = Theme.load(files, displayPrefix: prefix, languages: Language.allCases, diagnostics: &diagnostics)
        // A key that neither file defines is still an error, at the template that uses it.
        XCTAssertEqual(diagnostics.map(\.description), [
            "templates/page.mustache:1:19: error: the UI string 'own_key' is not defined in i18n/ja.yml [missing-string]",
            "templates/page.mustache:1:19: error: the UI string 'own_key' is not defined in i18n/en.yml [missing-string]",
        ])
        XCTAssertEqual(theme?.strings[.ja]?["nav_members"], "委員一覧")
        XCTAssertEqual(theme?.strings[.ja]?["nav_home"], "ホーム")
        XCTAssertEqual(theme?.strings[.en]?["nav_members"], "Members")
    }
}
