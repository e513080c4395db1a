import Foundation
import ShingiCore
import Yams

/// Reads the YAML data files: `shingi.yml`, `members.yml`, `meetings.yml`, `references.yml`.
struct DataFileLoader {
    let root: URL
    let languages: [Language]
    var maxFileSize = Limits.defaultMaxFileSize

    /// The file's text, or nil when it does not exist. A data file under `content/` that is a
    /// symbolic link counts as missing (the content listing has warned about it).
    static func readText(_ url: URL, path: String, limit: Int, followSymlinks: Bool = false) -> Result<SourceText, Diagnostic>? {
        let target = followSymlinks ? url.resolvingSymlinksInPath() : url
        switch SiteFile.read(target, limit: limit) {
        case .missing, .symlink: return nil
        case .tooLarge(let size): return .failure(SiteFile.tooLarge(path: path, size: size, limit: limit))
        case .unreadable(let reason): return .failure(.error("unreadable-file", "the file cannot be read: \(reason)", at: SourceLocation(path: path)))
        case .bytes(let bytes): return SourceText.decode(bytes, path: path)
        }
    }

    /// The top-level YAML of a data file, or nil when the file does not exist.
    static func document(at url: URL, path: String, limit: Int, followSymlinks: Bool = false, diagnostics: inout [Diagnostic]) -> YAMLDocument? {
        guard let text = readText(url, path: path, limit: limit, followSymlinks: followSymlinks) else { return nil }
        switch text.flatMap({ YAMLDocument.parse($0.text, path: path) }) {
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
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path) else {
            diagnostics.append(.error("missing-config", "no shingi.yml in the site root; run 'shingi init' or pass --root", at: SourceLocation(path: path, line: 1, column: 1)))
            return config
        }
        // shingi.yml is the operator's own file: it may be a link, and is read within the default limit.
        guard let document = document(at: root.appendingPathComponent(path), path: path, limit: Limits.defaultMaxFileSize,
                                      followSymlinks: true, diagnostics: &diagnostics),
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
        if let base = reader.string("base_url") {
            if !URLPolicy.isAllowed(base) {
                diagnostics.append(.error("unsafe-url", "base_url '\(base)' is not an http(s) or relative URL; every link of the site starts with it", at: reader.location(of: "base_url")))
            } else if base.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || " \"'<>\\`".unicodeScalars.contains($0) }) {
                diagnostics.append(.error("unsafe-url", "base_url '\(base)' may not contain spaces, quotes, '<', '>', '\\', '`' or control characters; percent-encode them", at: reader.location(of: "base_url")))
            } else {
                config.baseURL = base
            }
        }
        if var source = reader.nested("source", subject: "source in shingi.yml") {
            config.source = SourceDocument.read(&source, languages: config.languages, diagnostics: &diagnostics)
        }
        if var limits = reader.nested("limits", subject: "limits in shingi.yml") {
            if let size = limits.int("max_file_size") ?? nil {
                if size > 0 {
                    config.maxFileSize = size
                } else {
                    diagnostics.append(.error("invalid-limit", "max_file_size is \(size); give the largest content file to read, in bytes (default \(Limits.defaultMaxFileSize))", at: limits.location(of: "max_file_size")))
                }
            }
            diagnostics += limits.finish()
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
        guard let document = Self.document(at: root.appendingPathComponent(path), path: path, limit: maxFileSize, diagnostics: &diagnostics) else { return }
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
            let role = reader.string("role", required: true, example: "member") ?? "member"
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
            guard let id, Identifier.check(id, what: "meeting", at: reader.location(of: "id"), into: &diagnostics),
                  let number, let date else { return }
            meetings.append(Meeting(id: id, number: number, date: date, title: title, location: reader.location))
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
