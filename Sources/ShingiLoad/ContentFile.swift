import Foundation
import ShingiCore

/// A Markdown file under `content/`, with the item its place gives it.
struct ContentFile: Sendable {
    var address: ContentAddress
    var url: URL
    var path: String

    var language: Language { address.language }

    /// A regular file below `content/` as the site reads it, for the full walk and a single
    /// changed path alike: a Markdown file classified by its place (one over the size limit
    /// reported), a `.yml` file nothing here (the data files are read on their own), any
    /// other file reported.
    static func regular(relative: String, url: URL, size: Int, config: SiteConfig, diagnostics: inout [Diagnostic]) -> ContentFile? {
        let path = "content/" + relative
        guard relative.hasSuffix(".md") else {
            if !relative.hasSuffix(".yml") {
                diagnostics.append(.warning("unexpected-file", "this file is not part of the site; content/ holds .md and .yml files only", at: SourceLocation(path: path)))
            }
            return nil
        }
        guard size <= config.maxFileSize else {
            diagnostics.append(SiteFile.tooLarge(path: path, size: size, limit: config.maxFileSize))
            return nil
        }
        return classify(relative: relative, url: url, languages: config.languages, diagnostics: &diagnostics)
    }

    /// A file where one of the kinds' files stand (`ContentKind`); anything else is reported.
    static func classify(relative: String, url: URL, languages: [Language], diagnostics: inout [Diagnostic]) -> ContentFile? {
        let path = "content/" + relative
        let location = SourceLocation(path: path)
        switch ContentAddress.parse(relative: relative, languages: languages) {
        case .success(let address):
            return ContentFile(address: address, url: url, path: path)
        case .failure(.emptyPart(let name)):
            diagnostics.append(.error("invalid-file-name", "'\(name)' has an empty part between dots; name a content file <name>.<lang>.md with no '..' and no dot at either end of <name>", at: location))
        case .failure(.noLanguage):
            diagnostics.append(.warning("missing-language-suffix", "a content file is named <name>.<lang>.md with lang one of \(languages.map(\.rawValue).joined(separator: ", ")); this file is skipped", at: location))
        case .failure(.unlistedLanguage(let language)):
            diagnostics.append(.warning("unknown-language", "language '\(language.rawValue)' is not listed in shingi.yml; this file is skipped", at: location))
        case .failure(.misplaced):
            diagnostics.append(.warning("unexpected-file", "this Markdown file is not where the site looks: \(ContentKind.patterns)", at: location))
        }
        return nil
    }
}
