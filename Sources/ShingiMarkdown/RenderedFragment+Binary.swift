/// A compact binary form of `RenderedFragment`, for the pipe between a Markdown worker
/// process and its supervisor: JSON coding cost as much as a fifth of the load stage.
/// Integers are 8-byte little-endian, strings length-prefixed UTF-8, arrays
/// count-prefixed, optionals and booleans one byte. Decoding checks every length, so
/// malformed bytes give nil rather than a crash.
extension RenderedFragment {
    public func binaryEncoded() -> [UInt8] {
        var out = BinaryWriter()
        out.reserve(html.utf8.count + 256)
        out.string(html)
        out.array(headings) { out, heading in
            out.int(heading.level); out.string(heading.id); out.string(heading.text)
            out.bool(heading.isExplicitID); out.bool(heading.isDraft); out.position(heading.position)
        }
        out.array(crossLinks) { out, link in
            out.string(link.kind); out.string(link.target); out.optionalString(link.anchor)
            out.optionalString(link.label); out.string(link.source); out.position(link.position)
        }
        out.array(footnotes) { out, note in
            out.string(note.label); out.position(note.position)
        }
        out.array(problems) { out, problem in
            out.bool(problem.isError); out.string(problem.code); out.string(problem.message); out.position(problem.position)
        }
        return out.bytes
    }

    public init?(binary bytes: [UInt8]) {
        self.init(binary: bytes[...])
    }

    /// Decodes a fragment stored inside a larger buffer (the build cache's file).
    public init?(binary bytes: ArraySlice<UInt8>) {
        var input = BinaryReader(bytes: bytes, offset: bytes.startIndex)
        guard let html = input.string(),
              let headings = input.array({ input -> Heading? in
                  guard let level = input.int(), let id = input.string(), let text = input.string(),
                        let explicit = input.bool(), let draft = input.bool(), let position = input.position() else { return nil }
                  return Heading(level: level, id: id, text: text, isExplicitID: explicit, isDraft: draft, position: position)
              }),
              let crossLinks = input.array({ input -> CrossLinkReference? in
                  guard let kind = input.string(), let target = input.string(), let anchor = input.optionalString(),
                        let label = input.optionalString(), let source = input.string(), let position = input.position() else { return nil }
                  return CrossLinkReference(kind: kind, target: target, anchor: anchor, label: label, source: source, position: position)
              }),
              let footnotes = input.array({ input -> FootnoteDefinition? in
                  guard let label = input.string(), let position = input.position() else { return nil }
                  return FootnoteDefinition(label: label, position: position)
              }),
              let problems = input.array({ input -> MarkdownProblem? in
                  guard let isError = input.bool(), let code = input.string(), let message = input.string(),
                        let position = input.position() else { return nil }
                  return MarkdownProblem(isError: isError, code: code, message: message, position: position)
              }),
              input.isAtEnd else { return nil }
        self.init(html: html, headings: headings, crossLinks: crossLinks, footnotes: footnotes, problems: problems)
    }
}

private struct BinaryWriter {
    var bytes: [UInt8] = []

    mutating func reserve(_ count: Int) { bytes.reserveCapacity(count) }

    mutating func int(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        int(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    mutating func optionalString(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }

    mutating func position(_ value: BodyPosition) {
        int(value.line)
        int(value.column)
    }

    mutating func array<T>(_ values: [T], _ element: (inout BinaryWriter, T) -> Void) {
        int(values.count)
        for value in values { element(&self, value) }
    }
}

private struct BinaryReader {
    let bytes: ArraySlice<UInt8>
    /// An index into `bytes` (a slice keeps its parent's indices).
    var offset: Int

    var isAtEnd: Bool { offset == bytes.endIndex }

    mutating func int() -> Int? {
        guard bytes.endIndex - offset >= 8 else { return nil }
        var value: UInt64 = 0
        for index in (0..<8).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
        offset += 8
        return Int(exactly: Int64(bitPattern: value))
    }

    mutating func bool() -> Bool? {
        guard offset < bytes.endIndex, bytes[offset] <= 1 else { return nil }
        defer { offset += 1 }
        return bytes[offset] == 1
    }

    mutating func string() -> String? {
        guard let count = int(), count >= 0, bytes.endIndex - offset >= count else { return nil }
        defer { offset += count }
        return String(decoding: bytes[offset..<offset + count], as: UTF8.self)
    }

    mutating func optionalString() -> String?? {
        guard let present = bool() else { return nil }
        guard present else { return .some(nil) }
        guard let value = string() else { return nil }
        return .some(value)
    }

    mutating func position() -> BodyPosition? {
        guard let line = int(), let column = int() else { return nil }
        return BodyPosition(line: line, column: column)
    }

    mutating func array<T>(_ element: (inout BinaryReader) -> T?) -> [T]? {
        // Each element takes at least one byte, which bounds a forged count.
        guard let count = int(), count >= 0, count <= bytes.endIndex - offset else { return nil }
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count {
            guard let value = element(&self) else { return nil }
            values.append(value)
        }
        return values
    }
}
