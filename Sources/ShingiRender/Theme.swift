import Crypto
import Foundation
import Mustache
import ShingiCore
import ShingiLoad
import Yams

/// A theme: Mustache templates (`*.mustache`, partials in `partials/`), UI strings
/// (`i18n/<lang>.yml`) and `assets/` copied as they are, from `ThemeFiles` (the embedded
/// default theme with a site's own `templates/` laid over it). swift-mustache fails silently
/// (a missing partial renders empty, a missing template renders nil), so everything it
/// would skip is checked here and reported as a diagnostic naming the file.
public struct Theme: Sendable {
    /// The theme's files; `assets/` are published from here.
    public let files: ThemeFiles
    public let library: MustacheLibrary
    public let strings: [Language: [String: String]]
    /// Template names, e.g. `layout`, `issue`, `partials/toc`.
    public let templateNames: Set<String>
    /// The SHA-256 of every template's text and every UI string: part of the key of every
    /// page and comment in the caches (`InputDigests`).
    let fingerprint: [UInt8]

    /// The templates every site needs: one layout and one per page kind.
    public static let requiredTemplates = [
        "layout", "home", "issues", "issue", "members", "member", "meetings", "meeting",
        "comments", "references", "page", "language-choice", "not-found",
        // Rendered by code, not only included by other templates.
        "partials/comment", "partials/comment-target", "partials/section-comments", "partials/translation-notice", "partials/draft-notice",
    ]

    /// Where the theme's paths are reported from (site-relative when the theme is the site's own).
    public let displayPrefix: String

    /// Reads the folder and loads it as a whole theme (tests, a theme of its own).
    public static func load(directory: URL, displayPrefix: String, languages: [Language], diagnostics: inout [Diagnostic]) -> Theme? {
        guard let files = ThemeFiles.read(directory: directory, displayPrefix: displayPrefix, diagnostics: &diagnostics) else { return nil }
        return load(files, displayPrefix: displayPrefix, languages: languages, diagnostics: &diagnostics)
    }

    public static func load(_ files: ThemeFiles, displayPrefix: String, languages: [Language], diagnostics: inout [Diagnostic]) -> Theme? {
        var templates: [String: MustacheTemplate] = [:]
        var sources: [String: (path: String, text: String)] = [:]
        for relative in files.files.keys.sorted() where relative.hasSuffix(".mustache") {
            let file = files.files[relative]!
            let path = file.displayPath
            let name = String(relative.dropLast(".mustache".count))
            let text: String
            switch SourceText.decodeTemplate(file.bytes, path: path) {
            case .failure(let diagnostic): diagnostics.append(diagnostic); continue
            case .success(let decoded): text = decoded
            }
            do {
                ThemeEscaping.registered
                templates[name] = try MustacheTemplate(string: ThemeEscaping.pragma + text)
                sources[name] = (path, text)
            } catch let error as MustacheTemplate.ParserError {
                // Lines are counted from the pragma line in front of the template.
                diagnostics.append(.error("template-syntax", "the template does not parse: \(describe(error.error)); check the {{…}} tags around here",
                                          at: SourceLocation(path: path, line: max(1, error.context.lineNumber - 1), column: error.context.columnNumber)))
            } catch {
                diagnostics.append(.error("template-syntax", "the template does not parse: \(error)", at: SourceLocation(path: path)))
            }
        }
        for name in requiredTemplates where templates[name] == nil && sources[name] == nil {
            if files.files[name + ".mustache"] == nil {
                diagnostics.append(.error("missing-template", "the theme has no template '\(name).mustache'; every page kind needs its template", at: SourceLocation(path: displayPrefix + name + ".mustache")))
            }
        }
        var strings: [Language: [String: String]] = [:]
        // The languages whose strings were read, so a missing file is one error, not one per key.
        var loaded: [Language: String] = [:]
        for language in languages {
            let relative = "i18n/\(language.rawValue).yml"
            guard let file = files.files[relative] else {
                diagnostics.append(.error("missing-strings", "the theme has no UI strings for \(language.rawValue); add \(relative)", at: SourceLocation(path: displayPrefix + relative)))
                strings[language] = [:]
                continue
            }
            // A site's own file is laid over the default theme's key by key.
            var merged: [String: String] = [:]
            var complete = true
            for layer in [files.underlyingStrings[relative], file].compactMap({ $0 }) {
                guard let own = loadStrings(layer, diagnostics: &diagnostics) else { complete = false; continue }
                merged.merge(own) { _, own in own }
            }
            strings[language] = merged
            if complete { loaded[language] = file.displayPath }
        }
        let read = strings.filter { loaded[$0.key] != nil }
        checkCodeStrings(read, loaded: loaded, diagnostics: &diagnostics)
        checkReferences(sources: sources, known: Set(templates.keys), strings: read, diagnostics: &diagnostics)
        checkStringParity(read, displayPrefix: displayPrefix, diagnostics: &diagnostics)
        return Theme(files: files, library: MustacheLibrary(templates: templates), strings: strings,
                     templateNames: Set(templates.keys), fingerprint: fingerprint(sources, strings), displayPrefix: displayPrefix)
    }

