import Crypto
import Foundation
import ShingiCore
import ShingiMarkdown

/// Loads one Markdown content file: read, decode, split off the front matter, read its
/// fields for the file's kind, and parse the body. A pure function of the file, run in
/// parallel over all files.
struct MarkdownFileLoader: Sendable {
    typealias Item = LoadedFile

    struct Result: Sendable {
        var item: Item?
        var diagnostics: [Diagnostic]
    }

    let root: URL
    let cache: MarkdownCache?
    let parser: any MarkdownParsing
    let languages: [Language]
    let maxFileSize: Int

    func load(_ file: ContentFile) -> Result {
        var diagnostics: [Diagnostic] = []
        // Read as listed: never through a link swapped in since, never past the limit.
        let bytes: [UInt8]
        switch SiteFile.read(file.url, below: root, limit: maxFileSize) {
        case .bytes(let read): bytes = read
        case .tooLarge(let size): return Result(item: nil, diagnostics: [SiteFile.tooLarge(path: file.path, size: size, limit: maxFileSize)])
        case .missing, .symlink, .unreadable:
            return Result(item: nil, diagnostics: [.error("unreadable-file", "the file cannot be read", at: SourceLocation(path: file.path))])
        }
        let split: FrontMatterSplit
        switch SourceText.decode(bytes, path: file.path).flatMap(FrontMatterSplit.split) {
        case .failure(let diagnostic): return Result(item: nil, diagnostics: [diagnostic])
        case .success(let value): split = value
        }
        let document: YAMLDocument
        switch YAMLDocument.parse(split.yaml, path: file.path, firstLine: split.yamlFirstLine, maxFileSize: maxFileSize) {
        case .failure(let diagnostic): return Result(item: nil, diagnostics: [diagnostic])
        case .success(nil):
            return Result(item: nil, diagnostics: [.error("missing-front-matter", "the front matter is empty; add the required fields", at: SourceLocation(path: file.path))])
        case .success(let parsed?): document = parsed
        }
        guard var reader = FieldReader(document.root, in: document, subject: "the front matter", diagnostics: &diagnostics) else {
            return Result(item: nil, diagnostics: diagnostics)
        }
        // Past the caps of the constructs whose cost outgrows the file, cmark-gfm never sees it.
        let fragment = WorkloadScan.firstExcess(split.body).map(RenderedFragment.refused)
            ?? cache?.fragment(for: split.body, using: parser) ?? parser.parse(split.body)
        var source = MarkdownSource(path: file.path, language: file.language, fragment: fragment, body: split.body, bodyFirstLine: split.bodyFirstLine)
        source.fileDigest = Array(SHA256.hash(data: bytes))
        source.translationOf = reader.translationRecord("translation_of")
        source.sourceLanguage = reader.language("source_language", of: languages)
        // The home page is always published: it has nothing to link from.
        if file.address.kind != .home { source.isDraft = reader.bool("draft") ?? false }
        diagnostics += Self.problems(of: source)
        let address = file.address
        switch address.kind {
        case .issue: source.draftCut = draftCut(of: source)
        case .home: diagnostics += Self.misplacedDraftSections(in: source, fix: "move the section to a draft page (the home page is always published)")
        case .page, .comment: diagnostics += Self.misplacedDraftSections(in: source, fix: "mark the whole file draft: true")
        }
        let item: Item?
        switch address.kind {
        case .issue: item = issue(slug: address.key, reader: &reader, source: source, diagnostics: &diagnostics)
        case .comment: item = comment(folder: address.folder ?? "", id: address.key, reader: &reader, source: source, frontMatter: split, diagnostics: &diagnostics)
        case .page: item = page(slug: address.key, reader: &reader, source: source, diagnostics: &diagnostics).map(Item.page)
        case .home: item = page(slug: "index", reader: &reader, source: source, diagnostics: &diagnostics).map(Item.home)
        }
        diagnostics += reader.finish()
        return Result(item: item, diagnostics: diagnostics)
    }

    private func issue(slug: String, reader: inout FieldReader, source: MarkdownSource, diagnostics: inout [Diagnostic]) -> Item? {
        let id = reader.string("id", required: true, example: "\"1\"")
        let title = reader.string("title", required: true)
        let number = reader.int("number", required: true)
        let summary = reader.string("summary")
        let advisors = reader.stringList("advisors").map { Located($0.0, at: $0.1) }
        let meeting = reader.string("meeting").map { Located($0, at: reader.location(of: "meeting")) }
        guard let id, Identifier.check(id, what: "issue", at: reader.location(of: "id"), into: &diagnostics),
              let title, let number = number ?? nil else { return nil }
        return .issue(IssueFile(slug: slug, id: Located(id, at: reader.location(of: "id")), number: number, title: title,
                                summary: summary, advisors: advisors, meeting: meeting, source: source))
    }

