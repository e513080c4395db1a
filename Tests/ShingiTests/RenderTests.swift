import ShingiCore
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
        all["i18n/ja.yml"] = "hello: こんにちは\n"
        all["i18n/en.yml"] = "hello: Hello\n"
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
        XCTAssertEqual(try theme(["i18n/en.yml": "hello: Hello\nextra: x\n"]).1,
                       ["templates/i18n/ja.yml:1:1: error: the UI string 'extra' is in i18n/en.yml but not in i18n/ja.yml; every language needs every string [missing-string]"])
    }

    func testMissingTemplateIsADiagnostic() throws {
        let dir = try temporaryDirectory(self)
        try write(["layout.mustache": "{{{body_html}}}", "i18n/ja.yml": "a: b\n", "i18n/en.yml": "a: b\n"], to: dir)
        var diagnostics: [Diagnostic] = []
        _ = Theme.load(directory: dir, displayPrefix: "templates/", languages: [.ja, .en], diagnostics: &diagnostics)
        XCTAssertEqual(diagnostics.first?.description,
                       "templates/home.mustache:1:1: error: the theme has no template 'home.mustache'; every page kind needs its template [missing-template]")
        XCTAssertEqual(diagnostics.count, Theme.requiredTemplates.count - 1)
    }
}
