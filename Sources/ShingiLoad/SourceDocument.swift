import ShingiCore

/// The original document a site presents (`source:` in shingi.yml): its title in each
/// language, and optionally its date and the address where it is published. The footer
/// names it where it says to refer to the original, and the home page shows its date.
public struct SourceDocument: Sendable, Hashable, Encodable {
    public var title: Localized<String>
    public var date: ISODate?
    public var url: String?

    public init(title: Localized<String>, date: ISODate? = nil, url: String? = nil) {
        self.title = title
        self.date = date
        self.url = url
    }

    static func read(_ reader: inout FieldReader, languages: [Language], diagnostics: inout [Diagnostic]) -> SourceDocument? {
        let title = reader.localized("title", required: true, languages: languages)
        let date = reader.date("date")
        var url = reader.string("url")
        if let value = url, !(value.hasPrefix("https://") || value.hasPrefix("http://")) || !URLPolicy.isAllowed(value) {
            diagnostics.append(.error("unsafe-url", "source url '\(value)' is not an http(s) address; give where the original document is published, or leave url out", at: reader.location(of: "url")))
            url = nil
        }
        diagnostics += reader.finish()
        return title.isEmpty ? nil : SourceDocument(title: title, date: date, url: url)
    }
}
