import Foundation

/// Where shingi keeps what it can compute again (the parsed Markdown of the last build):
/// `$XDG_CACHE_HOME/shingi`, else `$HOME/.cache/shingi`; none without either, so nothing
/// is written where the user did not point.
enum CacheDirectory {
    static func located(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("shingi")
        }
        if let home = environment["HOME"], home.hasPrefix("/") {
            return URL(fileURLWithPath: home).appendingPathComponent(".cache/shingi")
        }
        return nil
    }
}
