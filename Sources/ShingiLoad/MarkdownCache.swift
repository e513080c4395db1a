import Foundation
import ShingiMarkdown
import Synchronization

/// Fragments by the exact Markdown they came from, so a rebuild never re-parses a body
/// that has not changed (nor re-runs one the parser failed on). Safe to share between concurrent loads.
/// A build can seed it from the previous build's `FragmentStore` and save it back.
public final class MarkdownCache: Sendable {
    private struct Entry {
        var fragment: RenderedFragment
        /// Looked up since the last `retainUsed`.
        var used: Bool
    }

    private struct State {
        var entries: [ExactText: Entry] = [:]
        /// Whether fragments were added or dropped since `preload` (the store is stale).
        var changed = false
    }

    /// The entries in shards by their key's hash, each behind a lock of its own: the
    /// load's threads (more than there are cores) look bodies up all at once, and behind
    /// one lock a thread preempted while holding it kept the others waiting.
    private let shards: [Shard]
    private static let shardCount = 64

    private final class Shard: Sendable {
        let state = Mutex(State())
    }

    public init() {
        shards = (0..<Self.shardCount).map { _ in Shard() }
    }

    private static func shardIndex(_ key: ExactText) -> Int { Int(UInt(bitPattern: key.hash) % UInt(shardCount)) }

    private func shard(_ key: ExactText) -> Shard { shards[Self.shardIndex(key)] }

    public func fragment(for markdown: String, using parser: any MarkdownParsing) -> RenderedFragment {
        let key = ExactText(markdown)
        let shard = shard(key)
        let cached = shard.state.withLock { state -> RenderedFragment? in
            guard let index = state.entries.index(forKey: key) else { return nil }
            state.entries.values[index].used = true
            return state.entries.values[index].fragment
        }
        if let cached { return cached }
        let fragment = parser.parse(markdown)
        shard.state.withLock {
            $0.entries[key] = Entry(fragment: fragment, used: true)
            $0.changed = true
        }
        return fragment
    }

    /// Drops fragments of bodies no longer in `markdowns` (files edited away or deleted).
    public func retainOnly(_ markdowns: Set<String>) {
        let keep = Set(markdowns.map(ExactText.init))
        for shard in shards {
            shard.state.withLock { state in
                let kept = state.entries.filter { keep.contains($0.key) }
                if kept.count != state.entries.count { state.changed = true }
                state.entries = kept
            }
        }
    }

    /// After a load of the whole site: drops the fragments it did not look up (cheaper
    /// than `retainOnly`, which hashes every body again) and starts counting afresh.
    public func retainUsed() {
        for shard in shards {
            shard.state.withLock { state in
                var kept = state.entries.filter(\.value.used)
                if kept.count != state.entries.count { state.changed = true }
                for index in kept.indices { kept.values[index].used = false }
                state.entries = kept
            }
        }
    }

    public var count: Int { shards.reduce(0) { count, shard in count + shard.state.withLock { $0.entries.count } } }

    /// Adds fragments read from disk; they do not make the cache differ from the store.
    public func preload(_ fragments: [(markdown: String, fragment: RenderedFragment)]) {
        var byShard = Array(repeating: [(ExactText, RenderedFragment)](), count: Self.shardCount)
        for (markdown, fragment) in fragments {
            let key = ExactText(markdown)
            byShard[Self.shardIndex(key)].append((key, fragment))
        }
        for (shard, entries) in zip(shards, byShard) where !entries.isEmpty {
            shard.state.withLock { state in
                state.entries.reserveCapacity(state.entries.count + entries.count)
                for (key, fragment) in entries where state.entries[key] == nil {
                    state.entries[key] = Entry(fragment: fragment, used: false)
                }
            }
        }
    }

    /// The fragments worth keeping for the next build (parser failures are retried), or
    /// nil when nothing changed since `preload`.
    public func changedSnapshot() -> [(markdown: String, fragment: RenderedFragment)]? {
        var changed = false
        for shard in shards {
            shard.state.withLock { state in
                changed = changed || state.changed
                state.changed = false
            }
        }
        guard changed else { return nil }
        return shards.flatMap { shard in
            shard.state.withLock { state in
                state.entries.filter { !$0.value.fragment.isParserFailure }.map { ($0.key.text, $0.value.fragment) }
            }
        }
    }
}

/// A text compared and hashed as its UTF-8 bytes. A `String` key would treat two bodies
/// that differ only in Unicode normalisation as the same (cmark-gfm does not), and hashes
/// non-ASCII text through normalisation, which cost more than the lookups it served.
struct ExactText: Hashable, Sendable {
    let text: String
    /// The text's hash, computed once when the key is made, outside the cache's locks
    /// (hashing a body while holding one kept the load's threads waiting); it also picks
    /// the key's shard.
    let hash: Int

    init(_ text: String) {
        self.text = text
        var text = text
        var hasher = Hasher()
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        hash = hasher.finalize()
    }

    static func == (lhs: ExactText, rhs: ExactText) -> Bool {
        guard lhs.hash == rhs.hash else { return false }
        var (a, b) = (lhs.text, rhs.text)
        return a.withUTF8 { a in b.withUTF8 { b in a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0) } }
    }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}
