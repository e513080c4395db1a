import Foundation

/// Watches `content/`, `templates/` and `shingi.yml` (and the other scopes: the default
/// theme) by comparing modification times and sizes at an interval: the fallback where
/// inotify is not available.
struct PollingWatcher: Sendable {
    let scopes: [WatchScope]
    let interval: Duration
    /// The files as they were when the watcher was made: changes from then on count.
    private let baseline: [String: Stamp]

    init(scopes: [WatchScope], interval: Duration) {
        self.scopes = scopes
        self.interval = interval
        self.baseline = Self.snapshot(scopes)
    }

    /// Reports changed paths (relative to the root) until cancelled.
    func run(onChange: @Sendable (String) -> Void) async {
        var previous = baseline
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            let current = Self.snapshot(scopes)
            for (path, stamp) in current where previous[path] != stamp { onChange(path) }
            for path in previous.keys where current[path] == nil { onChange(path) }
            previous = current
        }
    }

    private struct Stamp: Equatable {
        var modified: Date?
        var size: Int?
    }

    private static func snapshot(_ scopes: [WatchScope]) -> [String: Stamp] {
        var result: [String: Stamp] = [:]
        let fm = FileManager.default
        for scope in scopes {
            let base = scope.directory
            func stamp(_ path: String) -> Stamp? {
                guard let attributes = try? fm.attributesOfItem(atPath: path.isEmpty ? base : base + "/" + path) else { return nil }
                return Stamp(modified: attributes[.modificationDate] as? Date, size: (attributes[.size] as? NSNumber)?.intValue)
            }
            if scope.isSiteRoot, let file = stamp(WatchedPaths.file) { result[scope.report(WatchedPaths.file)] = file }
            for folder in scope.topFolders {
                guard let top = stamp(folder) else { continue }
                if !folder.isEmpty { result[scope.report(folder)] = top }
                guard let enumerator = fm.enumerator(atPath: folder.isEmpty ? base : base + "/" + folder) else { continue }
                for case let relative as String in enumerator {
                    let path = folder.isEmpty ? relative : folder + "/" + relative
                    if let entry = stamp(path) { result[scope.report(path)] = entry }
                }
            }
        }
        return result
    }
}
