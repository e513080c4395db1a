import ShingiCore
import ShingiLoad

/// libFuzzer entry point: the input as a whole content file. Decoded as the loader does
/// (`SourceText.decode`, which must not fail on the lossy UTF-8 it is given here), split
/// into front matter and body, and the front matter parsed as YAML; the split must give
/// back the file and every line number must lie in the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontMatter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    let valid = Array(String(decoding: bytes, as: UTF8.self).utf8)
    let source: SourceText
    switch SourceText.decode(valid, path: "fuzz.md") {
    case .failure(let diagnostic): fail("decode of valid UTF-8 failed: \(diagnostic.message)")
    case .success(let text): source = text
    }
    if source.text.utf8.contains(UInt8(ascii: "\r")) { fail("CR left in decoded text") }
    let lineCount = source.text.utf8.count { $0 == UInt8(ascii: "\n") } + 1

    guard case .success(let split) = FrontMatterSplit.split(source) else { return 0 }
    guard source.text.hasSuffix(split.body) else { fail("body is not the end of the file") }
    let beforeBody = source.text.utf8.dropLast(split.body.utf8.count)
    let bodyLine = beforeBody.count { $0 == UInt8(ascii: "\n") } + 1
    // A file ending on the closing line has an empty body, which starts on the next line.
    if split.bodyFirstLine != bodyLine && !(split.body.isEmpty && split.bodyFirstLine == bodyLine + 1) {
        fail("body said to start on line \(split.bodyFirstLine), starts on \(bodyLine)")
    }
    if !source.text.hasPrefix("---\n" + split.yaml) { fail("YAML is not the text after the opening line") }
    let yamlLines = split.yaml.utf8.count { $0 == UInt8(ascii: "\n") } + 1

    switch YAMLDocument.parse(split.yaml, path: "fuzz.md", firstLine: split.yamlFirstLine) {
    case .failure(let diagnostic):
        let line = diagnostic.location.line
        if line < 1 || line > split.yamlFirstLine + yamlLines || line > lineCount {
            fail("YAML diagnostic at line \(line) outside the front matter (\(yamlLines) lines): \(diagnostic.message)")
        }
    case .success(nil):
        break
    case .success(let document?):
        var count = 0
        visit(document.root) { node in
            count += 1
            let line = document.location(of: node).line
            if line < split.yamlFirstLine || line > split.yamlFirstLine + yamlLines {
                fail("YAML node at line \(line) outside the front matter")
            }
            if case .alias = node { fail("alias accepted") }
        }
        if count > YAMLDocument.maximumNodeCount { fail("\(count) nodes accepted") }
    }
    return 0
}

import Yams

func visit(_ node: Node, _ body: (Node) -> Void) {
    body(node)
    switch node {
    case .scalar, .alias: break
    case .sequence(let sequence): for child in sequence { visit(child, body) }
    case .mapping(let mapping):
        for (key, value) in mapping {
            visit(key, body)
            visit(value, body)
        }
    }
}

func fail(_ message: String) -> Never {
    fatalError("shingi fuzz invariant violated: \(message)")
}
