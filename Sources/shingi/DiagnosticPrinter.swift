import Foundation
import ShingiCore

/// Prints diagnostics to standard error, one per line, sorted.
enum DiagnosticPrinter {
    static func print(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics.sorted() {
            FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
        }
    }

    static func summary(errors: Int, warnings: Int) -> String {
        "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }
}
