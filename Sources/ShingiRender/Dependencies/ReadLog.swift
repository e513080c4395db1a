/// What one render job read of the site, recorded while it renders (`SiteReader`,
/// `Tracked`). Each job has its own log, so no lock is needed.
final class ReadLog: @unchecked Sendable {
    private(set) var inputs: Set<SiteInput> = []
    private(set) var comparators: [AnyKeyPath: FieldComparator] = [:]

    func read(_ input: SiteInput) { inputs.insert(input) }

    func read<Value, Field: Equatable>(_ item: SiteItem, _ path: KeyPath<Value, Field>) {
        if inputs.insert(.field(item, path)).inserted, comparators[path] == nil {
            comparators[path] = FieldComparator(path)
        }
    }
}