    private func comment(folder: String, id: String, reader: inout FieldReader, source: MarkdownSource, frontMatter: FrontMatterSplit,
                         diagnostics: inout [Diagnostic]) -> Item? {
        let member = reader.string("member", required: true, example: "nakanishi")
        let target = reader.string("target", required: true, example: "\"1#1.1\"")
        let meeting = reader.string("meeting", required: true, example: "\"14\"")
        let date = reader.date("date")
        let status = commentStatus(&reader, diagnostics: &diagnostics)
        let response = reader.string("response").map { responseSource($0, at: reader.location(of: "response"), of: source, frontMatter: frontMatter, diagnostics: &diagnostics) }
        let reflectedIn = reader.stringList("reflected_in").map { Located($0.0.trimmed(newlines: true), at: $0.1) }
        guard Identifier.check(id, what: "comment", at: source.frontMatterLocation, into: &diagnostics),
              let member, let target, let meeting else { return nil }
        let targetLocation = reader.location(of: "target")
        let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            diagnostics.append(.error("invalid-target", "target '\(target)' must be 'issue-id#section-id', e.g. \"1#1.1\"", at: targetLocation))
            return nil
        }
        if meeting != folder {
            diagnostics.append(.warning("meeting-folder-mismatch", "the comment says meeting '\(meeting)' but is in the folder comments/\(folder)/; move it to comments/\(meeting)/", at: reader.location(of: "meeting")))
        }
        return .comment(CommentFile(id: id, folder: folder, member: Located(member, at: reader.location(of: "member")),
                                    targetIssue: Located(Slug.normaliseExplicit(String(parts[0])), at: targetLocation),
                                    targetSection: Slug.normaliseExplicit(String(parts[1])),
                                    meeting: Located(meeting, at: reader.location(of: "meeting")),
                                    date: date, status: status, response: response, reflectedIn: reflectedIn, source: source))
    }

    /// `status:` from the fixed set; anything else is an error at the value that lists the
    /// allowed values and the near one.
    private func commentStatus(_ reader: inout FieldReader, diagnostics: inout [Diagnostic]) -> Located<CommentStatus>? {
        guard let text = reader.string("status") else { return nil }
        let location = reader.location(of: "status")
        guard let status = CommentStatus(rawValue: text) else {
            let names = CommentStatus.allCases.map(\.rawValue)
            let hint = CommentStatus.allCases.first { $0.japaneseLabel == text }.map { "; '\(text)' is the label of '\($0.rawValue)'" }
                ?? Suggestion.hint(for: text, in: names)
            diagnostics.append(.error("unknown-status", "status '\(text)' is not one of \(CommentStatus.allowedList)\(hint)", at: location))
            return nil
        }
        return Located(status, at: location)
    }

    /// `response:` parsed as Markdown like a body, its positions counted from the field's
    /// text: a block scalar's text starts on the line after `response: |`, indented; a
    /// quoted one after its quote.
    private func responseSource(_ text: String, at location: SourceLocation, of body: MarkdownSource, frontMatter: FrontMatterSplit,
                                diagnostics: inout [Diagnostic]) -> MarkdownSource {
        let fragment = WorkloadScan.firstExcess(text).map(RenderedFragment.refused)
            ?? cache?.fragment(for: text, using: parser) ?? parser.parse(text)
        let yamlLines = frontMatter.yaml.lines
        func yamlLine(_ fileLine: Int) -> String? {
            let index = fileLine - frontMatter.yamlFirstLine
            return yamlLines.indices.contains(index) ? yamlLines[index] : nil
        }
        let valueStart = yamlLine(location.line).map { Array($0).dropFirst(location.column - 1).first } ?? nil
        var source = MarkdownSource(path: body.path, language: body.language, fragment: fragment, body: text, bodyFirstLine: location.line)
        source.fileDigest = body.fileDigest
        if valueStart == "|" || valueStart == ">" {
            source.bodyFirstLine = location.line + 1
            source.bodyColumnOffset = yamlLine(location.line + 1).map { $0.prefix { $0 == " " }.count } ?? 0
        } else {
            source.bodyColumnOffset = location.column - 1 + (valueStart == "\"" || valueStart == "'" ? 1 : 0)
        }
        diagnostics += Self.problems(of: source)
        diagnostics += Self.misplacedDraftSections(in: source, fix: "mark the comment draft: true")
        return source
    }

    /// The published text of an issue with draft sections (parsed once more, through the
    /// cache like any body), or nil.
    private func draftCut(of source: MarkdownSource) -> DraftCut? {
        guard let (body, ids) = DraftCut.blanking(source.body, headings: source.fragment.headings) else { return nil }
        let fragment = WorkloadScan.firstExcess(body).map(RenderedFragment.refused) ?? cache?.fragment(for: body, using: parser) ?? parser.parse(body)
        return DraftCut(body: body, fragment: fragment, ids: ids)
    }

    /// Draft sections are sections of policy issues; anywhere else `.draft` is an error.
    private static func misplacedDraftSections(in source: MarkdownSource, fix: String) -> [Diagnostic] {
        source.fragment.headings.filter(\.isDraft).map { heading in
            .error("invalid-heading-attribute", "'.draft' marks a draft section of a policy issue only; remove it here, or \(fix)",
                   at: source.location(of: heading.position))
        }
    }

    /// What the Markdown stage found wrong in a parsed text, at file positions.
    private static func problems(of source: MarkdownSource) -> [Diagnostic] {
        source.fragment.problems.map { problem in
            let location = source.location(of: problem.position)
            return problem.isError ? .error(problem.code, problem.message, at: location) : .warning(problem.code, problem.message, at: location)
        }
    }

    private func page(slug: String, reader: inout FieldReader, source: MarkdownSource, diagnostics: inout [Diagnostic]) -> PageFile? {
        let title = reader.string("title", required: true)
        let order = reader.int("order") ?? nil
        guard Identifier.check(slug, what: "page", at: source.frontMatterLocation, into: &diagnostics), let title else { return nil }
        return PageFile(slug: slug, title: title, order: order, source: source)
    }
}
