/// What `base_url` (and `--base-url`) may be. Every link, script and stylesheet of the
/// site starts with it, so it must name this site's own place and nothing else:
/// - an absolute `http` or `https` URL with a host and a path that is empty or starts with
///   exactly one `/` (`https://example.go.jp/committee/`);
/// - or a path that starts with exactly one `/` (`/`, `/committee/`).
/// Protocol-relative URLs (`//evil.example/`), empty path segments (`https://a.jp//b/`),
/// other schemes, backslashes, control characters, spaces, quotes, `&` (an entity would
/// be decoded by the browser into `/`), `?` and `#` are refused.
public enum BaseURL {
    /// Why `text` cannot be a base URL, or nil when it can.
    public static func problem(_ text: String) -> String? {
        if text.isEmpty { return "it is empty; use / for a site at the root of its host" }
        if let bad = text.unicodeScalars.first(where: isForbidden) {
            return "it contains \(describe(bad)), which a base URL may not; percent-encode it or remove it"
        }
        let lower = text.lowercased()
        var path = Substring(text)
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            let afterScheme = text[text.index(text.startIndex, offsetBy: lower.hasPrefix("https") ? 8 : 7)...]
            let hostEnd = afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex
            let host = afterScheme[..<hostEnd]
            if host.isEmpty { return "it has no host after the scheme (write https://example.go.jp/committee/)" }
            if host.contains("@") { return "it names a user ('…@host'); give only the host" }
            if let problem = hostProblem(host) { return problem }
            path = afterScheme[hostEnd...]
            if path.isEmpty { return nil }
        } else if text.hasPrefix("/") {
            // A path: checked below.
        } else if let colon = text.firstIndex(of: ":"), text[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) {
            return "its scheme '\(text[..<colon])' is not http or https"
        } else {
            return "it is neither an http(s) URL nor a path starting with '/' (write /committee/ or https://example.go.jp/committee/)"
        }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if segments.dropLast().contains(where: \.isEmpty) {
            return "its path has an empty segment ('//'), which a browser reads as another host; use single slashes"
        }
        if segments.contains(where: { $0 == "." || $0 == ".." }) { return "its path has a '.' or '..' segment; give the path as it is published" }
        return nil
    }

    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value <= 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) || "\"'<>\\`&?#^{}|".unicodeScalars.contains(scalar)
    }

    private static func hostProblem(_ host: Substring) -> String? {
        var name = host
        if let colon = host.lastIndex(of: ":"), !host.hasSuffix("]") {
            let port = host[host.index(after: colon)...]
            guard !port.isEmpty, port.allSatisfy(\.isASCII), port.allSatisfy(\.isNumber) else { return "its port '\(port)' is not a number" }
            name = host[..<colon]
        }
        if name.hasPrefix("[") && name.hasSuffix("]") { return nil }  // an IPv6 literal
        let valid = !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }
        return valid ? nil : "its host '\(name)' is not a host name (ASCII letters, digits, '-' and '.'; write an internationalised name in its xn-- form)"
    }

    private static func describe(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case " ": return "a space"
        case "\\": return "a backslash"
        case "&": return "'&' (an HTML entity such as &#47; would be read as '/')"
        default:
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { return "the control character U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4))" }
            return "'\(scalar)'"
        }
    }
}

