import Foundation
import Mustache
import ShingiCore
import ShingiLoad
import Yams

/// A theme folder: Mustache templates (`*.mustache`, partials in `partials/`), UI strings
/// (`i18n/<lang>.yml`) and `assets/` copied as they are. swift-mustache fails silently
/// (a missing partial renders empty, a missing template renders nil), so everything it
/// would skip is checked here and reported as a diagnostic naming the file.
public struct Theme: Sendable {
    public let directory: URL
    /// What the theme's files are opened below without following links (`SiteFile`): the
    /// site root for a site's own `templates/`, the theme folder itself otherwise.
    public let root: URL
    public let library: MustacheLibrary
    public let strings: [Language: [String: String]]
    /// Template names, e.g. `layout`, `issue`, `partials/toc`.
    public let templateNames: Set<String>
    /// The SHA-256 of every template's text and every UI string: part of each page's key
    /// in the page cache (`ContextDigest`).
    let fingerprint: [UInt8]

    /// The templates every site needs: one layout and one per page kind.
    public static let requiredTemplates = [
        "layout", "home", "issues", "issue", "members", "member", "meetings", "meeting",
        "comments", "references", "page", "language-choice", "not-found",
        // Rendered by code, not only included by other templates.
        "partials/comment", "partials/comment-target", "partials/section-comments",
    ]

    /// Where the theme's paths are reported from (site-relative when the theme is the site's own).
    public let displayPrefix: String

    /// The largest template, UI-strings file or asset a theme may hold.
    public static let maxFileSize = 64 << 20

