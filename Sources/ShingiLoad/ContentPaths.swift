import Foundation
import ShingiCore

/// Lists the files under `content/` with POSIX calls, so that what a name really is
/// decides what happens to it, not what Foundation makes of it:
/// - names are NFC-normalised (macOS may write them decomposed, NFD); two names in one
///   folder that become the same are an error naming both, and only one is read;
/// - a name that is not valid UTF-8 is an error with the offending byte;
/// - symbolic links (to files or folders) are never followed, so nothing outside the
///   site can be read into it; FIFOs, sockets and devices are never opened;
/// - hidden entries (`.git`, `.DS_Store`, editor lock files) are ignored;
/// - a Markdown file over the size limit is reported and not read (`ContentFile.regular`).
enum ContentPaths {
    struct Entry {
        /// Site-relative path in NFC, e.g. `content/issues/1/index.ja.md`: the file's identity.
        var path: String
        /// Path relative to `content/`, NFC.
        var relative: String
        /// Where the file is on disk (the name as stored, which may be NFD).
        var url: URL
        var size: Int
    }

    /// Every regular file below `content/`, sorted by path, with diagnostics for what is skipped.
    static func regularFiles(under contentURL: URL, diagnostics: inout [Diagnostic]) -> [Entry] {
        var found: [(relative: String, stored: String, size: Int)] = []
        walk(directory: contentURL.path, relative: "", stored: "", diagnostics: &diagnostics, files: &found)
        return found.map { relative, stored, size in
            Entry(path: "content/" + relative, relative: relative, url: contentURL.appendingPathComponent(stored), size: size)
        }.sorted { $0.path < $1.path }
    }

    /// What an entry below `content/` is, by its `lstat` mode.
    enum EntryKind { case folder, file, skipped }

    /// The one place the walk and a single changed path (`ContentLoader.contentFile`)
    /// decide what an entry is: a link or a pipe, socket or device is skipped with a
    /// warning naming `path`.
    static func kind(mode: mode_t, path: String, diagnostics: inout [Diagnostic]) -> EntryKind {
        switch mode & S_IFMT {
        case S_IFDIR: return .folder
        case S_IFREG: return .file
        case S_IFLNK:
            diagnostics.append(.warning("symlink-skipped", "symbolic links in content/ are not followed; copy the file instead", at: SourceLocation(path: path)))
            return .skipped
        default:
            diagnostics.append(.warning("unexpected-file", "this is not a regular file (a pipe, socket or device) and is not read; content/ holds .md and .yml files only", at: SourceLocation(path: path)))
            return .skipped
        }
    }

    /// Visits one folder: `relative` is its NFC path below `content/` (empty or ending in
    /// `/`), `stored` the same path as the names are stored.
    private static func walk(directory: String, relative: String, stored: String, diagnostics: inout [Diagnostic],
                             files: inout [(relative: String, stored: String, size: Int)]) {
        var byNormalName: [String: [(stored: String, raw: [UInt8])]] = [:]
        for raw in names(in: directory) where raw.first != UInt8(ascii: ".") {
            let shown = String(decoding: raw, as: UTF8.self)
            if let bad = SourceText.firstInvalidUTF8Offset(raw[...]) {
                diagnostics.append(.error("invalid-file-name",
                    "this name is not valid UTF-8 (byte \(bad + 1) of the name is 0x\(String(raw[bad], radix: 16, uppercase: true))); rename it",
                    at: SourceLocation(path: "content/" + relative + shown)))
                continue
            }
            // An ASCII name is its own NFC form (most names: Foundation's normalisation is slow).
            let normal = raw.allSatisfy { $0 < 0x80 } ? shown : shown.precomposedStringWithCanonicalMapping
            byNormalName[normal, default: []].append((shown, raw))
        }
        // Swift compares strings by canonical equivalence, so group by bytes of the NFC form.
        for normal in byNormalName.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let group = byNormalName[normal]!.sorted { $0.raw.lexicographicallyPrecedes($1.raw) }
            let kept = group.first { normal.utf8.elementsEqual($0.raw) } ?? group[0]
            for other in group where other.raw != kept.raw {
                diagnostics.append(.error("name-collision",
                    "'\(relative + normal)' exists twice in content/ once names are Unicode-normalised (NFC): this one is written with decomposed characters (NFD, as macOS may save names); keep one of the two",
                    at: SourceLocation(path: "content/" + relative + other.stored)))
            }
            let storedPath = stored + kept.stored
            let fullPath = directory + "/" + kept.stored
            var info = stat()
            guard lstat(fullPath, &info) == 0 else { continue }
            let path = "content/" + relative + normal
            switch kind(mode: info.st_mode, path: path, diagnostics: &diagnostics) {
            case .folder:
                walk(directory: fullPath, relative: relative + normal + "/", stored: storedPath + "/", diagnostics: &diagnostics, files: &files)
            case .file:
                files.append((relative + normal, storedPath, Int(info.st_size)))
            case .skipped:
                break
            }
        }
    }

    /// The raw names in a folder, as bytes.
    private static func names(in directory: String) -> [[UInt8]] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var result: [[UInt8]] = []
        while let entry = readdir(dir) {
            let name: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { buffer in
                Array(buffer.prefix { $0 != 0 })
            }
            if name == [UInt8(ascii: ".")] || name == [UInt8(ascii: "."), UInt8(ascii: ".")] { continue }
            result.append(name)
        }
        return result
    }
}
