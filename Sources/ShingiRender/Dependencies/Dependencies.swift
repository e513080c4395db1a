import ShingiCore
import ShingiResolve

/// What every job of the last render read, recorded while it rendered (`ReadLog`), and
/// the one answer to what a rebuild must render again: the jobs of which something read
/// has another value in the new site. Nothing here knows which page shows what; a new
/// output that reads through `SiteReader` is followed without a rule of its own.
// Key paths are immutable; the standard library does not mark them Sendable yet.
struct Dependencies: @unchecked Sendable {
    private var inputs: [RenderJob: Set<SiteInput>] = [:]
    /// Who read which field of an item.
    private var fields: [SiteItem: [AnyKeyPath: Set<RenderJob>]] = [:]
    /// Who read a list, a query, citations or a rendered comment.
    private var others: [SiteInput: Set<RenderJob>] = [:]
    private var comparators: [AnyKeyPath: FieldComparator] = [:]

    /// Replaces what `job` read with what `log` recorded. A job rendered again mostly reads
    /// what it read before (the 意見対応表 read thousands of fields), so only the
    /// difference is indexed anew.
    mutating func record(_ job: RenderJob, _ log: ReadLog) {
        let old = inputs[job] ?? []
        let new = log.inputs
        if old != new {
            for input in old where !new.contains(input) { unindex(input, job) }
            for input in new where !old.contains(input) { index(input, job) }
            inputs[job] = new
        }
        comparators.merge(log.comparators) { current, _ in current }
    }

    private mutating func index(_ input: SiteInput, _ job: RenderJob) {
        if case .field(let item, let path) = input {
            fields[item, default: [:]][path, default: []].insert(job)
        } else {
            others[input, default: []].insert(job)
        }
    }

    private mutating func unindex(_ input: SiteInput, _ job: RenderJob) {
        if case .field(let item, let path) = input {
            fields[item]?[path]?.remove(job)
        } else {
            others[input]?.remove(job)
        }
    }

    /// What each comment's HTML read.
    mutating func record(_ logs: [String: ReadLog]) {
        for (id, log) in logs { record(.comment(id), log) }
    }

    /// Whether the last render did `job`.
    func has(_ job: RenderJob) -> Bool { inputs[job] != nil }

    mutating func remove(_ job: RenderJob) {
        guard let old = inputs.removeValue(forKey: job) else { return }
        for input in old { unindex(input, job) }
    }

    /// The jobs whose inputs differ between `old` and `new`, comments' HTML included, and
    /// the pages that show a comment whose HTML does.
    func stale(_ change: SiteChange, old: ResolvedSite, new: ResolvedSite) -> Set<RenderJob> {
        var stale: Set<RenderJob> = []
        for item in change.items {
            guard let read = fields[item] else { continue }
            let (before, after) = (old.value(of: item), new.value(of: item))
            for (path, jobs) in read where !jobs.isEmpty && !comparators[path]!.same(before, after) { stale.formUnion(jobs) }
        }
        let kinds = change.kinds
        // The inputs whose value can differ, looked up: most recorded inputs are rendered
        // comments (compared by their own jobs), and a rebuild is not a walk over them all.
        var candidates = Self.queries(touchedBy: change, old, new).union(kinds.subtracting(change.sameKeys).map(SiteInput.list))
        let issues = kinds.contains(.content(.issue))
        let citationsChanged = !change.items.isEmpty && old.citations != new.citations
        if issues || citationsChanged {
            candidates.formUnion(others.keys.filter { input in
                switch input {
                case .issuesAdvisedBy: issues
                case .citations: citationsChanged
                default: false
                }
            })
        }
        for input in candidates {
            guard let jobs = others[input], !jobs.isEmpty else { continue }
            if input.value(in: old) != input.value(in: new) { stale.formUnion(jobs) }
        }
        return stale
    }

    /// The pages that show one of `comments` (`SiteInput.renderedComment`), or every
    /// comment in its language.
    func readers(of comments: Set<SiteInput>) -> Set<RenderJob> {
        var readers: Set<RenderJob> = []
        var languages: Set<Language> = []
        for comment in comments {
            readers.formUnion(others[comment] ?? [])
            if case .renderedComment(_, let language) = comment { languages.insert(language) }
        }
        for language in languages { readers.formUnion(others[.everyRenderedComment(language)] ?? []) }
        return readers
    }

    /// The comment queries whose answer a changed comment can change: those of its
    /// issue, section, member and meeting before and after (a reordering, all of them).
    private static func queries(touchedBy change: SiteChange, _ old: ResolvedSite, _ new: ResolvedSite) -> Set<SiteInput> {
        var queries: Set<SiteInput> = []
        var ids = change.items.filter { $0.kind == .content(.comment) }.map(\.key)
        if change.reordered.contains(.content(.comment)) { ids = new.comments.map(\.id) }
        for id in ids {
            for site in [old, new] {
                guard let comment = site.comment(id) else { continue }
                queries.formUnion([.commentsOnIssue(comment.issue), .commentsOnSection(comment.issue, comment.section),
                                   .commentsByMember(comment.member), .commentsInMeeting(comment.meeting)])
                queries.formUnion(comment.reflectedIn.map { .commentsReflectedIn($0.issue, $0.section) })
            }
        }
        return queries
    }
}
