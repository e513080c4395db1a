import ShingiCore

/// Ids become URL path segments (`/ja/members/<id>/`), so they are limited to characters
/// that need no escaping and cannot climb out of a folder: ASCII letters, digits, `-`,
/// `_` and `.`, starting with a letter or digit (no `..`, `/`, `\`, `%2f`, hidden names
/// or option-like `-x`).
enum Identifier {
    static func isValid(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, isAlphanumeric(first), !id.containsUTF8("..") else { return false }
        return id.unicodeScalars.allSatisfy { isAlphanumeric($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    static func check(_ id: String, what: String, at location: SourceLocation, into diagnostics: inout [Diagnostic]) -> Bool {
        guard isValid(id) else {
            diagnostics.append(.error("invalid-id", "\(what) id '\(id)' may contain only ASCII letters, digits, '-', '_' and single dots, and must start with a letter or digit", at: location))
            return false
        }
        return true
    }
}
