/// What one render job read of the site, recorded while it renders (`SiteReader`,
/// `Tracked`). Each job has its own log, so no lock is needed.
///
/// The preview compares the fields read between two sites in memory (`Dependencies`),
/// so it keeps each field's key path and a comparator for it. A build keeps what its
/// caches store (`stored`): a field by its name (`FieldNames`), its key path looked up
/// once per job, not hashed at every read.
final class ReadLog: @unchecked Sendable {
    private(set) var inputs: Set<SiteInput> = []
    private(set) var comparators: [AnyKeyPath: FieldComparator] = [:]
    private let comparing: Bool
    /// A build's fields read, by item and key path object.
    private var fields: Set<FieldRead> = []

    init(comparing: Bool = true) { self.comparing = comparing }

    func read(_ input: SiteInput) { inputs.insert(input) }

    func read<Value, Field: Equatable>(_ item: SiteItem, _ path: KeyPath<Value, Field>) {
        guard comparing else {
            fields.insert(FieldRead(item: item, path: path))
            return
        }
        if inputs.insert(.field(item, path)).inserted, comparators[path] == nil {
            comparators[path] = FieldComparator(path)
        }
    }

    /// Everything read, as the caches store it.
    var stored: [StoredInput] {
        inputs.map(StoredInput.init) + fields.map { read in
            FieldNames.name(ofObject: read.path).map { .field(read.item, $0) } ?? .item(read.item)
        }
    }

    /// A field read, compared by the key path's object: the paths read are literals or
    /// made once (`Tracked.translation`), and the same path as another object is only
    /// the same input stored twice.
    private struct FieldRead: Hashable {
        let item: SiteItem
        let path: AnyKeyPath

        static func == (a: FieldRead, b: FieldRead) -> Bool { a.path === b.path && a.item == b.item }
        func hash(into hasher: inout Hasher) {
            hasher.combine(item)
            hasher.combine(ObjectIdentifier(path))
        }
    }
}
