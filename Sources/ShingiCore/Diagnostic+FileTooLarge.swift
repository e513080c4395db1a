extension Diagnostic {
    /// A file over the size limit, reported without reading it (the loader, and `diff`
    /// for a file of a revision, which it does not export).
    public static func fileTooLarge(path: String, size: Int, limit: Int) -> Diagnostic {
        .error("file-too-large",
               "the file is \(Limits.describe(bytes: size)), more than the limit of \(Limits.describe(bytes: limit)); split it, or raise 'limits: max_file_size:' (in bytes) in shingi.yml",
               at: SourceLocation(path: path))
    }
}
