/// How the secretariat handled a member's comment (`status:` of a comment, the 意見対応表's
/// 対応状況 column): a fixed set, so the table's column reads the same on every site and
/// a misspelling is an error rather than a new status.
public enum CommentStatus: String, Sendable, Hashable, CaseIterable, Encodable {
    /// 検討中: not yet decided.
    case open
    /// 反映済: the paper now says it.
    case reflected
    /// 一部反映: the paper says some of it.
    case partly
    /// 反映せず: decided against.
    case notAdopted = "not-adopted"
    /// 参考: taken as a reference, nothing to change.
    case noted

    /// The Japanese label of each status (the default theme's), to point from a label
    /// written as the value to the value.
    public var japaneseLabel: String {
        switch self {
        case .open: return "検討中"
        case .reflected: return "反映済"
        case .partly: return "一部反映"
        case .notAdopted: return "反映せず"
        case .noted: return "参考"
        }
    }

    /// The allowed values as the error message lists them.
    public static var allowedList: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The theme's UI string key of the status's label (`status_open`, …).
    public var labelKey: String { "status_" + String(rawValue.map { $0 == "-" ? "_" : $0 }) }
}
