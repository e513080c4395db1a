import Foundation
import ShingiCore
@testable import ShingiLoad
import ShingiMarkdown
import ShingiResolve
import XCTest

@testable import ShingiRender

/// What the caches compare between builds for each input a page or comment read: the
/// digest of its value (`ValueDigest`), how inputs are named (`StoredInput`,
/// `FieldNames`), and how a cache file writes them.
final class ValueDigestTests: XCTestCase {
    private enum Kind: Equatable, Encodable { case plain, marked(String) }

    private struct Value: Encodable {
        var title = "政策課題"
        var count = 3
        var flag = true
        var note: String? = "注"
        var tags = ["x", "y"]
        var names = Localized<String>([.ja: "中西", .en: "Nakanishi"])
        var date = ISODate(year: 2024, month: 5, day: 1)
        var kind = Kind.plain
        var inner = Inner()
        var ids: Set<String> = ["a", "b", "c"]
    }

    private struct Inner: Encodable {
        var text = "本文"
        var where_ = Located("1.1", at: SourceLocation(path: "content/issues/1/index.ja.md", line: 3, column: 5))
    }

    func testEveryDifferenceInAValueChangesItsDigest() {
        var variants: [Value] = []
        func variant(_ change: (inout Value) -> Void) {
            var value = Value()
            change(&value)
            variants.append(value)
        }
        variant { $0.title = "政策課題 " }
        variant { $0.count = 4 }
        variant { $0.flag = false }
        variant { $0.note = nil }
        variant { $0.note = "" }
        variant { $0.tags = ["xy"] }
        variant { $0.tags = ["y", "x"] }
        variant { $0.tags.append("") }
        variant { $0.names[.en] = nil }
        variant { $0.names[.en] = "中西" }
        variant { $0.date = ISODate(year: 2024, month: 5) }
        variant { $0.date = nil }
        variant { $0.kind = .marked("") }
        variant { $0.inner.text = "本文。" }
        variant { $0.inner.where_.value = "1.2" }
        variant { $0.ids.insert("d") }
        var seen: Set<[UInt8]> = [ValueDigest.of(Value())]
        XCTAssertEqual(ValueDigest.of(Value()), ValueDigest.of(Value()))
        for (index, value) in variants.enumerated() {
            XCTAssertTrue(seen.insert(ValueDigest.of(value)).inserted, "variant \(index) has the digest of another value")
        }
    }

    func testASetOrDictionaryIsTakenInOneOrderAndALocationNotAtAll() {
        var a = Value(), b = Value()
        a.ids = []
        b.ids = []
        for id in ["c", "a", "b"] { a.ids.insert(id) }
        for id in ["a", "b", "c"] { b.ids.insert(id) }
        XCTAssertEqual(ValueDigest.of(a), ValueDigest.of(b))
        XCTAssertEqual(ValueDigest.of(["x": 1, "y": 2] as [String: Int]), ValueDigest.of(["y": 2, "x": 1] as [String: Int]))
        // Where a value was written shows on no page.
        b.inner.where_.location = SourceLocation(path: "content/issues/1/index.ja.md", line: 30, column: 1)
        XCTAssertEqual(ValueDigest.of(a), ValueDigest.of(b))
    }

    func testTheSameTextAsAnotherKindOfValueHasAnotherDigest() {
        let digests = [ValueDigest.of("1"), ValueDigest.of(1), ValueDigest.of(true), ValueDigest.of(1.0), ValueDigest.of(["1"]),
                       ValueDigest.of(["1": "1"]), ValueDigest.of(Set(["1"])), ValueDigest.of(Kind.marked("1"))]
        XCTAssertEqual(Set(digests).count, digests.count)
        XCTAssertNotEqual(ValueDigest.of(Optional("1")), ValueDigest.of(Optional<String>.none))
        // A value whose type is not known here, by its encoding.
        XCTAssertEqual(ValueDigest.of(any: Value()), ValueDigest.of(Value()))
    }

    func testATextReadFromAFileIsItsFileAndBody() {
        func source(body: String, html: String, file: [UInt8]) -> MarkdownSource {
            let fragment = RenderedFragment(html: html, headings: [], crossLinks: [], footnotes: [], problems: [])
            var source = MarkdownSource(path: "content/comments/14/c1.ja.md", language: .ja, fragment: fragment, body: body, bodyFirstLine: 6)
            source.fileDigest = file
            return source
        }
        let base = source(body: "本文", html: "<p>本文</p>", file: [1])
        // What the parse made follows from the body: not looked at.
        XCTAssertEqual(ValueDigest.of(base), ValueDigest.of(source(body: "本文", html: "<p>other</p>", file: [1])))
        XCTAssertNotEqual(ValueDigest.of(base), ValueDigest.of(source(body: "本文。", html: "<p>本文</p>", file: [1])))
        XCTAssertNotEqual(ValueDigest.of(base), ValueDigest.of(source(body: "本文", html: "<p>本文</p>", file: [2])))
        var draft = base
        draft.isDraft = true
        XCTAssertNotEqual(ValueDigest.of(base), ValueDigest.of(draft))
    }

    func testEveryStoredInputReadsBackFromItsFields() {
        let inputs: [StoredInput] = [
            .field(SiteItem(.comment, "c1"), "comment.translations[en]"), .item(SiteItem(.members, "goto")),
            .other(.list(.content(.issue))), .other(.list(.data(.references))), .other(.commentsOnIssue("1")),
            .other(.commentsOnSection("1", "1.1")), .other(.commentsByMember("goto")), .other(.commentsInMeeting("14")),
            .other(.commentsReflectedIn("1", "1.2")), .other(.issuesAdvisedBy("goto")), .other(.citations("tebiki")),
            .other(.renderedComment("c1", .ja)), .other(.everyRenderedComment(.en)), .item(SiteItem(.home)),
        ]
        for input in inputs { XCTAssertEqual(StoredInput(fields: input.fields), input, "\(input.fields)") }
        var bytes: [UInt8] = []
        StoredInput.append(inputs, to: &bytes)
        var scanner = CacheFile.Scanner(bytes: bytes, offset: 0)
        XCTAssertEqual(StoredInput.table(&scanner), inputs)
        XCTAssertTrue(scanner.isAtEnd)
        // A field no build names, or a kind no site has, is not read back.
        XCTAssertNil(StoredInput(fields: ["field", "content.comment", "c1", "comment.body"]))
        XCTAssertNil(StoredInput(fields: ["item", "content.decision", "d1"]))
        XCTAssertNil(StoredInput(fields: ["list"]))
    }

    func testEachFieldNameNamesOneKeyPath() throws {
        let path = try XCTUnwrap(FieldNames.path(named: "comment.translations[en]"))
        XCTAssertEqual(FieldNames.name(of: path), "comment.translations[en]")
        XCTAssertEqual(FieldNames.name(of: (\Comment.translations).appending(path: \Localized<CommentFile>[.en])), "comment.translations[en]")
        XCTAssertNil(FieldNames.name(of: \Comment.id.count))
    }
}
