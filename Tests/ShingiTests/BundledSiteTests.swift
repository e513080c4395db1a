import Foundation
import ShingiBuild
import ShingiCore
import ShingiMarkdown
import ShingiResolve
import XCTest

/// The bundled committee site (content/ of this repository): it must build clean and
/// hold what the paper holds. The paper's facts are listed here, not read from outside the repository.
final class BundledSiteTests: XCTestCase {
    /// Builds the repository's site once for all tests of this class.
    private actor Build {
        static let shared = Build()
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("shingi-bundled-\(UUID().uuidString)")
        private var result: BuildResult?

        func get() async -> (BuildResult, URL) {
            if let result { return (result, out) }
            let built = await build(repositoryRoot, out: out, write: true)
            result = built
            return (built, out)
        }
    }

    override class func tearDown() {
        try? FileManager.default.removeItem(at: Build.shared.out)
        super.tearDown()
    }

    private func bundled() async throws -> (BuildResult, URL) { await Build.shared.get() }

    private func site() async throws -> ResolvedSite {
        let result = try await bundled().0
        return try XCTUnwrap(result.site)
    }

    func testBuildsWithNoErrorsAndNoWarnings() async throws {
        let (result, _) = try await bundled()
        XCTAssertEqual(result.diagnostics.map(\.description), [])
        XCTAssertEqual(result.pagesPerLanguage[.ja], result.pagesPerLanguage[.en])
    }

    func testThreePolicyIssuesWithTheirSections() async throws {
        let site = try await site()
        XCTAssertEqual(site.issues.map(\.id), ["1", "2", "3"])
        XCTAssertEqual(site.issues.map { $0.sections.map(\.id) }, [["1.1", "1.2", "1.3"], ["2.1", "2.2", "2.3"], ["3.1", "3.2"]])
        XCTAssertEqual(site.issues.map(\.advisors), [["kamata", "kuramoto"], ["fujimoto", "miura"], ["shizai", "shimomura"]])
    }

    /// Each comment targets the slide (sub-section) it follows in the paper, so it is shown
    /// right after that slide: 宮下 after 2.3's first promotion slide (seed: 「２．３」, then
    /// JUAS, then the comment), 下村 after 3.2's side-jobs slide and after its matching slide.
    func testEightCommentsEachAfterTheSlideItAnswers() async throws {
        let site = try await site()
        let placed = Dictionary(uniqueKeysWithValues: site.comments.map { ($0.id, "\($0.member) \($0.issue)#\($0.section) @\($0.meeting)") })
        XCTAssertEqual(placed, [
            "1-1-nakanishi": "nakanishi 1#1.1-functions @14",
            "1-2-kamata": "kamata 1#1.2-dsirt-ssirt @14",
            "1-2-goto": "goto 1#1.2-dsirt-ssirt @14",
            "1-3-miura": "miura 1#1.3-portal @14",
            "2-3-miyashita": "miyashita 2#2.3-promotion-1 @14",
            "2-3-nakanishi": "nakanishi 2#2.3-promotion-2 @14",
            "3-2-shimomura-mindset": "shimomura 3#3.2-side-jobs @14",
            "3-2-shimomura-support": "shimomura 3#3.2-matching @14",
        ])
        // On the built pages each comment stands between its slide and the next one.
        let (_, out) = try await bundled()
        for (page, slide, comment, next) in [("ja/issues/2/index.html", "2.3-promotion-1", "comment-2-3-miyashita", "2.3-promotion-2"),
                                             ("en/issues/2/index.html", "2.3-promotion-1", "comment-2-3-miyashita", "2.3-promotion-2"),
                                             ("ja/issues/3/index.html", "3.2-side-jobs", "comment-3-2-shimomura-mindset", "3.2-government-digitalization"),
                                             ("ja/issues/3/index.html", "3.2-matching", "comment-3-2-shimomura-support", "3.2-skill-tools")] {
            let html = try String(contentsOf: out.appendingPathComponent(page), encoding: .utf8)
            let positions = [slide, comment, next].map { html.range(of: "id=\"\($0)\"")?.lowerBound }
            XCTAssertFalse(positions.contains(nil), "\(page): \(slide), \(comment) or \(next) not found")
            if let a = positions[0], let b = positions[1], let c = positions[2] {
                XCTAssertTrue(a < b && b < c, "\(page): \(comment) is not between \(slide) and \(next)")
            }
        }
    }

