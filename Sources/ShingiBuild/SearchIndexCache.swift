import Foundation
import ShingiCore
import ShingiRender

/// The last search index made for an output folder, with the key of what it was made
/// from. Pagefind's output is not byte-identical from run to run (the order of values
/// in its filter files varies, and with it the names of its meta files), so a build whose
/// indexed pages and records did not change takes the last index instead of running
/// Pagefind again: the rebuild stays byte-identical, and is faster.
public enum SearchIndexCache {
    static let magic = Array("shingi search index cache 1\n".utf8)
    static let maxFileSize = 1 << 30

    public static func file(output: URL, in directory: URL) -> URL {
        CacheFile.url("search", for: output, in: directory)
    }

    /// The SHA-256 of every page and record Pagefind reads (path and bytes) and of the
    /// Pagefind binary's path and size.
    static func key(_ inputs: [OutputFile], executable: URL) async -> [UInt8] {
        let digests = await inputs.parallelMap { PageCache.digest($0.bytes) }
        var all: [UInt8] = []
        let size = (try? FileManager.default.attributesOfItem(atPath: executable.resolvingSymlinksInPath().path)[.size] as? Int) ?? 0
        CacheFile.append("\(executable.path)\n\(size)".utf8, to: &all)
        for (file, digest) in zip(inputs, digests) {
            CacheFile.append(file.path.utf8, to: &all)
            all += digest
        }
        return PageCache.digest(all)
    }

    /// The index the cache holds for `key`, or nil.
    static func read(_ file: URL, key: [UInt8]) async -> [OutputFile]? {
        guard let (bytes, body) = await CacheFile.read(file, magic: magic, stamp: CacheFile.programStamp(), maxSize: maxFileSize) else { return nil }
        var scanner = CacheFile.Scanner(bytes: bytes, offset: body.lowerBound)
        guard let stored = scanner.range(), bytes[stored].elementsEqual(key), let count = scanner.count() else { return nil }
        var files: [OutputFile] = []
        for _ in 0..<count {
            guard let path = scanner.range(), let content = scanner.range(),
                  let name = String(validating: bytes[path], as: UTF8.self) else { return nil }
            files.append(OutputFile(path: name, bytes: Array(bytes[content])))
        }
        return scanner.isAtEnd ? files : nil
    }

    /// Only speed and byte-identity of the next rebuild are lost when it cannot be written.
    static func write(_ files: [OutputFile], key: [UInt8], to file: URL) async {
        guard let writer = try? CacheFile.Writer(file, magic: magic, stamp: CacheFile.programStamp()) else { return }
        writer.appendBytes(key)
        writer.appendInt(UInt64(files.count))
        for output in files {
            writer.appendBytes(output.path.utf8)
            writer.appendBytes(output.bytes)
        }
        try? writer.finish()
    }
}
