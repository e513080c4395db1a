import Foundation
import XCTest

/// The reference the tool points to is in the repository and stays true.
final class DocsTests: XCTestCase {
    private func read(_ path: String) throws -> String {
        try String(contentsOf: repositoryRoot.appendingPathComponent(path), encoding: .utf8)
    }

    /// Every field the loader reads (a `FieldReader` call with a literal key in
    /// Sources/ShingiLoad) appears in docs/content-format.md as `field`.
    func testEveryFieldTheLoaderAcceptsIsDocumented() throws {
        let docs = try read("docs/content-format.md")
        let folder = repositoryRoot.appendingPathComponent("Sources/ShingiLoad")
        let call = try NSRegularExpression(pattern: #"\.(string|int|bool|date|localized|stringList|nested)\("([a-z_]+)""#)
        var fields = Set<String>()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            for match in call.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                fields.insert(String(text[Range(match.range(at: 2), in: text)!]))
            }
        }
        // A sanity check that the scan still finds the readers' calls.
        XCTAssertTrue(fields.isSuperset(of: ["id", "title", "number", "member", "target", "role", "max_file_size"]), "\(fields.sorted())")
        let missing = fields.sorted().filter { !docs.contains("`\($0)`") && !docs.contains("`limits.\($0)`") }
        XCTAssertEqual(missing, [], "fields the loader reads but docs/content-format.md does not describe")
    }

    /// Nothing points at a file the repository does not have.
    func testNoReferenceToTheTeamsDesignFile() throws {
        for path in ["README.md", "docs/content-format.md", "Sources/shingi/Shingi.swift", "Sources/ShingiLoad/FieldReader.swift"] {
            XCTAssertFalse(try read(path).contains("DESIGN" + ".md"), path)
        }
        XCTAssertTrue(try read("README.md").contains("docs/content-format.md"))
    }
}