    func testMembersAndMeetings() async throws {
        let site = try await site()
        let members = Dictionary(uniqueKeysWithValues: site.members.map { ($0.id, "\($0.name[.ja] ?? "") \($0.name[.en] ?? "") \($0.role)") })
        XCTAssertEqual(members, [
            "goto": "後藤 Goto chair", "nakanishi": "中西 Nakanishi member", "kamata": "鎌田 Kamata advisor",
            "kuramoto": "蔵本 Kuramoto advisor", "fujimoto": "藤本 Fujimoto advisor", "miura": "三浦 Miura advisor",
            "shizai": "志済 Shizai advisor", "shimomura": "下村 Shimomura advisor", "miyashita": "宮下 Miyashita member",
        ])
        let meetings = site.meetings.map { "\($0.id) \($0.number.map(String.init) ?? "-") \($0.date)" }
        XCTAssertEqual(meetings, ["13 13 2020-07-31", "14 14 2021-01-21", "2021-06-02 - 2021-06-02"])
        // The paper gives no year for the 14th meeting, no date for the 13th and no meeting for
        // any comment: those two records say in both languages what they are inferred from.
        XCTAssertEqual(site.meetings.map { [$0.note[.ja] != nil, $0.note[.en] != nil] }, [[true, true], [true, true], [false, false]])
        XCTAssertTrue(site.meeting("14")?.note[.ja]?.contains("「1月21日」（「1/21」）とのみ記し、年を記していません") ?? false)
        XCTAssertTrue(site.meeting("14")?.note[.ja]?.contains("委員のコメントがどの会合で述べられたものかを記していません") ?? false)
        XCTAssertTrue(site.meeting("13")?.note[.en]?.contains("does not state the date of the 13th meeting") ?? false)
    }

    /// The inference note is on the meetings list, on the meeting's page and with every
    /// comment of that meeting, in both languages.
    func testMeetingNotesAreShownWithTheMeetingAndItsComments() async throws {
        let (_, out) = try await bundled()
        let site = try await site()
        for language in ["ja", "en"] {
            let note = HTMLEscape.text(try XCTUnwrap(site.meeting("14")?.note[Language(rawValue: language)!]))
            for page in ["meetings/index.html", "meetings/14/index.html", "comments/index.html"] {
                let html = try String(contentsOf: out.appendingPathComponent("\(language)/\(page)"), encoding: .utf8)
                XCTAssertTrue(html.contains(note), "\(language)/\(page)")
            }
            let comments = try String(contentsOf: out.appendingPathComponent("\(language)/comments/index.html"), encoding: .utf8)
            XCTAssertEqual(comments.components(separatedBy: "class=\"comment-meeting-note\"").count - 1, site.comments.count)
        }
    }

