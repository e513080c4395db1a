import ShingiMarkdown
import Synchronization

/// Fragments by the exact Markdown they came from, so a rebuild never re-parses a body
/// that has not changed (nor re-runs one the parser failed on). Safe to share between concurrent loads.
public final class MarkdownCache: Sendable {
    private let fragments = Mutex<[String: RenderedFragment]>([:])

    public init() {}

    public func fragment(for markdown: String, using parser: any MarkdownParsing) -> RenderedFragment {
        if let cached = fragments.withLock({ $0[markdown] }) { return cached }
        let fragment = parser.parse(markdown)
        fragments.withLock { $0[markdown] = fragment }
        return fragment
    }

    /// Drops fragments of bodies no longer in `markdowns` (files edited away or deleted).
    public func retainOnly(_ markdowns: Set<String>) {
        fragments.withLock { $0 = $0.filter { markdowns.contains($0.key) } }
    }

    public var count: Int { fragments.withLock { $0.count } }
}
