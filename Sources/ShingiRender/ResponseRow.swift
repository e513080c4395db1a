import ShingiCore
import ShingiResolve

/// One row of the 意見対応表, as the page and the CSV show it.
struct ResponseRow {
    var comment: Tracked<Comment>
    var number: Int
    var member: String
    var target: String
    var targetHTML: String
    var commentHTML: String
    var commentLanguage: Language
    var response: [String: Any]
}