    private static func fingerprint(_ sources: [String: (path: String, text: String)], _ strings: [Language: [String: String]]) -> [UInt8] {
        // Each name before its text, in name order: the same theme always gives the same digest.
        var writer = ValueDigest.Writer()
        writer.text("\(sources.count) templates")
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            writer.text(name)
            writer.text(source.text)
        }
        for (language, table) in strings.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            writer.text("\(table.count) strings in \(language.rawValue)")
            for (key, text) in table.sorted(by: { $0.key < $1.key }) {
                writer.text(key)
                writer.text(text)
            }
        }
        return Array(SHA256.hash(data: writer.bytes))
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case MustacheTemplate.Error.sectionCloseNameIncorrect: return "a closing {{/…}} does not match the open section"
        case MustacheTemplate.Error.unfinishedName: return "a tag is not closed with }}"
        case MustacheTemplate.Error.expectedSectionEnd: return "a section {{#…}} is never closed"
        case MustacheTemplate.Error.invalidSetDelimiter: return "a set-delimiter tag is malformed"
        default: return "\(error)"
        }
    }

    /// One UI-strings file; nil when it cannot be read (reported).
    private static func loadStrings(_ file: ThemeFiles.File, diagnostics: inout [Diagnostic]) -> [String: String]? {
        let path = file.displayPath
        guard case .success(let text) = SourceText.decodeTemplate(file.bytes, path: path) else {
            diagnostics.append(.error("invalid-utf8", "the file is not valid UTF-8", at: SourceLocation(path: path)))
            return nil
        }
        do {
            guard let node = try Yams.compose(yaml: text, .basic) else { return [:] }
            guard case .mapping(let mapping) = node else {
                diagnostics.append(.error("wrong-type", "UI strings are 'key: text' lines", at: SourceLocation(path: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)))
                return nil
            }
            var strings: [String: String] = [:]
            for (key, value) in mapping {
                guard let key = key.scalar?.string, let value = value.scalar?.string else {
                    diagnostics.append(.error("wrong-type", "UI strings are 'key: text' lines", at: SourceLocation(path: path, line: key.mark?.line ?? 1, column: key.mark?.column ?? 1)))
                    continue
                }
                strings[key] = value
            }
            return strings
        } catch let error as YamlError {
            if case .scanner(_, let problem, let mark, _) = error {
                diagnostics.append(.error("malformed-yaml", "malformed YAML: \(problem)", at: SourceLocation(path: path, line: mark.line, column: mark.column)))
            } else if case .parser(_, let problem, let mark, _) = error {
                diagnostics.append(.error("malformed-yaml", "malformed YAML: \(problem)", at: SourceLocation(path: path, line: mark.line, column: mark.column)))
            } else {
                diagnostics.append(.error("malformed-yaml", "malformed YAML: \(error)", at: SourceLocation(path: path)))
            }
            return nil
        } catch {
            diagnostics.append(.error("malformed-yaml", "malformed YAML: \(error)", at: SourceLocation(path: path)))
            return nil
        }
    }

    /// Every key Swift code uses (`UIString`) must be defined in each language read.
    private static func checkCodeStrings(_ strings: [Language: [String: String]], loaded: [Language: String], diagnostics: inout [Diagnostic]) {
        for language in strings.keys.sorted() {
            for key in UIString.allCases where strings[language]?[key] == nil {
                diagnostics.append(.error("missing-string", "the UI string '\(key.rawValue)' is not defined in i18n/\(language.rawValue).yml; shingi's pages use it, add '\(key.rawValue): …'",
                                          at: SourceLocation(path: loaded[language]!)))
            }
        }
    }

    /// Every `{{> partial}}` must exist and every `{{t.key}}` must be defined in each language.
    private static func checkReferences(sources: [String: (path: String, text: String)], known: Set<String>,
                                        strings: [Language: [String: String]], diagnostics: inout [Diagnostic]) {
        for name in sources.keys.sorted() {
            let (path, text) = sources[name]!
            for tag in TemplateTags.scan(text) {
                let location = SourceLocation(path: path, line: tag.line, column: tag.column)
                switch tag.kind {
                case .partial(let partial) where !known.contains(partial):
                    diagnostics.append(.error("missing-partial", "the partial '\(partial)' does not exist; add \(partial).mustache to the theme", at: location))
                case .string(let key):
                    for language in strings.keys.sorted() where strings[language]?[key] == nil {
                        diagnostics.append(.error("missing-string", "the UI string '\(key)' is not defined in i18n/\(language.rawValue).yml", at: location))
                    }
                default: break
                }
            }
        }
    }

    /// Every UI string must exist in every language, or a page would show its key.
    private static func checkStringParity(_ strings: [Language: [String: String]], displayPrefix: String, diagnostics: inout [Diagnostic]) {
        let languages = strings.keys.sorted()
        for language in languages {
            for other in languages where other != language {
                for key in strings[other]!.keys.sorted() where strings[language]![key] == nil {
                    diagnostics.append(.error("missing-string", "the UI string '\(key)' is in i18n/\(other.rawValue).yml but not in i18n/\(language.rawValue).yml; every language needs every string",
                                              at: SourceLocation(path: displayPrefix + "i18n/\(language.rawValue).yml")))
                }
            }
        }
    }

    /// The same templates and strings with the files (assets) of `files`: after a change
    /// to assets only, the templates need not be parsed again.
    public func withFiles(_ files: ThemeFiles) -> Theme {
        Theme(files: files, library: library, strings: strings, templateNames: templateNames,
              fingerprint: fingerprint, displayPrefix: displayPrefix)
    }

    /// Renders `name` with `context`; nil when the template does not exist.
    public func render(_ name: String, _ context: some TemplateContext) -> String? {
        library.render(TemplateTree.of(context), withTemplate: name)
    }
}

extension SourceText {
    /// Templates and UI strings are decoded like content files (BOM, CRLF, UTF-8 check).
    static func decodeTemplate(_ bytes: [UInt8], path: String) -> Result<String, Diagnostic> {
        decode(bytes, path: path).map(\.text)
    }
}
