/// The key of the in-memory site a request path can name. Paths are percent-decoded
/// segment by segment and never resolved: a segment that is `.` or `..`, an encoded `/`,
/// a backslash, a NUL or another control character, invalid percent-encoding or UTF-8,
/// an empty segment (`//`) or a target that is not an absolute path makes the path name
/// nothing. Keys are only ever looked up in the map of built files, never on disk.
struct SitePath: Sendable, Equatable {
    /// The decoded path below the site root, `/`-separated, without a leading `/`; empty
    /// for the root.
    var path: String
    /// The request ended with `/` (or was `/`): it names the folder's `index.html`.
    var isDirectory: Bool

    /// The file a directory path names.
    var key: String {
        guard isDirectory else { return path }
        return path.isEmpty ? "index.html" : path + "/index.html"
    }

    init?(requestTarget target: String) {
        var raw = Substring(target)
        if let end = raw.firstIndex(where: { $0 == "?" || $0 == "#" }) { raw = raw[..<end] }
        guard raw.first == "/", !raw.contains("\\") else { return nil }
        let segments = raw.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        var decoded: [String] = []
        for (index, segment) in segments.enumerated() {
            if segment.isEmpty {
                // Only the last segment may be empty: a trailing slash.
                guard index == segments.count - 1 else { return nil }
                continue
            }
            guard let text = Self.decode(segment), text != ".", text != ".." else { return nil }
            decoded.append(text)
        }
        self.path = decoded.joined(separator: "/")
        self.isDirectory = segments.last?.isEmpty ?? true
    }

    /// One percent-decoded segment, or nil when it is malformed or holds a byte no site
    /// file name has.
    private static func decode(_ segment: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(segment.utf8.count)
        var iterator = segment.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        guard !bytes.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") }) else {
            return nil
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
