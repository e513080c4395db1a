import ShingiCore

extension SiteConfig {
    /// Reads `limits:` of shingi.yml: each a positive number of bytes, at least its minimum.
    mutating func readLimits(_ limits: inout FieldReader, diagnostics: inout [Diagnostic]) {
        func read(_ key: String, _ what: String, default value: Int, minimum: Int = 1) -> Int? {
            guard let size = limits.int(key) ?? nil else { return nil }
            guard size >= minimum else {
                let floor = minimum > 1 ? ", at least \(minimum)" : ""
                diagnostics.append(.error("invalid-limit", "\(key) is \(size); give \(what), in bytes\(floor) (default \(value))", at: limits.location(of: key)))
                return nil
            }
            return size
        }
        maxFileSize = read("max_file_size", "the largest content file to read", default: Limits.defaultMaxFileSize) ?? maxFileSize
        maxParserMemory = read("max_parser_memory", "the memory the Markdown parser may use for one file",
                               default: Limits.defaultMaxParserMemory, minimum: Limits.minParserMemory) ?? maxParserMemory
        maxPageSize = read("max_page_size", "the largest page to write", default: Limits.defaultMaxPageSize) ?? maxPageSize
        diagnostics += limits.finish()
    }
}
