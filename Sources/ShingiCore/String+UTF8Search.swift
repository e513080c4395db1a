#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension StringProtocol {
    /// The range of the first occurrence of `needle`, compared byte for byte in UTF-8.
    /// For the ASCII markup the renderer looks for in a page (`<table>`, `</p>`), this is
    /// what Foundation's `range(of:)` finds, without its trip through UTF-16 and
    /// comparison rules: on long pages that trip was a tenth of a build.
    public func utf8Range(of needle: String) -> Range<Index>? {
        guard let offset = utf8.withContiguousStorageIfAvailable({ Self.firstOffset(of: needle, in: $0) })
            ?? Array(utf8).withUnsafeBufferPointer({ Self.firstOffset(of: needle, in: $0) })
        else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: offset)
        return start..<utf8.index(start, offsetBy: needle.utf8.count)
    }

    private static func firstOffset(of needle: String, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        var needle = needle
        return needle.withUTF8 { haystack.firstOffset(of: $0) }
    }

    /// Whether `needle` occurs, compared byte for byte in UTF-8 (`utf8Range(of:)`).
    public func containsUTF8(_ needle: String) -> Bool { utf8Range(of: needle) != nil }

    /// The text before and after the first occurrence of `needle` (`utf8Range(of:)`), cut
    /// byte for byte; nil when it does not occur or is empty.
    public func splitUTF8(atFirst needle: String) -> (before: String, after: String)? {
        guard !needle.isEmpty, let found = utf8Range(of: needle) else { return nil }
        return (String(decoding: utf8[..<found.lowerBound], as: UTF8.self), String(decoding: utf8[found.upperBound...], as: UTF8.self))
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The offset of the first occurrence of `needle` at or after `start`, compared byte
    /// for byte: memchr finds each candidate by one byte of the needle, memcmp checks the
    /// rest. That byte is the first that is neither a letter nor a space (`=` of
    /// `" id=\""`): spaces and letters are most of a page, and each one found costs a memcmp.
    public func firstOffset(of needle: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        guard !needle.isEmpty else { return start }
        guard let base = baseAddress, let needleBase = needle.baseAddress else { return nil }
        let anchor = needle.firstIndex { $0 != UInt8(ascii: " ") && !(UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0 | 0x20) } ?? 0
        var start = start
        while count - start >= needle.count,
              let hit = memchr(base + start + anchor, Int32(needle[anchor]), count - start - needle.count + 1) {
            let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - anchor
            if memcmp(base + offset, needleBase, needle.count) == 0 { return offset }
            start = offset + 1
        }
        return nil
    }

    /// The offset of the first `byte` at or after `start` (memchr).
    public func firstOffset(of byte: UInt8, from start: Int = 0) -> Int? {
        guard let base = baseAddress, start < count, let hit = memchr(base + start, Int32(byte), count - start) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }
}
