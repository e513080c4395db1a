import Foundation
import ShingiBuild
import ShingiCore
import ShingiResolve
import XCTest

/// The bundled committee site (content/ of this repository): it must build clean and
/// hold what the paper holds. The paper's facts are listed here, not read from ../shared.
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

    func testEightCommentsEachOnItsSection() async throws {
        let site = try await site()
        let placed = Dictionary(uniqueKeysWithValues: site.comments.map { ($0.id, "\($0.member) \($0.issue)#\($0.section) @\($0.meeting)") })
        XCTAssertEqual(placed, [
            "1-1-nakanishi": "nakanishi 1#1.1 @14",
            "1-2-kamata": "kamata 1#1.2 @14",
            "1-2-goto": "goto 1#1.2 @14",
            "1-3-miura": "miura 1#1.3 @14",
            "2-3-miyashita": "miyashita 2#2.3 @14",
            "2-3-nakanishi": "nakanishi 2#2.3 @14",
            "3-2-shimomura-mindset": "shimomura 3#3.2 @14",
            "3-2-shimomura-support": "shimomura 3#3.2 @14",
        ])
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
        XCTAssertEqual(site.pages.map(\.slug).sorted(), ["about", "chair-note-2020-07-31", "discussion-points", "glossary"])
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
