/// Bounds that keep hostile or broken input from exhausting the build: no real committee
/// paper comes near them. The file size, the parser's memory and the page size can be
/// changed (`limits:` in shingi.yml, in bytes), and the values of a YAML text follow the
/// file size; the others are fixed.
public enum Limits {
    /// The largest content file (`.md` or `.yml`) read, in bytes, unless shingi.yml says otherwise.
    public static let defaultMaxFileSize = 4 * 1024 * 1024
    /// The address space a Markdown worker process may use for one file
    /// (`limits: max_parser_memory:`); past it the file is `markdown-parser-failed (memory)`.
    public static let defaultMaxParserMemory = 1024 * 1024 * 1024
    /// The smallest `max_parser_memory` accepted: below it a worker cannot even start.
    public static let minParserMemory = 256 * 1024 * 1024
    /// The largest page written, in bytes (`limits: max_page_size:`).
    public static let defaultMaxPageSize = 64 * 1024 * 1024
    /// Cells of one Markdown table (columns × rows, short rows count at the header's
    /// width, as cmark-gfm fills them): a paper's largest table has a few hundred.
    public static let maxTableCells = 100_000
    /// Footnote references in one Markdown file.
    public static let maxFootnoteReferences = 10_000
    /// Headings in one Markdown file.
    public static let maxHeadings = 10_000
    /// How deep block quotes, lists, emphasis and links may nest in a Markdown body.
    public static let maxMarkdownNesting = 100
    /// How deep YAML mappings and lists may nest (libyaml's own limit, reported by us).
    public static let maxYAMLNesting = 1000
    /// How many bytes of the file-size limit each value of a YAML text may take: a YAML
    /// text holds at most `max_file_size / 8` values (524,288 by default), so a data file
    /// that fits the file-size limit (a reference index of 20,000 entries, about 20 values
    /// each) is not refused for its values, and raising `max_file_size` raises both.
    /// Anchors and aliases are refused, so the count cannot outgrow the file.
    public static let bytesPerYAMLValue = 8

    /// How many values one YAML text may hold under the file-size limit `maxFileSize`.
    public static func maxYAMLValues(maxFileSize: Int) -> Int { max(maxFileSize / bytesPerYAMLValue, 1) }

    /// `4194304 bytes (4 MiB)`, for messages.
    public static func describe(bytes: Int) -> String {
        let mebi = 1024 * 1024, kibi = 1024
        if bytes >= mebi && bytes % mebi == 0 { return "\(bytes) bytes (\(bytes / mebi) MiB)" }
        if bytes >= kibi && bytes % kibi == 0 { return "\(bytes) bytes (\(bytes / kibi) KiB)" }
        return "\(bytes) bytes"
    }
}
