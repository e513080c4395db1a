import Foundation
import ShingiCore
import ShingiLoad
import ShingiResolve

/// `shingi translations --mark`: records in a translation the hashes of its source's
/// current text, rewriting only its `translation_of` field.
public struct TranslationMarker: Sendable {
    public let root: URL
    public let site: ResolvedSite

    public init(root: URL, site: ResolvedSite) {
        self.root = root
        self.site = site
    }

    /// The site-relative path of `argument` (given relative to the root, or as a path
    /// from the working directory to a file under the root).
    public func sitePath(_ argument: String) -> String {
        if site.translationSource(of: argument) != nil { return argument }
        let rootPath = root.standardizedFileURL.path
        let absolute = URL(fileURLWithPath: argument).standardizedFileURL.path
        guard absolute.hasPrefix(rootPath + "/") else { return argument }
        return String(absolute.dropFirst(rootPath.count + 1))
    }

    /// Marks the translation at `path` (relative to the root) as made from its source's
    /// current text; a diagnostic when it cannot.
    public func mark(_ path: String) -> Diagnostic? {
        let location = SourceLocation(path: path)
        guard let source = site.translationSource(of: path) else {
            return .error("not-a-translation", "\(path) is not the translation of an item: it is no item's file or is in the item's source language (default_language \(site.config.defaultLanguage.rawValue) unless the item gives source_language); give the path of a translation such as content/issues/1/index.en.md", at: location)
        }
        let url = root.appendingPathComponent(path)
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            return .error("unreadable-file", "the file cannot be read", at: location)
        }
        guard let edited = FrontMatterEdit.replacing("translation_of", with: FrontMatterEdit.translationOfLines(SourceParts(source)), in: text) else {
            return .error("missing-front-matter", "the file has no front matter to record the translation in", at: location)
        }
        do {
            try Data(edited.utf8).write(to: url, options: .atomic)
        } catch {
            return .error("write-failed", "\(error)", at: location)
        }
        return nil
    }
}
