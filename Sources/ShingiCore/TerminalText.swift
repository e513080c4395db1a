import Foundation

/// The one door through which shingi prints text that may hold content (diagnostics,
/// `diff` reports, file names): a raw ESC, BEL or other control character from a
/// contributor's file would make the reviewer's terminal act on it (move the cursor,
/// rewrite a line) and show a different sentence than the one published. Such
/// characters are printed visibly, as `\u{1B}`, instead.
public enum TerminalText {
    /// Whether a terminal would act on `scalar` rather than show it: C0 controls other
    /// than tab, DEL, C1 controls, and the bidirectional overrides and isolates that
    /// reorder what is shown (CVE-2021-42574).
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09: false
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `text` with every unsafe character written as `\u{XX}`; line breaks too, unless
    /// `keepingLineBreaks` (a report of several lines). Unchanged when there is none.
    public static func escaped(_ text: String, keepingLineBreaks: Bool = false) -> String {
        func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
            isUnsafe(scalar) && !(keepingLineBreaks && scalar == "\n")
        }
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Prints `line` on standard error, escaped.
    public static func printError(_ line: String) {
        FileHandle.standardError.write(Data((escaped(line) + "\n").utf8))
    }

    /// Prints `line` on standard output, escaped.
    public static func printOutput(_ line: String) {
        FileHandle.standardOutput.write(Data((escaped(line) + "\n").utf8))
    }
}
