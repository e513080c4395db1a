import Foundation
import ShingiBuild
import ShingiCore
import XCTest

/// `base_url` and `--base-url` name the site's own place only, and no URL that Swift code
/// prints can be turned into another host by what the base contains.
final class BaseURLTests: XCTestCase {
    func testAcceptedBases() {
        for base in ["/", "/committee/", "/a/b/c", "https://example.go.jp/committee/", "http://localhost:8080/", "https://example.go.jp",
                     "HTTPS://Example.GO.jp/x/", "https://[::1]:8443/x/", "/%E5%AF%A9%E8%AD%B0/"] {
            XCTAssertNil(BaseURL.problem(base), base)
        }
    }

    func testRefusedBasesSayWhy() {
        let cases: [(String, String)] = [
            ("//evil.example/", "its path has an empty segment ('//'), which a browser reads as another host; use single slashes"),
            ("https://example.go.jp//evil.example/", "its path has an empty segment ('//'), which a browser reads as another host; use single slashes"),
            ("/&#47;evil.example/", "it contains '&' (an HTML entity such as &#47; would be read as '/'), which a base URL may not; percent-encode it or remove it"),
            ("/\\evil.example/", "it contains a backslash, which a base URL may not; percent-encode it or remove it"),
            ("javascript:alert(1)//", "its scheme 'javascript' is not http or https"),
            ("ftp://example.go.jp/", "its scheme 'ftp' is not http or https"),
            ("https:///x/", "it has no host after the scheme (write https://example.go.jp/committee/)"),
            ("https://user@evil.example/", "it names a user ('…@host'); give only the host"),
            ("https://evil.example:x/", "its port 'x' is not a number"),
            ("committee/", "it is neither an http(s) URL nor a path starting with '/' (write /committee/ or https://example.go.jp/committee/)"),
            ("/a\u{1B}[2J/", "it contains the control character U+001B, which a base URL may not; percent-encode it or remove it"),
            ("/x\"><script>/", "it contains '\"', which a base URL may not; percent-encode it or remove it"),
            ("/a/../b/", "its path has a '.' or '..' segment; give the path as it is published"),
            ("", "it is empty; use / for a site at the root of its host"),
        ]
        for (base, problem) in cases {
            XCTAssertEqual(BaseURL.problem(base), problem, base)
        }
    }

    func testShingiYmlBaseURLIsCheckedWithItsPosition() async throws {
        let root = try MiniSite.make(self, ["shingi.yml": "title: {ja: \"テスト調査会\", en: \"Test Panel\"}\nbase_url: \"//evil.example/\"\nlanguages: [ja, en]\n"])
        let errors = await build(root).diagnostics.filter { $0.severity == .error }.map(\.description)
        XCTAssertEqual(errors, [
            "shingi.yml:2:11: error: base_url '//evil.example/' cannot be used: its path has an empty segment ('//'), which a browser reads as another host; use single slashes; every link, script and stylesheet of the site starts with it [unsafe-url]",
        ])
    }

    /// The library API takes a base without the command line's check: even then, every
    /// `href` and `src` of every page, read as a browser decodes the attribute, stays
    /// under the base path (a link built in Swift code once printed `&#47;` raw).
    func testEveryURLOfEveryPageStaysUnderAHostileBase() async throws {
        let root = try MiniSite.make(self)
        let base = "/&#47;evil.example/"
        let result = await SiteBuilder(options: BuildOptions(root: root, baseURL: base, defaultTheme: defaultTheme)).render()
        XCTAssertTrue(result.succeeded, "\(result.diagnostics)")
        var checked = 0
        for file in result.files where file.path.hasSuffix(".html") {
            let html = String(decoding: file.bytes, as: UTF8.self)
            for value in Self.attributeValues(html, names: ["href", "src"]) {
                let decoded = Self.decodeEntities(value)
                checked += 1
                XCTAssertFalse(decoded.hasPrefix("//"), "\(file.path): \(value) leads to another host")
                if decoded.hasPrefix("/") {
                    XCTAssertTrue(decoded.hasPrefix(base), "\(file.path): \(value) is not under the base path")
                }
            }
        }
        XCTAssertGreaterThan(checked, 100, "\(result.files.count) files")
    }

    /// The values of the `name="…"` attributes in `html`.
    static func attributeValues(_ html: String, names: [String]) -> [String] {
        var values: [String] = []
        for name in names {
            for part in html.components(separatedBy: " \(name)=\"").dropFirst() {
                values.append(String(part.prefix { $0 != "\"" }))
            }
        }
        return values
    }

    /// What a browser makes of an attribute value: `&amp;`, `&#47;`, `&#x2F;` and the like decoded.
    static func decodeEntities(_ value: String) -> String {
        var result = ""
        var rest = Substring(value)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let tail = rest[rest.index(after: amp)...]
            guard let semicolon = tail.firstIndex(of: ";") else { result += rest[amp...]; return result }
            let entity = tail[..<semicolon]
            switch entity {
            case "amp": result += "&"
            case "quot": result += "\""
            case "lt": result += "<"
            case "gt": result += ">"
            case "#39", "apos": result += "'"
            default:
                if entity.hasPrefix("#x") || entity.hasPrefix("#X"), let code = UInt32(entity.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(code) {
                    result.unicodeScalars.append(scalar)
                } else if entity.hasPrefix("#"), let code = UInt32(entity.dropFirst()), let scalar = Unicode.Scalar(code) {
                    result.unicodeScalars.append(scalar)
                } else {
                    result += "&" + entity + ";"
                }
            }
            rest = tail[tail.index(after: semicolon)...]
        }
        return result + rest
    }
}
