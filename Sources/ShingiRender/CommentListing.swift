import ShingiCore

/// What the outputs that lay comments out otherwise than as list items show of one
/// comment in one language: its row of the 意見対応表, its cells of `responses.csv` and
/// its feed entry. Made once with its list item (`RenderedComments`): the site's and the
/// meeting's 意見対応表, their CSV files and the site's and the feeds all list it.
struct CommentListing: Sendable, Equatable {
    /// `partials/response-row` on either side of its number, which is the comment's place
    /// in the table and differs from table to table (`after` is nil when the row shows
    /// none); kept apart so that a table is laid out by appending, not by replacing.
    var rowBeforeNumber: String
    var rowAfterNumber: String?
    /// Its CSV record after the number (`ResponsesCSV.record`): member, target, comment,
    /// response, status.
    var cells: String
    /// Its `<entry>` of the Atom feeds, and what the feeds sort and leave out by.
    var feedEntry: String
    /// Its date, else its meeting's.
    var date: ISODate?
    var isDraft: Bool

    /// `row` is the rendered row with `numberMarker` where its number goes.
    init(row: String, cells: String, feedEntry: String, date: ISODate?, isDraft: Bool) {
        if let marker = row.utf8.firstRange(of: Self.numberMarker.utf8) {
            (rowBeforeNumber, rowAfterNumber) = (String(row[..<marker.lowerBound]), String(row[marker.upperBound...]))
        } else {
            (rowBeforeNumber, rowAfterNumber) = (row, nil)
        }
        (self.cells, self.feedEntry, self.date, self.isDraft) = (cells, feedEntry, date, isDraft)
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
