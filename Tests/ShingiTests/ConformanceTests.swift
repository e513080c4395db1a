import Foundation
import ShingiMarkdown
import XCTest

/// Every Markdown input of `Tests/Fixtures/conformance/` rendered by shingi and by
/// Debian's `cmark-gfm` command with the same extensions must be the same HTML, apart
/// from the differences the content format explains, each named and applied below.
final class ConformanceTests: XCTestCase {
    /// What shingi does on purpose differently from plain cmark-gfm (README, content format).
    enum AllowedDifference: CaseIterable {
        /// Headings get ids and an anchor link; a trailing `{#id}` is the id, not text.
        case headingIDs
        /// Footnote ids are namespaced per fragment (`fn-body:1`).
        case footnoteNamespaces
        /// `[[kind:id|label]]` becomes a link in the render stage (shown here as written).
        case crossLinks
        /// `<br>` in a table cell is kept; cmark-gfm's safe mode drops it like other raw HTML.
        case tableLineBreaks
        /// A URL in prose with a scheme shingi does not link (ftp:, xmpp:) stays text.
        case unlinkedURLs
        /// A URL in prose ends before CJK punctuation and Japanese letters.
        case autolinkEnds
    }

    static let cases = fixturesRoot.appendingPathComponent("conformance")
    static let extensions = ["footnotes", "table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    func testShingiRendersWhatCmarkGFMRenders() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.cases.path).filter { $0.hasSuffix(".md") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 13)
        for name in names {
            let markdown = try String(contentsOf: Self.cases.appendingPathComponent(name), encoding: .utf8)
            let reference = try cmarkGFM(markdown)
            var expected = Self.betweenTags(reference)
            var actual = Self.betweenTags(shingi(markdown))
            let explicitIDs = Set(MarkdownRenderer.render(markdown).headings.filter(\.isExplicitID).map(\.id))
            for difference in AllowedDifference.allCases {
                (expected, actual) = Self.allow(difference, expected: expected, actual: actual, explicitIDs: explicitIDs)
            }
            assertSameText(actual, expected, name)
        }
    }

    /// shingi's fragment with its placeholders written out as the render stage would
    /// leave them for the differences above.
    private func shingi(_ markdown: String) -> String {
        let fragment = MarkdownRenderer.render(markdown)
        return Placeholder.tokens(of: fragment.html).map { token -> String in
            switch token {
            case .html(let text): return String(text)
            case .crossLink(let i): return "\u{2}L\(i)\u{2}"
            case .crossLinkOpen(let i): return "\u{2}O\(i)\u{2}"
            case .crossLinkClose(let i): return "\u{2}C\(i)\u{2}"
            case .headingStart: return ""
            case .footnoteNamespace: return "body:"
            }
        }.joined().applyingCrossLinks(fragment.crossLinks)
    }

    private func cmarkGFM(_ markdown: String) throws -> String {
        let executable = URL(fileURLWithPath: "/usr/bin/cmark-gfm")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            XCTFail("the conformance test needs Debian's cmark-gfm command: apt-get install cmark-gfm (scripts/bootstrap installs it)")
            return ""
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["--validate-utf8"] + Self.extensions.flatMap { ["-e", $0] }
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(markdown.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        return String(decoding: data, as: UTF8.self)
    }

    /// Whitespace between tags does not change what a page shows.
    static func betweenTags(_ html: String) -> String {
        html.replacing(#/>\s+</#, with: "><").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func allow(_ difference: AllowedDifference, expected: String, actual: String, explicitIDs: Set<String>) -> (String, String) {
        switch difference {
        case .headingIDs:
            let shown = actual.replacing(#/<h([1-6]) id="[^"]*">\s*/#) { "<h\($0.1)>" }
                .replacing(#/\s*<a class="heading-anchor"[^>]*>.*?</a>(</h[1-6]>)/#) { String($0.1) }
            let withoutIDs = expected.replacing(#/\s*\{#([^}]*)\}(</h[1-6]>)/#) { match in
                explicitIDs.contains(String(match.1).precomposedStringWithCompatibilityMapping) ? String(match.2) : String(match.0)
            }
            return (withoutIDs, shown)
        case .footnoteNamespaces:
            return (expected, actual.replacingOccurrences(of: "fn-body:", with: "fn-").replacingOccurrences(of: "fnref-body:", with: "fnref-"))
        case .crossLinks:
            return (expected, actual)  // written out by `shingi(_:)`
        case .tableLineBreaks:
            return (expected, actual.replacingOccurrences(of: "<br>", with: "<!-- raw HTML omitted -->"))
        case .unlinkedURLs:
            return (expected.replacing(#/<a href="((?:ftp|xmpp):[^"]*)">([^<]*)</a>/#) { String($0.2) }, actual)
        case .autolinkEnds:
            return (expected.replacing(#/<a href="([^"]*)">([^<]*)</a>/#) { match in Self.endedAutolink(href: String(match.1), text: String(match.2)) ?? String(match.0) }, actual)
        }
    }

    /// cmark-gfm's link cut where shingi ends a URL in Japanese text, if it is one.
    private static func endedAutolink(href: String, text: String) -> String? {
        guard text.hasPrefix("http") || text.hasPrefix("www."),
              let stop = text.unicodeScalars.firstIndex(where: { scalar in
                  let v = scalar.value
                  return (0x3000...0x303F).contains(v) || (0xFF00...0xFF65).contains(v) && !scalar.properties.isAlphabetic && scalar.properties.numericType == nil
                      || (0x3040...0x30FF).contains(v) || (0x4E00...0x9FFF).contains(v)
              }) else { return nil }
        var end = stop
        while end > text.startIndex, ".,:;!?*_~'\"".unicodeScalars.contains(text.unicodeScalars[text.unicodeScalars.index(before: end)]) {
            end = text.unicodeScalars.index(before: end)
        }
        let rest = String(text[end...])
        let encodedRest = rest.utf8.map { $0 < 0x80 ? String(UnicodeScalar($0)) : String(format: "%%%02X", $0) }.joined()
        guard href.hasSuffix(encodedRest) else { return nil }
        return "<a href=\"\(href.dropLast(encodedRest.count))\">\(text[..<end])</a>\(rest)"
    }
}

private extension String {
    /// Cross-link placeholders written back as the author wrote them (cmark-gfm shows them as text).
    func applyingCrossLinks(_ links: [CrossLinkReference]) -> String {
        var out = self
        for (i, link) in links.enumerated().reversed() {
            let head = "[[\(link.kind):\(link.target)\(link.anchor.map { "#\($0)" } ?? "")"
            out = out.replacingOccurrences(of: "\u{2}L\(i)\u{2}", with: link.source)
                .replacingOccurrences(of: "\u{2}O\(i)\u{2}", with: head + "|").replacingOccurrences(of: "\u{2}C\(i)\u{2}", with: "]]")
        }
        return out
    }
}
