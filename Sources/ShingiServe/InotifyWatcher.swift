#if os(Linux)
import Foundation
import Glibc
import Synchronization

/// Watches `content/`, `templates/` and `shingi.yml` with inotify: a watch on the site
/// root (for `shingi.yml` and the two folders coming and going) and on every folder below
/// them, new folders included, since editors save by writing a temporary file and
/// renaming it over the old one; likewise every folder of the other scopes (the default
/// theme). Reports paths as the scopes name them.
final class InotifyWatcher: Sendable {
    private let descriptor: Int32
    private let stopped = Atomic<Bool>(false)

    private static let mask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_MOVED_TO | IN_MOVED_FROM | IN_CLOSE_WRITE | IN_DELETE_SELF)

    /// nil when inotify is not available (the caller polls instead).
    init?(scopes: [WatchScope], onChange: @escaping @Sendable (String) -> Void) {
        let descriptor = inotify_init1(Int32(IN_CLOEXEC) | Int32(IN_NONBLOCK))
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
        // Watching starts before this returns: no change after it is missed.
        var table = WatchTable(descriptor: descriptor, scopes: scopes)
        table.addScopes()
        let initial = table
        let thread = Thread { [self] in
            var watches = initial
            loop(watches: &watches, onChange: onChange)
            close(descriptor)
        }
        thread.name = "shingi inotify"
        thread.start()
    }

    func stop() { stopped.store(true, ordering: .releasing) }

    private func loop(watches: inout WatchTable, onChange: @Sendable (String) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while !stopped.load(ordering: .acquiring) {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 200) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { continue }
            buffer.withUnsafeBytes { bytes in
                var offset = 0
                while offset + 16 <= count {
                    let wd = bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                    let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                    let length = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    let nameBytes = bytes[(offset + 16)..<min(offset + 16 + length, count)].prefix { $0 != 0 }
                    offset += 16 + length
                    watches.handle(wd: wd, mask: mask, name: String(decoding: nameBytes, as: UTF8.self), onChange: onChange)
                }
            }
        }
    }

    /// The watch descriptors and the folders (scope, and relative to its directory) they watch.
    private struct WatchTable {
        let descriptor: Int32
        let scopes: [WatchScope]
        var folders: [Int32: (scope: Int, folder: String)] = [:]

        mutating func addScopes() {
            for (index, scope) in scopes.enumerated() {
                if scope.isSiteRoot { add(index, folder: "") }
                for folder in scope.topFolders { addTree(index, folder) }
            }
        }

        static func join(_ folder: String, _ name: String) -> String { folder.isEmpty ? name : folder + "/" + name }

        mutating func handle(wd: Int32, mask: UInt32, name: String, onChange: @Sendable (String) -> Void) {
            if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                // Events were lost: watch everything again and rebuild.
                for wd in folders.keys { inotify_rm_watch(descriptor, wd) }
                folders = [:]
                addScopes()
                onChange(WatchedPaths.file)
                return
            }
            if mask & UInt32(IN_IGNORED) != 0 {
                folders.removeValue(forKey: wd)
                return
            }
            guard let (index, folder) = folders[wd], !name.isEmpty else { return }
            let scope = scopes[index]
            let path = Self.join(folder, name)
            if folder.isEmpty && !scope.watches(topLevel: name) { return }
            if mask & UInt32(IN_ISDIR) != 0 {
                if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { addTree(index, path) }
                if mask & UInt32(IN_DELETE | IN_MOVED_FROM) != 0 { removeTree(index, path) }
            }
            onChange(scope.report(path))
        }

        mutating func add(_ scope: Int, folder: String) {
            let url = folder.isEmpty ? scopes[scope].directory : scopes[scope].directory + "/" + folder
            let wd = inotify_add_watch(descriptor, url, InotifyWatcher.mask | UInt32(IN_ONLYDIR))
            if wd >= 0 { folders[wd] = (scope, folder) }
        }

        /// `folder` and every folder below it (symbolic links are not followed).
        mutating func addTree(_ scope: Int, _ folder: String) {
            let base = scopes[scope].directory
            let url = folder.isEmpty ? base : base + "/" + folder
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url, isDirectory: &isDirectory), isDirectory.boolValue else { return }
            add(scope, folder: folder)
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: url)) ?? []
            for entry in entries.sorted() {
                let child = Self.join(folder, entry)
                let attributes = try? FileManager.default.attributesOfItem(atPath: base + "/" + child)
                if attributes?[.type] as? FileAttributeType == .typeDirectory { addTree(scope, child) }
            }
        }

        mutating func removeTree(_ scope: Int, _ folder: String) {
            for (wd, watched) in folders where watched.scope == scope && (watched.folder == folder || watched.folder.hasPrefix(folder + "/")) {
                inotify_rm_watch(descriptor, wd)
                folders.removeValue(forKey: wd)
            }
        }
    }
}
#endif