    /// Each slide sits under the sub-topic whose question it answers, in the paper's order:
    /// the outline (the table of contents) of issues 2 and 3 in both languages. The paper's
    /// ｎ．ｎ label follows a slide's body and its page numbers (11, 16, 18, 26) fix the
    /// boundaries: 問題意識 is 2.1's, カリキュラムのモデル化 answers 2.2, the page-16 slide is
    /// 2.3's 普及促進策① and page 17 is one slide (②); 兼業・副業 opens 3.2.
    func testTheOutlineOfIssuesTwoAndThreeFollowsThePaper() async throws {
        let site = try await site()
        for language in [Language.ja, .en] {
            func outline(_ id: String) throws -> [String] {
                try XCTUnwrap(site.issue(id)?.translations[language]).source.fragment.headings.map { "\(String(repeating: "#", count: $0.level)) \($0.id)" }
            }
            XCTAssertEqual(try outline("2"), ["## 2.1", "### 2.1-problem", "### 2.1-concept-1", "### 2.1-concept-2",
                                              "## 2.2", "### 2.2-model-curriculum",
                                              "## 2.3", "### 2.3-promotion-1", "### 2.3-promotion-2"], "\(language)")
            XCTAssertEqual(try outline("3"), ["## 3.1", "### 3.1-flow-trends", "### 3.1-hiring-options", "### 3.1-mobility-modes", "### 3.1-international-comparison",
                                              "## 3.2", "### 3.2-side-jobs", "### 3.2-government-digitalization", "### 3.2-local-government-dx",
                                              "### 3.2-interest-in-government", "### 3.2-matching", "### 3.2-skill-tools", "### 3.2-portal"], "\(language)")
        }
    }

    /// The text of each moved slide lies under its heading, and that heading under the
    /// sub-topic (section) the slide answers.
    func testMovedSlidesCarryTheirTextIntoTheirSubTopic() async throws {
        let site = try await site()
        let slides: [(issue: String, section: String, slide: String, ja: String, en: String)] = [
            ("2", "2.1", "2.1-problem", "情シス部門又はセキュリティ担当で対処すべき課題", "dealt with by the IT department or the persons in charge of security"),
            ("2", "2.2", "2.2-model-curriculum", "知識を提供するプログラムが広く普及していくためには一定のモデル化が必要", "a certain degree of modelling is necessary"),
            ("2", "2.2", "2.2-model-curriculum", "参考資料2-1参照", "See Reference Material 2-1"),
            ("2", "2.3", "2.3-promotion-1", "今回の試行をベースとして", "building on this pilot"),
            ("2", "2.3", "2.3-promotion-1", "「プラス・セキュリティ」知識が必要となり得る分野", "Fields in which “Plus Security” knowledge may be needed"),
            ("2", "2.3", "2.3-promotion-2", "事例集【今後作成】", "Collection of cases [to be prepared]"),
            ("2", "2.3", "2.3-promotion-2", "量的な広がりを生むためには", "To create quantitative growth"),
            ("3", "3.2", "3.2-side-jobs", "本年9月に厚生労働省がガイドラインを改訂", "in September this year the Ministry of Health, Labour and Welfare revised"),
            ("3", "3.2", "3.2-matching", "人材、企業・組織が知り合う場がない", "There is no place for personnel and companies or organisations to get to know each other"),
        ]
        for slide in slides {
            let issue = try XCTUnwrap(site.issue(slide.issue))
            for (language, text) in [(Language.ja, slide.ja), (.en, slide.en)] {
                let fragment = try XCTUnwrap(issue.translations[language]).source.fragment
                XCTAssertEqual(Self.headings(before: text, in: fragment), [slide.section, slide.slide], "\(language): \(text)")
            }
        }
    }

    /// The section (level 2) and the slide (level 3) headings last before `text` in a fragment.
    private static func headings(before text: String, in fragment: RenderedFragment) -> [String] {
        guard let position = fragment.html.range(of: text)?.lowerBound else { return ["text not found"] }
        var section = "", slide = ""
        for heading in fragment.headings {
            guard let at = fragment.html.range(of: "id=\"\(heading.id)\"")?.lowerBound, at < position else { break }
            if heading.level == 2 { section = heading.id; slide = "" } else if heading.level == 3 { slide = heading.id }
        }
        return [section, slide]
    }

    /// Barriers ② and ③ of 3.2 are written once, as in the paper; multi-item table cells
    /// are separate lines, and the 3.1 table keeps its dashed split between the two groups.
    func testTableCellsKeepThePapersItems() async throws {
        let site = try await site()
        let issue3 = try XCTUnwrap(site.issue("3"))
        let once: [Language: [String]] = [
            .ja: ["経験もなく具体的なイメージがわかず", "人材、企業・組織が知り合う場がない"],
            .en: ["With no experience and no concrete image", "There is no place for personnel and companies"],
        ]
        let lines: [Language: [String]] = [
            .ja: ["理解した人材を育てることができる。<br>- - - - - -<br>・育成には時間がかかる", "作業を依頼できる時間に制約が生まれる。<br>・機密保持の観点から",
                  "【有識者意見】<br>・JNSAによるJTAG"],
            .en: ["the company's business well can be developed.<br>- - - - - -<br>• Development takes time", "can be requested.<br>• Some say",
                  "[Expert opinion]<br>• Tools for visualising skills"],
        ]
        for language in [Language.ja, .en] {
            let html = try XCTUnwrap(issue3.translations[language]).source.fragment.html
                .replacingOccurrences(of: "<br />", with: "<br>").replacingOccurrences(of: "&#39;", with: "'")
            XCTAssertEqual(once[language]!.map { html.components(separatedBy: $0).count - 1 }, [1, 1], "\(language)")
            XCTAssertEqual(lines[language]!.filter { !html.contains($0) }, [], "\(language)")
        }
    }

    /// The three unlabelled annex slides are the paper's reference material, on a page of
    /// their own that issue 3 (which the paper has them follow) links to; they are in no issue.
    func testAnnexSlidesHaveTheirOwnPage() async throws {
        let (_, out) = try await bundled()
        let site = try await site()
        let page = try XCTUnwrap(site.pages.first { $0.slug == "reference-framework" })
        for language in [Language.ja, .en] {
            XCTAssertEqual(try XCTUnwrap(page.translations[language]).source.fragment.headings.map(\.id), ["framework", "why-dx", "framework-inputs"])
            let issue3 = try String(contentsOf: out.appendingPathComponent("\(language.rawValue)/issues/3/index.html"), encoding: .utf8)
            XCTAssertTrue(issue3.contains("href=\"../../pages/reference-framework/\""), "\(language)")
        }
        XCTAssertEqual(site.issues.flatMap(\.anchors).filter { $0.contains("framework") || $0.contains("why-dx") }, [])
    }

    /// In English the chair is "Chair Goto", as the Japanese shows 後藤会長.
    func testTheChairIsTitledInBothLanguages() async throws {
        let (_, out) = try await bundled()
        for (language, name) in [("ja", "後藤会長"), ("en", "Chair Goto")] {
            let html = try String(contentsOf: out.appendingPathComponent("\(language)/issues/1/index.html"), encoding: .utf8)
            XCTAssertTrue(html.contains(">\(name)</a>"), language)
        }
    }

    func testEverySourceURLOfThePaperIsAReference() async throws {
        let site = try await site()
        let urls = Set(site.references.compactMap(\.url))
        let paperURLs = [
            "https://www.jpcert.or.jp/csirt_material/files/02_role_of_csirt20151126.pdf",
            "https://www.toshiba.co.jp/security/psirt",
            "https://news.mynavi.jp/article/20190214-770901/",
            "http://www.meti.go.jp/policy/netsecurity/downloadfiles/tebiki.pdf",
            "https://www.nisc.go.jp/conference/cs/pdf/jinzai-sesaku2018set.pdf",
            "https://www.ipa.go.jp/files/000059087.pdf",
            "https://www.mhlw.go.jp/file/06-Seisakujouhou-11200000-Roudoukijunkyoku/0000192844.pdf",
            "https://www.bizreach.co.jp/pressroom/pressrelease/2020/1207.html",
            "https://www.jnsa.org/isepa/images/outputs/JTAGreport2019.pdf",
            "https://www.ipa.go.jp/files/000058688.xlsx",
        ]
        XCTAssertEqual(paperURLs.filter { !urls.contains($0) }, [])
        XCTAssertEqual(site.references.prefix(3).map(\.id), ["tebiki", "csirt-starter-kit", "soc-csirt-textbook"])
        // Every reference is cited somewhere.
        XCTAssertEqual(site.references.map(\.id).filter { site.citations[$0] == nil }, [])
    }

    func testEveryJapaneseItemHasItsEnglishTranslation() async throws {
        let site = try await site()
        XCTAssertEqual(site.issues.filter { $0.translations[.en] == nil }.map(\.id), [])
        XCTAssertEqual(site.comments.filter { $0.translations[.en] == nil }.map(\.id), [])
        XCTAssertEqual(site.pages.filter { $0.translations[.en] == nil }.map(\.slug), [])
        XCTAssertNotNil(site.home?.translations[.en])
        XCTAssertEqual(site.pages.map(\.slug).sorted(), ["about", "chair-note-2020-07-31", "discussion-points", "glossary", "reference-framework"])
        XCTAssertEqual(site.members.filter { $0.name[.en] == nil }.map(\.id), [])
        XCTAssertEqual(site.meetings.filter { $0.title[.en] == nil }.map(\.id), [])
        XCTAssertEqual(site.references.filter { $0.title[.en] == nil }.map(\.id), [])
    }

    /// Every internal href and src of the built site points at a page that exists, and a
    /// `#fragment` at an id on that page.
    func testEveryInternalLinkResolves() async throws {
        let (_, out) = try await bundled()
        let files = try tree(out)
        var broken: [String] = []
        var checked = 0
        for (path, data) in files where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            for link in LinkWalker.links(in: html) {
                guard let target = LinkWalker.resolve(link, from: path) else { continue }
                checked += 1
                guard let page = files[target.file] else {
                    broken.append("\(path): \(link) → missing \(target.file)")
                    continue
                }
                if let fragment = target.fragment, !fragment.isEmpty,
                   !String(decoding: page, as: UTF8.self).contains("id=\"\(fragment)\"") {
                    broken.append("\(path): \(link) → no id \"\(fragment)\" in \(target.file)")
                }
            }
        }
        XCTAssertGreaterThan(checked, 1000)
        XCTAssertEqual(broken, [])
    }
}

