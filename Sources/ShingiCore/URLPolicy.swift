/// Which URLs may appear in links the site prints: http, https, mailto and relative ones.
public enum URLPolicy {
    public static let allowedSchemes: Set<String> = ["http", "https", "mailto"]

    public static func isAllowed(_ url: String) -> Bool {
        guard let scheme = scheme(of: url) else { return true }
        return allowedSchemes.contains(scheme)
    }

    /// The scheme as RFC 3986 defines it (a letter, then letters, digits, `+`, `-`, `.`,
    /// up to the first `:`), lower-cased; nil for a relative URL such as `foo):` or
    /// `2021-06-02T10:00.html`. Browsers ignore tabs and newlines anywhere in a URL and
    /// control characters and spaces before it, so those are skipped first.
    public static func scheme(of url: String) -> String? {
        let scalars = url.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }.drop { $0.value <= 0x20 }
        var scheme = ""
        for scalar in scalars {
            if scalar == ":" { return scheme.isEmpty ? nil : scheme.lowercased() }
            let isLetter = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
            let isOther = ("0"..."9").contains(scalar) || scalar == "+" || scalar == "-" || scalar == "."
            guard isLetter || (!scheme.isEmpty && isOther) else { return nil }
            scheme.unicodeScalars.append(scalar)
        }
        return nil
    }
}
