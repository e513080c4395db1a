import ShingiCore

/// Every URL the site prints, under the base path so the site works in a sub-folder.
public struct SiteURLs: Sendable {
    /// `/` or `/sub/path/`: what root-relative links start with.
    public let basePath: String
    /// `https://host` when base_url is absolute (for the sitemap), else empty.
    public let origin: String

    public init(baseURL: String) {
        var base = baseURL.trimmingCharacters(in: .whitespaces)
        var origin = ""
        if let schemeEnd = base.range(of: "://") {
            let afterScheme = base[schemeEnd.upperBound...]
            let pathStart = afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex
            origin = String(base[..<pathStart])
            base = String(afterScheme[pathStart...])
        }
        if !base.hasPrefix("/") { base = "/" + base }
        if !base.hasSuffix("/") { base += "/" }
        self.basePath = Self.attributeSafe(base)
        self.origin = Self.attributeSafe(origin)
    }

    /// Percent-encodes what could end an HTML attribute or break a URL (quotes, `<`, `>`,
    /// `\`, backticks, spaces and control characters): every URL of the site starts with
    /// the base, and not every place that prints one escapes it.
    static func attributeSafe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                for byte in String(scalar).utf8 { result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2) }
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value <= 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) || "\"'<>\\`".unicodeScalars.contains(scalar)
    }

    public func home(_ language: Language) -> String { basePath + "\(language.rawValue)/" }
    public func issues(_ language: Language) -> String { basePath + "\(language.rawValue)/issues/" }
    public func issue(_ id: String, _ language: Language, section: String? = nil) -> String {
        basePath + "\(language.rawValue)/issues/\(id)/" + (section.map { "#" + $0 } ?? "")
    }
    public func members(_ language: Language) -> String { basePath + "\(language.rawValue)/members/" }
    public func member(_ id: String, _ language: Language) -> String { basePath + "\(language.rawValue)/members/\(id)/" }
    public func meetings(_ language: Language) -> String { basePath + "\(language.rawValue)/meetings/" }
    public func meeting(_ id: String, _ language: Language) -> String { basePath + "\(language.rawValue)/meetings/\(id)/" }
    public func comments(_ language: Language) -> String { basePath + "\(language.rawValue)/comments/" }
    public func references(_ language: Language, reference: String? = nil) -> String {
        basePath + "\(language.rawValue)/references/" + (reference.map { "#ref-" + $0 } ?? "")
    }
    /// The 意見対応表: with `meeting`, `/<lang>/meetings/<id>/responses/`, else the whole
    /// site's `/<lang>/responses/`.
    public func responses(_ meeting: String?, _ language: Language) -> String {
        meeting.map { self.meeting($0, language) + "responses/" } ?? basePath + "\(language.rawValue)/responses/"
    }
    /// The same table as CSV, beside its page.
    public func responsesCSV(_ meeting: String?, _ language: Language) -> String { responses(meeting, language) + "responses.csv" }
    public func search(_ language: Language) -> String { basePath + "\(language.rawValue)/search/" }
    /// Pagefind's index and scripts (`SearchIndexer`).
    public var searchBundle: String { basePath + "pagefind/" }
    public func page(_ slug: String, _ language: Language) -> String { basePath + "\(language.rawValue)/pages/\(slug)/" }
    /// The Atom feed of a language's comments.
    public func feed(_ language: Language) -> String { basePath + "\(language.rawValue)/feed.xml" }
    /// The Atom feed of the comments on one policy issue.
    public func issueFeed(_ id: String, _ language: Language) -> String { basePath + "\(language.rawValue)/issues/\(id)/feed.xml" }
    public func asset(_ name: String) -> String { basePath + "assets/" + name }
    public var languageChoice: String { basePath }

    /// The output file for a page URL: `…/` becomes `…/index.html`.
    public func outputPath(for url: String) -> String {
        var path = String(url.dropFirst(basePath.count))
        if let hash = path.firstIndex(of: "#") { path = String(path[..<hash]) }
        return path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path
    }

    public func absolute(_ url: String) -> String { origin + url }
}

import Foundation

