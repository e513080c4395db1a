import ShingiCore
import ShingiLoad

/// What a page read (`SiteInput`), in the form the page cache keeps from one build to
/// the next: a field by its name (`FieldNames`; a key path has none that outlives the
/// process), every other input as recorded. A build takes a page from the previous one
/// when each of its stored inputs has the value it had then (`InputDigests`).
enum StoredInput: Hashable, Sendable {
    case field(SiteItem, String)
    /// A field without a name: the whole item stands for it.
    case item(SiteItem)
    /// Any input but a field.
    case other(SiteInput)

    init(_ input: SiteInput) {
        guard case .field(let item, let path) = input else {
            self = .other(input)
            return
        }
        self = FieldNames.name(of: path).map { .field(item, FieldNames.stored($0)) } ?? .item(item)
    }

    /// The input as text fields, the first naming its kind; what the cache file holds.
    var fields: [String] {
        switch self {
        case .field(let item, let name): ["field", Self.name(item.kind), item.key, name]
        case .item(let item): ["item", Self.name(item.kind), item.key]
        case .other(let input):
            switch input {
            case .field(let item, _): ["item", Self.name(item.kind), item.key]
            case .list(let kind): ["list", Self.name(kind)]
            case .commentsOnIssue(let issue): ["onIssue", issue]
            case .commentsOnSection(let issue, let section): ["onSection", issue, section]
            case .commentsByMember(let member): ["byMember", member]
            case .commentsInMeeting(let meeting): ["inMeeting", meeting]
            case .commentsReflectedIn(let issue, let section): ["reflectedIn", issue, section]
            case .issuesAdvisedBy(let member): ["advisedBy", member]
            case .citations(let reference): ["citations", reference]
            case .renderedComment(let id, let language): ["comment", id, language.rawValue]
            case .everyRenderedComment(let language): ["everyComment", language.rawValue]
            }
        }
    }

    /// The input `fields` name; nil for fields no build writes (a damaged or foreign file).
    init?(fields: [String]) {
        func kind(_ name: String) -> SiteItem.Kind? { Self.kinds.first { Self.name($0) == name } }
        switch (fields.first, fields.count) {
        case ("field", 4):
            guard let kind = kind(fields[1]), FieldNames.path(named: fields[3]) != nil else { return nil }
            self = .field(SiteItem(kind: kind, key: fields[2]), fields[3])
        case ("item", 3): guard let kind = kind(fields[1]) else { return nil }; self = .item(SiteItem(kind: kind, key: fields[2]))
        case ("list", 2): guard let kind = kind(fields[1]) else { return nil }; self = .other(.list(kind))
        case ("onIssue", 2): self = .other(.commentsOnIssue(fields[1]))
        case ("onSection", 3): self = .other(.commentsOnSection(fields[1], fields[2]))
        case ("byMember", 2): self = .other(.commentsByMember(fields[1]))
        case ("inMeeting", 2): self = .other(.commentsInMeeting(fields[1]))
        case ("reflectedIn", 3): self = .other(.commentsReflectedIn(fields[1], fields[2]))
        case ("advisedBy", 2): self = .other(.issuesAdvisedBy(fields[1]))
        case ("citations", 2): self = .other(.citations(fields[1]))
        case ("comment", 3): guard let language = Language(rawValue: fields[2]) else { return nil }; self = .other(.renderedComment(fields[1], language))
        case ("everyComment", 2): guard let language = Language(rawValue: fields[1]) else { return nil }; self = .other(.everyRenderedComment(language))
        default: return nil
        }
    }

    private static let kinds: [SiteItem.Kind] = ContentKind.allCases.map(SiteItem.Kind.content) + DataKind.allCases.map(SiteItem.Kind.data)

    private static func name(_ kind: SiteItem.Kind) -> String {
        switch kind {
        case .content(let kind): "content.\(kind)"
        case .data(let kind): "data.\(kind)"
        }
    }

}

/// How the page and comment caches write a table of inputs and places in it.
extension StoredInput {
    /// Appends `inputs`, each as its fields.
    static func append(_ inputs: [StoredInput], to bytes: inout [UInt8]) {
        CacheFile.appendInt(UInt64(inputs.count), to: &bytes)
        for input in inputs {
            let fields = input.fields
            CacheFile.appendInt(UInt64(fields.count), to: &bytes)
            for field in fields { CacheFile.appendText(field, to: &bytes) }
        }
    }

    /// The inputs `append` wrote; nil when they do not read back.
    static func table(_ scanner: inout CacheFile.Scanner) -> [StoredInput]? {
        guard let count = scanner.count() else { return nil }
        var inputs: [StoredInput] = []
        inputs.reserveCapacity(count)
        for _ in 0..<count {
            guard let fieldCount = scanner.count() else { return nil }
            var fields: [String] = []
            for _ in 0..<fieldCount {
                guard let field = scanner.text() else { return nil }
                fields.append(field)
            }
            guard let input = StoredInput(fields: fields) else { return nil }
            inputs.append(input)
        }
        return inputs
    }

    /// Appends places in a table, renumbered by `places` (see `Renumbering`).
    static func append(_ places: [Int32], _ renumbering: Renumbering, to bytes: inout [UInt8]) {
        CacheFile.appendInt(UInt64(places.count * 4), to: &bytes)
        for place in places { withUnsafeBytes(of: renumbering.places[Int(place)].littleEndian) { bytes.append(contentsOf: $0) } }
    }

    /// The places `append` wrote, each in a table of `count` inputs; nil when they do not.
    static func places(_ scanner: inout CacheFile.Scanner, count: Int) -> [Int32]? {
        guard let range = scanner.range(), range.count % 4 == 0 else { return nil }
        var places = [Int32](repeating: 0, count: range.count / 4)
        places.withUnsafeMutableBytes { $0.copyBytes(from: scanner.bytes[range]) }
        places = places.map { Int32(littleEndian: $0) }
        return places.allSatisfy({ $0 >= 0 && Int($0) < count }) ? places : nil
    }

    /// The start of a cache file whose entries read `reads` (in the order written), places
    /// in `inputs`: the table of the inputs they name, then the number of entries; and
    /// how to write their places in that table.
    static func header(_ inputs: [StoredInput], reads: [[Int32]]) -> (bytes: [UInt8], renumbering: Renumbering) {
        var renumbering = Renumbering(inputs)
        for places in reads { renumbering.add(places) }
        var bytes: [UInt8] = []
        append(renumbering.inputs, to: &bytes)
        CacheFile.appendInt(UInt64(reads.count), to: &bytes)
        return (bytes, renumbering)
    }

    /// The inputs of a table that the entries of one file name, in the order first named,
    /// and each old place's new one: a file keeps only what its entries read.
    struct Renumbering {
        var inputs: [StoredInput] = []
        var places: [Int32]
        private let table: [StoredInput]

        init(_ table: [StoredInput]) {
            self.table = table
            places = [Int32](repeating: -1, count: table.count)
        }

        mutating func add(_ used: [Int32]) {
            for place in used where places[Int(place)] < 0 {
                places[Int(place)] = Int32(inputs.count)
                inputs.append(table[Int(place)])
            }
        }
    }
}
