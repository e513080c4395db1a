import Foundation

/// Watches `content/`, `templates/` and `shingi.yml` by comparing modification times and
/// sizes at an interval: the fallback where inotify is not available.
struct PollingWatcher: Sendable {
    let root: URL
    let interval: Duration
    /// The files as they were when the watcher was made: changes from then on count.
    private let baseline: [String: Stamp]

    init(root: URL, interval: Duration) {
        self.root = root
        self.interval = interval
        self.baseline = Self.snapshot(root: root)
    }

    /// Reports changed paths (relative to the root) until cancelled.
    func run(onChange: @Sendable (String) -> Void) async {
        var previous = baseline
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            let current = Self.snapshot(root: root)
            for (path, stamp) in current where previous[path] != stamp { onChange(path) }
            for path in previous.keys where current[path] == nil { onChange(path) }
            previous = current
        }
    }

    private struct Stamp: Equatable {
        var modified: Date?
        var size: Int?
    }

    private static func snapshot(root: URL) -> [String: Stamp] {
        var result: [String: Stamp] = [:]
        let fm = FileManager.default
        let base = root.path
        func stamp(_ path: String) -> Stamp? {
            guard let attributes = try? fm.attributesOfItem(atPath: base + "/" + path) else { return nil }
            return Stamp(modified: attributes[.modificationDate] as? Date, size: (attributes[.size] as? NSNumber)?.intValue)
        }
        if let file = stamp(WatchedPaths.file) { result[WatchedPaths.file] = file }
        for folder in WatchedPaths.directories {
            guard let top = stamp(folder) else { continue }
            result[folder] = top
            guard let enumerator = fm.enumerator(atPath: base + "/" + folder) else { continue }
            for case let relative as String in enumerator {
                let path = folder + "/" + relative
                if let entry = stamp(path) { result[path] = entry }
            }
        }
        return result
    }
}
