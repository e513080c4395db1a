import ShingiCore

/// What the outputs that lay comments out otherwise than as list items show of one
/// comment in one language: its row of the 意見対応表, its cells of `responses.csv` and
/// its feed entry. Made once with its list item (`RenderedComments`): the site's and the
/// meeting's 意見対応表, their CSV files and the site's and the feeds all list it.
struct CommentListing: Sendable, Equatable {
    /// `partials/response-row`, its number left as `numberMarker` (it is the comment's
    /// place in the table, which differs from table to table).
    var row: String
    /// Its CSV record after the number (`ResponsesCSV.record`): member, target, comment,
    /// response, status.
    var cells: String
    /// Its `<entry>` of the Atom feeds, and what the feeds sort and leave out by.
    var feedEntry: String
    /// Its date, else its meeting's.
    var date: ISODate?
    var isDraft: Bool

    /// Stands in the row for its number; U+0001 never reaches a page otherwise.
    static let numberMarker = "\u{1}#\u{1}"

    func row(numbered number: Int) -> String { row.filling(Self.numberMarker, with: "\(number)") }
}
