/// One run of a text diff: text both versions share, or text only the new or only the
/// old version has.
public enum DiffSegment: Sendable, Hashable {
    case equal(String)
    case inserted(String)
    case deleted(String)

    public var text: String {
        switch self {
        case .equal(let text), .inserted(let text), .deleted(let text): return text
        }
    }

    public var isChange: Bool {
        if case .equal = self { return false }
        return true
    }
}
