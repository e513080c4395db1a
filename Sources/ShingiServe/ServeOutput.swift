import Foundation
import ShingiCore

/// Where the server's lines go: one line per rebuild and status on `line`, warnings and
/// diagnostics on `problem`. The command prints them; tests collect them.
public struct ServeOutput: Sendable {
    public var line: @Sendable (String) -> Void
    public var problem: @Sendable (String) -> Void

    public init(line: @escaping @Sendable (String) -> Void, problem: @escaping @Sendable (String) -> Void) {
        self.line = line
        self.problem = problem
    }

    /// Standard output and standard error; a line may quote content (a diagnostic), so
    /// control characters in it are printed visibly.
    public static let console = ServeOutput(
        line: { TerminalText.printOutput($0) },
        problem: { TerminalText.printError($0) }
    )
}
