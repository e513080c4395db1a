import ShingiCore
import ShingiLoad

/// When a data file cannot be loaded (a YAML syntax error), every reference to its
/// entries would be reported as unknown, burying the one real error under false advice
/// ("add it there"). Those knock-on errors are replaced by one line per file saying how
/// many references could not be checked.
enum KnockOnErrors {
    /// The codes of the errors a reference to a missing entry of `kind` gives.
    private static func codes(_ kind: DataKind) -> Set<String> {
        switch kind {
        case .members: ["unknown-member"]
        case .meetings: ["unknown-meeting"]
        case .references: []
        }
    }

    /// `diagnostics` with the knock-on errors of each data file that failed to load (it
    /// has errors and gave no entries) replaced by one warning at the file.
    static func collapse(_ diagnostics: [Diagnostic], loaded: LoadedSite) -> [Diagnostic] {
        var result = diagnostics
        for kind in DataKind.allCases where kind.count(in: loaded) == 0 {
            let file = (path: kind.path, what: kind.noun, codes: codes(kind))
            guard loaded.diagnostics.contains(where: { $0.severity == .error && $0.location.path == file.path }) else { continue }
            let brokenLink = "which does not exist in \(file.path)"
            let isKnockOn = { (diagnostic: Diagnostic) in
                file.codes.contains(diagnostic.code) || (diagnostic.code == "broken-link" && diagnostic.message.contains(brokenLink))
            }
            let count = result.count(where: isKnockOn)
            guard count > 0 else { continue }
            result.removeAll(where: isKnockOn)
            result.append(.warning("unchecked-references",
                                   "\(count) use\(count == 1 ? "" : "s") of its \(file.what) ids could not be checked because this file did not load; fix its error first",
                                   at: SourceLocation(path: file.path, line: 1, column: 1)))
        }
        return result
    }
}
