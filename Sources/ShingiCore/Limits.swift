/// Bounds that keep hostile or broken input from exhausting the build: no real committee
/// paper comes near them. Only the file size can be changed (`limits: max_file_size:` in
/// shingi.yml, in bytes); the others are fixed.
public enum Limits {
    /// The largest content file (`.md` or `.yml`) read, in bytes, unless shingi.yml says otherwise.
    public static let defaultMaxFileSize = 4 * 1024 * 1024
    /// How deep block quotes, lists, emphasis and links may nest in a Markdown body.
    public static let maxMarkdownNesting = 100
    /// How deep YAML mappings and lists may nest (libyaml's own limit, reported by us).
    public static let maxYAMLNesting = 1000
    /// How many values one YAML text may hold.
    public static let maxYAMLNodes = 100_000

    /// `4194304 bytes (4 MiB)`, for messages.
    public static func describe(bytes: Int) -> String {
        let mebi = 1024 * 1024, kibi = 1024
        if bytes >= mebi && bytes % mebi == 0 { return "\(bytes) bytes (\(bytes / mebi) MiB)" }
        if bytes >= kibi && bytes % kibi == 0 { return "\(bytes) bytes (\(bytes / kibi) KiB)" }
        return "\(bytes) bytes"
    }
}
