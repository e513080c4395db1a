import ShingiCore

/// Ids become URL path segments (`/ja/members/<id>/`), so they are limited to characters
/// that need no escaping and cannot climb out of a folder.
enum Identifier {
    static func isValid(_ id: String) -> Bool {
        !id.isEmpty && id != "." && id != ".." && id.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "-" || $0 == "_" || $0 == "."
        }
    }

    static func check(_ id: String, what: String, at location: SourceLocation, into diagnostics: inout [Diagnostic]) -> Bool {
        guard isValid(id) else {
            diagnostics.append(.error("invalid-id", "\(what) id '\(id)' may contain only ASCII letters, digits, '-', '_' and '.'", at: location))
            return false
        }
        return true
    }
}
