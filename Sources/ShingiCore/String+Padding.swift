extension String {
    /// The string with zeros in front up to `width` characters (hex bytes, `U+` code points).
    public func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
