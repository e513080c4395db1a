import Foundation
import ShingiCore
import Yams

/// Reads the YAML data files: `shingi.yml`, `members.yml`, `meetings.yml`, `references.yml`.
struct DataFileLoader {
    let root: URL
    let languages: [Language]
    var maxFileSize = Limits.defaultMaxFileSize

    /// The file's text, or nil when it does not exist. A data file under `content/` that is a
    /// symbolic link (or lies below one) counts as missing: the content listing has warned
    /// about it. Read with `SiteFile`, so nothing outside `root` is ever read.
    static func readText(_ url: URL, below root: URL, path: String, limit: Int) -> Result<SourceText, Diagnostic>? {
        switch SiteFile.read(url, below: root, limit: limit) {
        case .missing, .symlink: return nil
        case .tooLarge(let size): return .failure(SiteFile.tooLarge(path: path, size: size, limit: limit))
        case .unreadable(let reason): return .failure(.error("unreadable-file", "the file cannot be read: \(reason)", at: SourceLocation(path: path)))
        case .bytes(let bytes): return SourceText.decode(bytes, path: path)
        }
    }

    /// The top-level YAML of a data file, or nil when the file does not exist.
    static func document(at url: URL, below root: URL, path: String, limit: Int, diagnostics: inout [Diagnostic]) -> YAMLDocument? {
        guard let text = readText(url, below: root, path: path, limit: limit) else { return nil }
        switch text.flatMap({ YAMLDocument.parse($0.text, path: path, maxFileSize: limit) }) {
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        case .success(let document):
            return document
        }
    }

