import ShingiCore

/// What the outputs that lay comments out otherwise than as list items show of one
/// comment in one language: its row of the 意見対応表, its cells of `responses.csv` and
/// its feed entry. Made once with its list item (`RenderedComments`): the site's and the
/// meeting's 意見対応表, their CSV files and the site's and the feeds all list it.
/// A class: a table, CSV file or feed takes thousands of them, each for a reference.
final class CommentListing: Sendable, Equatable {
    /// `partials/response-row` on either side of its number, which is the comment's place
    /// in the table and differs from table to table (`after` is nil when the row shows
    /// none); kept apart so that a table is laid out by appending, not by replacing.
    let rowBeforeNumber: String
    let rowAfterNumber: String?
    /// Its CSV record after the number (`ResponsesCSV.record`): member, target, comment,
    /// response, status.
    let cells: String
    /// Its `<entry>` of the Atom feeds, and what the feeds sort and leave out by.
    let feedEntry: String
    /// Its date, else its meeting's.
    let date: ISODate?
    let isDraft: Bool

    /// `row` is the rendered row with `numberMarker` where its number goes.
    init(row: String, cells: String, feedEntry: String, date: ISODate?, isDraft: Bool) {
        if let (before, after) = row.splitUTF8(atFirst: Self.numberMarker) {
            (rowBeforeNumber, rowAfterNumber) = (before, after)
        } else {
            (rowBeforeNumber, rowAfterNumber) = (row, nil)
        }
        (self.cells, self.feedEntry, self.date, self.isDraft) = (cells, feedEntry, date, isDraft)
    }

    /// A listing as `CommentCache` kept it.
    init(rowBeforeNumber: String, rowAfterNumber: String?, cells: String, feedEntry: String, date: ISODate?, isDraft: Bool) {
        (self.rowBeforeNumber, self.rowAfterNumber, self.cells, self.feedEntry, self.date, self.isDraft) =
            (rowBeforeNumber, rowAfterNumber, cells, feedEntry, date, isDraft)
    }

    static func == (a: CommentListing, b: CommentListing) -> Bool {
        a === b || (a.rowBeforeNumber, a.rowAfterNumber, a.cells, a.feedEntry, a.date, a.isDraft)
            == (b.rowBeforeNumber, b.rowAfterNumber, b.cells, b.feedEntry, b.date, b.isDraft)
    }

    /// Stands in the row for its number when it is rendered; U+0001 never reaches a page otherwise.
    static let numberMarker = "\u{1}#\u{1}"

    func row(numbered number: Int) -> String {
        var bytes: [UInt8] = []
        appendRow(numbered: number, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The length in bytes of the row numbered `number`.
    func rowByteCount(numbered number: Int) -> Int {
        rowBeforeNumber.utf8.count + (rowAfterNumber.map { String(number).utf8.count + $0.utf8.count } ?? 0)
    }

    /// The row numbered `number`, added to `out`.
    func appendRow(numbered number: Int, to out: inout [UInt8]) {
        out.append(contentsOf: rowBeforeNumber.utf8)
        guard let rowAfterNumber else { return }
        out.append(contentsOf: String(number).utf8)
        out.append(contentsOf: rowAfterNumber.utf8)
    }
}
