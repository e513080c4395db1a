/// Something that turns one file's Markdown into a `RenderedFragment`: in this process
/// (`InProcessMarkdownParser`) or in supervised worker processes
/// (`ShingiMarkdownWorkers.MarkdownWorkerPool`), which survive cmark-gfm crashing or
/// hanging on hostile input.
public protocol MarkdownParsing: Sendable {
    func parse(_ markdown: String) -> RenderedFragment
    /// How many threads should call `parse` at once to keep the parser busy, when it
    /// blocks its caller while another process works (nil: parsing is ordinary work in
    /// this process, use the cooperative pool).
    var blockingCallers: Int? { get }
    /// This parser with at most `bytes` of memory for one file (`limits:
    /// max_parser_memory:`); a parser in this process cannot be bounded and is returned as
    /// it is (the caps of `WorkloadScan` protect it).
    func limitingMemory(to bytes: Int) -> any MarkdownParsing
    /// Lets go of what the parser holds while it waits (worker processes, which the next
    /// `parse` starts again): a one-shot build parses nothing after its Load stage.
    func releaseIdleResources()
}

extension MarkdownParsing {
    public var blockingCallers: Int? { nil }

    public func releaseIdleResources() {}

    public func limitingMemory(to bytes: Int) -> any MarkdownParsing { self }
}

/// Parses in the calling process. Fast and simple, but a crash or hang of cmark-gfm
/// takes the process with it; tests and library users start here.
public struct InProcessMarkdownParser: MarkdownParsing {
    public init() {}

    public func parse(_ markdown: String) -> RenderedFragment {
        MarkdownRenderer.render(markdown)
    }
}

/// Why the Markdown parser gave no result for a file.
public enum MarkdownParserFailure: String, Sendable, Hashable {
    case crash
    case timeout
    /// The worker ran out of the memory it may use for one file.
    case memory
}

extension RenderedFragment {
    /// The fragment of a file the parser failed on: no content, and an error at the start
    /// of its body, so the rest of the site still loads and the failure is reported like
    /// any other problem of the file.
    public static func parserFailed(_ failure: MarkdownParserFailure) -> RenderedFragment {
        let hint = failure == .memory
            ? "split the file, simplify large tables and long runs of repeated syntax, or raise 'limits: max_parser_memory:' (in bytes) in shingi.yml"
            : "simplify repeated syntax such as long runs of link definitions, brackets or emphasis"
        let problem = MarkdownProblem(
            isError: true, code: "markdown-parser-failed",
            message: "the Markdown parser failed on this file (\(failure.rawValue)); \(hint)",
            position: BodyPosition(line: 1, column: 1))
        return RenderedFragment(html: "", headings: [], crossLinks: [], footnotes: [], problems: [problem])
    }

    /// The fragment of a file refused before parsing (`WorkloadScan`): no content, only the problem.
    public static func refused(_ problem: MarkdownProblem) -> RenderedFragment {
        RenderedFragment(html: "", headings: [], crossLinks: [], footnotes: [], problems: [problem])
    }

    /// A fragment from `parserFailed`: a timeout may not recur, so it is never kept
    /// between builds.
    public var isParserFailure: Bool { problems.contains { $0.code == "markdown-parser-failed" } }
}
