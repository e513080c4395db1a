extension String {
    /// The lines between `\n`s; a `\r` stays at the end of its line (a `\r\n` is one
    /// Character, so a split by Character would not see its `\n`). Split on the UTF-8
    /// bytes: a `\n` byte is always a whole scalar, and copying each line's bytes is far
    /// cheaper than rebuilding it scalar by scalar, which was a third of Resolve (the
    /// translation hashes read every body by line).
    var lines: [String] {
        utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { String(Substring($0)) }
    }
}
