import Foundation

/// The default theme is compiled into the binary (`ThemeFiles.embedded`); `$SHINGI_THEME`
/// names a folder to use instead, for working on the theme itself (`serve` then watches
/// it). A site's own `templates/` is laid over either, file by file.
public enum DefaultTheme {
    /// The folder of `$SHINGI_THEME`, or nil for the embedded theme.
    public static func locate() -> URL? {
        guard let env = ProcessInfo.processInfo.environment["SHINGI_THEME"], !env.isEmpty else { return nil }
        return URL(fileURLWithPath: env).standardizedFileURL
    }
}
