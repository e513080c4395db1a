import Foundation

/// The frame of every file shingi keeps between builds (parsed Markdown, rendered pages):
/// a magic line naming the kind, the stamp of the program that wrote it, a checksum of
/// the rest, then the body. A file of another kind or program, damaged or truncated, is
/// not used at all; a file is replaced atomically, so a reader sees the old one or the
/// new one. Integers are 8-byte little-endian; byte strings are length-prefixed.
public enum CacheFile {
    /// The cache file of `kind` for `path` (a site root or output folder) in `directory`.
    public static func url(_ kind: String, for path: URL, in directory: URL) -> URL {
        let hash = Array(path.standardizedFileURL.path.utf8).withUnsafeBufferPointer { fnv1a($0) }
        let digits = String(hash, radix: 16)
        return directory.appendingPathComponent(kind + "-" + String(repeating: "0", count: 16 - digits.count) + digits)
    }

    /// This program's identity (its executable's device, inode, size and modification
    /// time): a cache written by another build of shingi is not used.
    public static func programStamp() -> String {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return CommandLine.arguments.first ?? "" }
        return "\(info.st_dev):\(info.st_ino):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    /// The whole file and the range of its body, when it is a `magic` file of `stamp`
    /// whose checksum holds; nil when it is missing, foreign, damaged or over `maxSize`.
    public static func read(_ url: URL, magic: [UInt8], stamp: String, maxSize: Int) async -> (bytes: [UInt8], body: Range<Int>)? {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size <= maxSize,
              let bytes = BlockingIO.read(descriptor, count: Int(info.st_size)) else {
            close(descriptor)
            return nil
        }
        close(descriptor)
        guard bytes.starts(with: magic) else { return nil }
        var scanner = Scanner(bytes: bytes, offset: magic.count)
        guard let stampRange = scanner.range(), bytes[stampRange].elementsEqual(stamp.utf8), let sum = scanner.int() else { return nil }
        let body = scanner.offset..<bytes.count
        guard await checksum(bytes[body]) == sum else { return nil }
        return (bytes, body)
    }

    /// Reads integers and length-prefixed ranges of a cache file's bytes.
    public struct Scanner {
        public let bytes: [UInt8]
        public private(set) var offset: Int

        public init(bytes: [UInt8], offset: Int) {
            self.bytes = bytes
            self.offset = offset
        }

        public var isAtEnd: Bool { offset == bytes.count }

        public mutating func int() -> UInt64? {
            guard bytes.count - offset >= 8 else { return nil }
            var value: UInt64 = 0
            for index in (0..<8).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
            offset += 8
            return value
        }

        /// A count of items still to come, each taking at least one byte (so a forged
        /// count cannot make a reader reserve memory for more than the file holds).
        public mutating func count() -> Int? {
            guard let count = int(), count <= UInt64(bytes.count - offset) else { return nil }
            return Int(count)
        }

        public mutating func range() -> Range<Int>? {
            guard let count = count() else { return nil }
            defer { offset += count }
            return offset..<offset + count
        }

        /// A length-prefixed text (`appendText`) that is valid UTF-8.
        public mutating func text() -> String? {
            range().flatMap { String(validating: bytes[$0], as: UTF8.self) }
        }
    }

    public static func appendInt(_ value: UInt64, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    /// A text after its length in bytes, as `Scanner.text` reads it.
    public static func appendText(_ text: String, to out: inout [UInt8]) {
        appendInt(UInt64(text.utf8.count), to: &out)
        out.append(contentsOf: text.utf8)
    }

    public static func append<Bytes: Collection<UInt8>>(_ bytes: Bytes, to out: inout [UInt8]) {
        appendInt(UInt64(bytes.count), to: &out)
        out.append(contentsOf: bytes)
    }

    /// The size of the blocks the checksum sums one by one.
    static let checksumBlock = 1 << 20

    /// FNV-1a of each 1 MiB block (in parallel), then of the blocks' sums: catches a
    /// damaged file. What makes a hit exact is the entry itself, not this sum.
    static func checksum(_ bytes: ArraySlice<UInt8>) async -> UInt64 {
        let block = checksumBlock
        let starts = Array(stride(from: bytes.startIndex, to: bytes.endIndex, by: block))
        let sums = await starts.parallelMap { start in
            bytes[start..<min(start + block, bytes.endIndex)].withUnsafeBufferPointer { fnv1a($0) }
        }
        return sums.withUnsafeBytes { fnv1a($0.bindMemory(to: UInt8.self)) }
    }

    /// FNV-1a: stable from run to run (file names, checksums), unlike `Hasher`.
    static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