/// Finds href/src values in HTML and maps site-internal ones to output files.
enum LinkWalker {
    static func links(in html: String) -> [String] {
        var result: [String] = []
        for attribute in ["href=\"", "src=\""] {
            var rest = html[...]
            while let start = rest.range(of: attribute) {
                rest = rest[start.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { break }
                result.append(String(rest[..<end]).replacingOccurrences(of: "&amp;", with: "&"))
                rest = rest[end...]
            }
        }
        return result
    }

    /// nil for external links (with a scheme or `//`).
    static func resolve(_ link: String, from page: String) -> (file: String, fragment: String?)? {
        if link.contains("://") || link.hasPrefix("//") || link.hasPrefix("mailto:") { return nil }
        var path = link
        var fragment: String?
        if let hash = link.firstIndex(of: "#") {
            fragment = String(link[link.index(after: hash)...]).removingPercentEncoding
            path = String(link[..<hash])
        }
        var components: [Substring]
        if path.isEmpty {
            return (page, fragment)
        } else if path.hasPrefix("/") {
            components = path.split(separator: "/")
        } else {
            components = page.split(separator: "/").dropLast() + path.split(separator: "/")
        }
        var resolved: [Substring] = []
        for component in components {
            if component == ".." { _ = resolved.popLast() } else if component != "." { resolved.append(component) }
        }
        var file = resolved.joined(separator: "/")
        if path.hasSuffix("/") || file.isEmpty { file += file.isEmpty ? "index.html" : "/index.html" }
        return (file, fragment)
    }
}