    /// - Parameter root: what every file of the theme is opened below, never through a
    ///   link (the site root for `templates/`; the theme folder for the default theme).
    public static func load(directory: URL, below root: URL? = nil, displayPrefix: String, languages: [Language], diagnostics: inout [Diagnostic]) -> Theme? {
        let root = root ?? directory
        guard SiteFile.kind(of: directory, below: root) == .directory else {
            diagnostics.append(.error("missing-theme", "the theme folder does not exist or is not a real folder; restore templates/ or delete it to use the default theme", at: SourceLocation(path: displayPrefix)))
            return nil
        }
        var templates: [String: MustacheTemplate] = [:]
        var sources: [String: (path: String, text: String)] = [:]
        let (all, symlinks) = SiteFile.tree(directory, below: root)
        // A link in a theme could publish any file of the machine (as a template, a UI
        // string or an asset): none is followed, and each is named.
        // The UI strings are required: a link there is an error when they are read.
        let required = Set(languages.map { "i18n/\($0.rawValue).yml" })
        for relative in symlinks where !required.contains(relative) {
            diagnostics.append(.warning("symlink-skipped", "symbolic links in a theme are not followed; copy the file instead", at: SourceLocation(path: displayPrefix + relative)))
        }
        for relative in all where relative.hasSuffix(".mustache") {
            let path = displayPrefix + relative
            let name = String(relative.dropLast(".mustache".count))
            guard let bytes = readFile(relative, in: directory, below: root, path: path, diagnostics: &diagnostics) else { continue }
            let text: String
            switch SourceText.decodeTemplate(bytes, path: path) {
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
            if !diagnostics.contains(where: { $0.location.path == displayPrefix + name + ".mustache" }) {
                diagnostics.append(.error("missing-template", "the theme has no template '\(name).mustache'; every page kind needs its template", at: SourceLocation(path: displayPrefix + name + ".mustache")))
            }
        }
        var strings: [Language: [String: String]] = [:]
        for language in languages {
            strings[language] = loadStrings(directory: directory, root: root, displayPrefix: displayPrefix, language: language, diagnostics: &diagnostics)
        }
        checkReferences(sources: sources, known: Set(templates.keys), strings: strings, diagnostics: &diagnostics)
        checkStringParity(strings, displayPrefix: displayPrefix, diagnostics: &diagnostics)
        return Theme(directory: directory, root: root, library: MustacheLibrary(templates: templates), strings: strings,
                     templateNames: Set(templates.keys), fingerprint: fingerprint(sources, strings), displayPrefix: displayPrefix)
    }

    private static func fingerprint(_ sources: [String: (path: String, text: String)], _ strings: [Language: [String: String]]) -> [UInt8] {
        var digest = ContextDigest()
        _ = digest.add(sources.mapValues(\.text))
        _ = digest.add(Dictionary(uniqueKeysWithValues: strings.map { ($0.key.rawValue, $0.value) }))
        return digest.finish()
    }

    /// One file of the theme, read with `SiteFile` (never through a link); nil with a
    /// diagnostic when it cannot be read, nil alone when it does not exist.
    static func readFile(_ relative: String, in directory: URL, below root: URL, path: String, diagnostics: inout [Diagnostic]) -> [UInt8]? {
        switch SiteFile.read(directory.appendingPathComponent(relative), below: root, limit: maxFileSize) {
        case .bytes(let bytes): return bytes
        case .missing: return nil
        case .symlink:
            diagnostics.append(.error("symlink-refused", "this theme file is (or lies below) a symbolic link; links in a theme are not followed: copy the file instead", at: SourceLocation(path: path)))
        case .tooLarge(let size): diagnostics.append(SiteFile.tooLarge(path: path, size: size, limit: maxFileSize))
        case .unreadable(let reason): diagnostics.append(.error("unreadable-file", "the file cannot be read: \(reason)", at: SourceLocation(path: path)))
        }
        return nil
    }

    /// The theme's `assets/`, byte for byte, as output files under `assets/` (hidden
    /// files and links left out; links were named when the theme was loaded).
    public func assetFiles() -> [OutputFile] {
        var ignored: [Diagnostic] = []
        let assets = directory.appendingPathComponent("assets")
        return SiteFile.tree(assets, below: root).files.compactMap { name in
            Self.readFile(name, in: assets, below: root, path: name, diagnostics: &ignored).map { OutputFile(path: "assets/" + name, bytes: $0) }
        }
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

    private static func loadStrings(directory: URL, root: URL, displayPrefix: String, language: Language, diagnostics: inout [Diagnostic]) -> [String: String] {
        let relative = "i18n/\(language.rawValue).yml"
        let path = displayPrefix + relative
        let count = diagnostics.count
        guard let data = readFile(relative, in: directory, below: root, path: path, diagnostics: &diagnostics) else {
            if diagnostics.count == count {
                diagnostics.append(.error("missing-strings", "the theme has no UI strings for \(language.rawValue); add \(relative)", at: SourceLocation(path: path)))
            }
            return [:]
        }
        guard case .success(let text) = SourceText.decodeTemplate(data, path: path) else {
            diagnostics.append(.error("invalid-utf8", "the file is not valid UTF-8", at: SourceLocation(path: path)))
            return [:]
        }
        do {
            guard let node = try Yams.compose(yaml: text, .basic), case .mapping(let mapping) = node else { return [:] }
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
            return [:]
        } catch {
            diagnostics.append(.error("malformed-yaml", "malformed YAML: \(error)", at: SourceLocation(path: path)))
            return [:]
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
                    for language in strings.keys.sorted() where strings[language]?[key] == nil && !(strings[language]?.isEmpty ?? true) {
                        diagnostics.append(.error("missing-string", "the UI string '\(key)' is not defined in i18n/\(language.rawValue).yml", at: location))
                    }
                default: break
                }
            }
        }
    }

    /// Every UI string must exist in every language, or a page would show its key.
    private static func checkStringParity(_ strings: [Language: [String: String]], displayPrefix: String, diagnostics: inout [Diagnostic]) {
        let languages = strings.keys.sorted().filter { !(strings[$0]?.isEmpty ?? true) }
        for language in languages {
            for other in languages where other != language {
                for key in strings[other]!.keys.sorted() where strings[language]![key] == nil {
                    diagnostics.append(.error("missing-string", "the UI string '\(key)' is in i18n/\(other.rawValue).yml but not in i18n/\(language.rawValue).yml; every language needs every string",
                                              at: SourceLocation(path: displayPrefix + "i18n/\(language.rawValue).yml")))
                }
            }
        }
    }

    /// Renders `name` with `context`; nil when the template does not exist.
    public func render(_ name: String, _ context: [String: Any]) -> String? {
        library.render(context, withTemplate: name)
    }
}

extension SourceText {
    /// Templates and UI strings are decoded like content files (BOM, CRLF, UTF-8 check).
    static func decodeTemplate(_ bytes: [UInt8], path: String) -> Result<String, Diagnostic> {
        decode(bytes, path: path).map(\.text)
    }
}
