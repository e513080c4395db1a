extension String {
    /// The lines between `\n`s, by scalar (a `\r\n` is one Character, so a split by
    /// Character would not see its `\n`); a `\r` stays at the end of its line.
    var lines: [String] {
        unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
    }
}
