/// Which URLs may appear in links the site prints: http, https, mailto and relative ones.
public enum URLPolicy {
    public static func isAllowed(_ url: String) -> Bool {
        let trimmed = String(url.drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" })).lowercased()
        guard let colon = trimmed.firstIndex(of: ":") else { return true }
        let scheme = trimmed[..<colon]
        // A colon after a '/', '?' or '#' belongs to a relative path, not to a scheme.
        if scheme.contains(where: { "/?#".contains($0) }) { return true }
        return ["http", "https", "mailto"].contains(String(scheme))
    }
}
