import Crypto
import ShingiCore
import ShingiResolve
import Synchronization

/// The values in the site being built of what pages read (`StoredInput`), as digests,
/// and the key of a page made from them: what the page cache compares with the previous
/// build's to know, before building anything of a page, whether it would come out the
/// same.
///
/// Pages read the same inputs over and over (every issue page reads the references it
/// cites, every meeting page the issues of the meeting), so each input is kept once, in
/// a table, with its digest; a page's inputs are places in it. The table starts as the
/// previous build's, whose digests are computed up front and in parallel, and grows by
/// what the pages rendered now read for the first time.
final class InputDigests: Sendable {
    private let site: ResolvedSite
    /// The digest of each comment's HTML in each language, once rendered (`use`).
    private let comments = Mutex<CommentDigests?>(nil)

    /// What the pages read of the comments' HTML: each comment's digest, computed once per
    /// comment and language; a page that lists them all reads the digest of those in
    /// site order.
    private struct CommentDigests {
        let ids: [String]
        let digests: [Language: [String: [UInt8]]]

        func digest(_ id: String, _ language: Language) -> [UInt8] {
            // A comment the site does not have has no HTML: the digest of nothing.
            digests[language]?[id] ?? Array(SHA256.hash(data: [UInt8]()))
        }

        func every(_ language: Language) -> [UInt8] {
            var hash = SHA256()
            for id in ids { hash.update(data: digest(id, language)) }
            return Array(hash.finalize())
        }
    }
    /// What every page depends on besides what it reads: the theme, shingi.yml, the base
    /// URL and the marks of `--changes-since`.
    private let stamp: [UInt8]

    private struct Table {
        var inputs: [StoredInput]
        var places: [StoredInput: Int32]
        /// The SHA-256 of each input's value, 32 bytes per place.
        var digests: [UInt8]
    }
    private let table: Mutex<Table>

    /// The inputs of `previous` are digested now, but for the comments' HTML, which waits
    /// for the comments (`use`).
    init(site: ResolvedSite, theme: Theme, urls: SiteURLs, changes: ChangeMarks?, previous: [StoredInput]) async {
        self.site = site
        let writer = ValueDigest.Writer()
        writer.raw(theme.fingerprint)
        writer.nested(site.config)
        writer.text(urls.basePath)
        writer.text(urls.origin)
        writer.nested(changes)
        stamp = Array(SHA256.hash(data: writer.bytes))
        let digests = await previous.parallelMap { [site] in Self.readsHTML($0) ? Self.unknown : Self.digest($0, site, nil) }
        var places: [StoredInput: Int32] = [:]
        places.reserveCapacity(previous.count)
        for (place, input) in previous.enumerated() { places[input] = Int32(place) }
        table = Mutex(Table(inputs: previous, places: places, digests: Array(digests.joined())))
    }

    /// The places of `inputs` in the table, those read for the first time added with
    /// their digests.
    func places(_ inputs: [StoredInput]) -> [Int32] {
        var places = [Int32](repeating: -1, count: inputs.count)
        var missing: [Int] = []
        table.withLock { table in
            for (index, input) in inputs.enumerated() {
                if let place = table.places[input] { places[index] = place } else { missing.append(index) }
            }
        }
        guard !missing.isEmpty else { return places }
        // Computed outside the lock; another job may have added the same input meanwhile.
        let comments = comments.withLock { $0 }
        let digests = missing.map { Self.digest(inputs[$0], site, comments) }
        table.withLock { table in
            for (index, digest) in zip(missing, digests) {
                if let place = table.places[inputs[index]] {
                    places[index] = place
                    continue
                }
                let place = Int32(table.inputs.count)
                table.inputs.append(inputs[index])
                table.places[inputs[index]] = place
                table.digests += digest
                places[index] = place
            }
        }
        return places
    }

    /// The key of a page that read the inputs at `places`.
    func key(_ places: [Int32]) -> [UInt8] {
        var hash = SHA256()
        hash.update(data: stamp)
        table.withLock { table in
            table.digests.withUnsafeBufferPointer { digests in
                for place in places {
                    let start = Int(place) * 32
                    hash.update(bufferPointer: UnsafeRawBufferPointer(start: digests.baseAddress! + start, count: 32))
                }
            }
        }
        return Array(hash.finalize())
    }

    /// Every input in the table, by place.
    var inputs: PageCache.Inputs { PageCache.Inputs(table.withLock { $0.inputs }) }

    /// The comments' HTML: the pages read it once it is rendered, and the inputs of the
    /// previous build that name it are digested then.
    func use(_ rendered: RenderedComments) async {
        let ids = site.comments.map(\.id)
        var byLanguage: [Language: [String: [UInt8]]] = [:]
        for language in site.config.languages {
            byLanguage[language] = Dictionary(uniqueKeysWithValues: zip(ids, await ids.parallelMap { rendered.digest($0, language) }))
        }
        let comments = CommentDigests(ids: ids, digests: byLanguage)
        self.comments.withLock { $0 = comments }
        let waiting = table.withLock { table in table.inputs.enumerated().filter { Self.readsHTML($0.element) } }
        let digests = waiting.map { place, input in (place * 32, Self.digest(input, site, comments)) }
        table.withLock { table in
            for (start, digest) in digests { table.digests.replaceSubrange(start..<start + 32, with: digest) }
        }
    }

    /// Stands for the digest of the comments' HTML in the previous build's table until
    /// `use` (no page's key is made before).
    private static let unknown = [UInt8](repeating: 0, count: 32)

    /// The digest of an input that has none here: one of no build, so that what read it
    /// is rendered again. (A name no build writes is not read back from a cache file.)
    private static func unmatched() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    private static func readsHTML(_ input: StoredInput) -> Bool {
        switch input {
        case .other(.renderedComment), .other(.everyRenderedComment): true
        default: false
        }
    }

    private static func digest(_ input: StoredInput, _ site: ResolvedSite, _ comments: CommentDigests?) -> [UInt8] {
        switch input {
        case .field(let item, let name):
            // Nil when the site has no such item (or no such field): that is a value too.
            FieldNames.digest(name, of: site.value(of: item)) ?? unmatched()
        case .item(let item): site.value(of: item).map { ValueDigest.of(any: $0) } ?? ValueDigest.of(false)
        // Only pages read the comments' HTML, and they are rendered after `use`.
        case .other(.renderedComment(let id, let language)): comments?.digest(id, language) ?? unmatched()
        case .other(.everyRenderedComment(let language)): comments?.every(language) ?? unmatched()
        case .other(let input): ValueDigest.of(any: input.value(in: site).base)
        }
    }
}
