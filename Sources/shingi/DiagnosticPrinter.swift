import Foundation
import ShingiCore

/// Prints diagnostics to standard error, one per line, sorted; a control character
/// from the content (a file name, a quoted value) is printed visibly (`TerminalText`).
enum DiagnosticPrinter {
    static func print(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics.sorted() {
            TerminalText.printError(diagnostic.description)
        }
    }

    static func summary(errors: Int, warnings: Int) -> String {
        "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }
}