    static func loadConfig(root: URL, diagnostics: inout [Diagnostic]) -> SiteConfig {
        let path = "shingi.yml"
        var config = SiteConfig(title: Localized([.ja: "shingi", .en: "shingi"]))
        let url = root.appendingPathComponent(path)
        switch SiteFile.kind(of: url, below: root) {
        case .missing:
            var isDirectory: ObjCBool = false
            let folder = root.standardizedFileURL.path
            let message = !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory)
                ? "the site root \(folder) does not exist; pass --root with the folder that holds shingi.yml"
                : !isDirectory.boolValue
                ? "the site root \(folder) is a file, not a folder; pass --root with the folder that holds shingi.yml"
                : "the site root \(folder) has no shingi.yml; start a site there with 'shingi init \(folder)' or pass --root with the folder that holds shingi.yml"
            diagnostics.append(.error("missing-config", message, at: SourceLocation(path: path, line: 1, column: 1)))
            return config
        case .symlink:
            // A link could make the site's titles, base_url and limits another file's.
            diagnostics.append(.error("symlink-refused", "shingi.yml is a symbolic link; shingi reads no file of a site through a link: copy the file here instead", at: SourceLocation(path: path, line: 1, column: 1)))
            return config
        default:
            break
        }
        guard let document = document(at: url, below: root, path: path, limit: Limits.defaultMaxFileSize, diagnostics: &diagnostics),
              var reader = FieldReader(document.root, in: document, subject: "shingi.yml", diagnostics: &diagnostics) else {
            return config
        }
        var languages: [Language] = []
        for (code, location) in reader.stringList("languages") {
            guard let language = Language(rawValue: code) else {
                diagnostics.append(.error("unknown-language", "language '\(code)' is not supported; use ja and en", at: location))
                continue
            }
            languages.append(language)
        }
        if languages.isEmpty { languages = Language.allCases }
        config.languages = Language.allCases.filter(languages.contains)
        config.title = reader.localized("title", required: true, languages: config.languages)
        config.shortTitle = reader.localized("short_title", languages: config.languages)
        // Page titles, the header and the footer show the short title; without one they
        // show the full title rather than nothing (and no dangling " | ").
        if config.shortTitle.isEmpty { config.shortTitle = config.title }
        config.baseURLLocation = reader.location(of: "base_url")
        if let base = reader.string("base_url") {
            if let problem = BaseURL.problem(base) {
                diagnostics.append(.error("unsafe-url", "base_url '\(base)' cannot be used: \(problem); every link, script and stylesheet of the site starts with it", at: reader.location(of: "base_url")))
            } else {
                config.baseURL = base
            }
        }
        if var source = reader.nested("source", subject: "source in shingi.yml") {
            config.source = SourceDocument.read(&source, languages: config.languages, diagnostics: &diagnostics)
        }
        if let search = reader.bool("search") { config.search = search }
        if let sitemap = reader.bool("sitemap") { config.sitemap = sitemap }
        if var limits = reader.nested("limits", subject: "limits in shingi.yml") {
            config.readLimits(&limits, diagnostics: &diagnostics)
        }
        if let code = reader.string("default_language") {
            if let language = Language(rawValue: code), config.languages.contains(language) {
                config.defaultLanguage = language
            } else {
                diagnostics.append(.error("unknown-language", "default_language '\(code)' is not one of the site's languages", at: reader.location(of: "default_language")))
            }
        } else {
            config.defaultLanguage = config.languages[0]
        }
        diagnostics += reader.finish()
        return config
    }

    /// The entries of a list-shaped data file, each as a field reader.
    private func entries(_ file: String, diagnostics: inout [Diagnostic], body: (inout FieldReader, inout [Diagnostic]) -> Void) {
        let path = "content/\(file)"
        guard let document = Self.document(at: root.appendingPathComponent(path), below: root, path: path, limit: maxFileSize, diagnostics: &diagnostics) else { return }
        guard case .sequence(let sequence) = document.root else {
            diagnostics.append(.error("wrong-type", "\(path) must be a list of entries, each starting with '- id: …'", at: document.location(of: document.root)))
            return
        }
        for (index, node) in sequence.enumerated() {
            let idText: String? = node.mapping?["id"]?.scalar?.string
            let label = idText.map { "entry '\($0)'" } ?? "entry \(index + 1)"
            guard var reader = FieldReader(node, in: document, subject: "\(file) \(label)", diagnostics: &diagnostics) else { continue }
            body(&reader, &diagnostics)
            diagnostics += reader.finish()
        }
    }

    func members(diagnostics: inout [Diagnostic]) -> [Member] {
        var members: [Member] = []
        entries("members.yml", diagnostics: &diagnostics) { reader, diagnostics in
            let id = reader.string("id", required: true, example: "goto")
            let name = reader.localized("name", required: true, languages: languages)
            var role = reader.string("role", required: true, example: "member") ?? "member"
            if !Member.roles.contains(role) {
                diagnostics.append(.error("invalid-value", "role '\(role)' is not one of \(Member.roles.joined(separator: ", "))"
                                          + Suggestion.hint(for: role, in: Member.roles), at: reader.location(of: "role")))
                role = "member"
            }
            let affiliation = reader.localized("affiliation", languages: languages)
            guard let id, Identifier.check(id, what: "member", at: reader.location(of: "id"), into: &diagnostics), !name.isEmpty else { return }
            members.append(Member(id: id, name: name, role: role, affiliation: affiliation, location: reader.location))
        }
        return members
    }

    func meetings(diagnostics: inout [Diagnostic]) -> [Meeting] {
        var meetings: [Meeting] = []
        entries("meetings.yml", diagnostics: &diagnostics) { reader, diagnostics in
            let id = reader.string("id", required: true, example: "\"14\"")
            let number = reader.int("number", required: true, allowNull: true)
            let date = reader.date("date", required: true)
            let title = reader.localized("title", languages: languages)
            let note = reader.localized("note", languages: languages)
            guard let id, Identifier.check(id, what: "meeting", at: reader.location(of: "id"), into: &diagnostics),
                  let number, let date else { return }
            meetings.append(Meeting(id: id, number: number, date: date, title: title, note: note, location: reader.location))
        }
        return meetings
    }

    func references(diagnostics: inout [Diagnostic]) -> [Reference] {
        var references: [Reference] = []
        entries("references.yml", diagnostics: &diagnostics) { reader, diagnostics in
            let id = reader.string("id", required: true, example: "tebiki")
            let title = reader.localized("title", required: true, languages: languages)
            let publisher = reader.localized("publisher", languages: languages)
            let date = reader.date("date", allowReducedPrecision: true)
            let url = reader.string("url")
            let note = reader.localized("note", languages: languages)
            if let url, !URLPolicy.isAllowed(url) {
                diagnostics.append(.error("unsafe-url", "url '\(url)' is not an http(s), mailto or relative URL", at: reader.location(of: "url")))
            }
            guard let id, Identifier.check(id, what: "reference", at: reader.location(of: "id"), into: &diagnostics), !title.isEmpty else { return }
            if title[.ja] == nil {
                diagnostics.append(.error("missing-field", "references.yml entry '\(id)' is missing the required field 'title.ja'", at: reader.location(of: "title")))
            }
            references.append(Reference(id: id, number: references.count + 1, title: title, publisher: publisher, date: date,
                                        url: url.flatMap { URLPolicy.isAllowed($0) ? $0 : nil }, note: note, location: reader.location))
        }
        return references
    }
}
