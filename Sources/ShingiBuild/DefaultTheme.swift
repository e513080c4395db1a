import Foundation

/// Where the theme that ships with shingi (the repository's `templates/`) is found:
/// `$SHINGI_THEME`, then `share/shingi/templates` beside an installed binary, then the
/// checkout this binary was built from.
public enum DefaultTheme {
    public static func locate() -> URL? {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["SHINGI_THEME"], !env.isEmpty {
            candidates.append(URL(fileURLWithPath: env))
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        candidates.append(executable.deletingLastPathComponent().appendingPathComponent("../share/shingi/templates"))
        // Sources/ShingiBuild/DefaultTheme.swift → the checkout's templates/.
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("templates"))
        return candidates.map(\.standardizedFileURL).first { fm.fileExists(atPath: $0.appendingPathComponent("layout.mustache").path) }
    }
}
