/// One finding of a build: where, how bad, what is wrong and how to fix it.
/// Printed as `path:line:col: error|warning: message [code]`.
public struct Diagnostic: Error, Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error
        case warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .error && rhs == .warning
        }
    }

    public var location: SourceLocation
    public var severity: Severity
    public var message: String
    /// A stable machine-readable name such as `broken-link`; tests and editors rely on it.
    public var code: String

    public init(_ severity: Severity, _ code: String, _ message: String, at location: SourceLocation) {
        self.location = location
        self.severity = severity
        self.message = message
        self.code = code
    }

    public static func error(_ code: String, _ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, code, message, at: location)
    }

    public static func warning(_ code: String, _ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.warning, code, message, at: location)
    }

    public var description: String { "\(location): \(severity.rawValue): \(message) [\(code)]" }

    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.location, lhs.severity, lhs.code, lhs.message) < (rhs.location, rhs.severity, rhs.code, rhs.message)
    }
}

extension Array where Element == Diagnostic {
    public var errorCount: Int { count { $0.severity == .error } }
    public var warningCount: Int { count { $0.severity == .warning } }
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
