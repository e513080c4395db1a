#if os(Linux)
import Foundation
import Glibc
import Synchronization

/// Watches `content/`, `templates/` and `shingi.yml` with inotify: a watch on the site
/// root (for `shingi.yml` and the two folders coming and going) and on every folder below
/// them, new folders included, since editors save by writing a temporary file and
/// renaming it over the old one. Reports paths relative to the site root.
final class InotifyWatcher: Sendable {
    private let descriptor: Int32
    private let stopped = Atomic<Bool>(false)

    private static let mask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_MOVED_TO | IN_MOVED_FROM | IN_CLOSE_WRITE | IN_DELETE_SELF)

    /// nil when inotify is not available (the caller polls instead).
    init?(root: URL, onChange: @escaping @Sendable (String) -> Void) {
        let descriptor = inotify_init1(Int32(IN_CLOEXEC) | Int32(IN_NONBLOCK))
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
        // Watching starts before this returns: no change after it is missed.
        var table = WatchTable(descriptor: descriptor, root: root.path)
        table.addRoot()
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

    /// The watch descriptors and the folders (relative to the root) they watch.
    private struct WatchTable {
        let descriptor: Int32
        let root: String
        var folders: [Int32: String] = [:]

        mutating func addRoot() {
            add(folder: "")
            for folder in WatchedPaths.directories { addTree(folder) }
        }

        mutating func handle(wd: Int32, mask: UInt32, name: String, onChange: @Sendable (String) -> Void) {
            if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                // Events were lost: watch everything again and rebuild.
                for wd in folders.keys { inotify_rm_watch(descriptor, wd) }
                folders = [:]
                addRoot()
                onChange(WatchedPaths.file)
                return
            }
            if mask & UInt32(IN_IGNORED) != 0 {
                folders.removeValue(forKey: wd)
                return
            }
            guard let folder = folders[wd], !name.isEmpty else { return }
            let path = folder.isEmpty ? name : folder + "/" + name
            if folder.isEmpty && name != WatchedPaths.file && !WatchedPaths.directories.contains(name) { return }
            if mask & UInt32(IN_ISDIR) != 0 {
                if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { addTree(path) }
                if mask & UInt32(IN_DELETE | IN_MOVED_FROM) != 0 { removeTree(path) }
            }
            onChange(path)
        }

        mutating func add(folder: String) {
            let url = folder.isEmpty ? root : root + "/" + folder
            let wd = inotify_add_watch(descriptor, url, InotifyWatcher.mask | UInt32(IN_ONLYDIR))
            if wd >= 0 { folders[wd] = folder }
        }

        /// `folder` and every folder below it (symbolic links are not followed).
        mutating func addTree(_ folder: String) {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root + "/" + folder, isDirectory: &isDirectory), isDirectory.boolValue else { return }
            add(folder: folder)
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: root + "/" + folder)) ?? []
            for entry in entries.sorted() {
                let child = folder + "/" + entry
                let attributes = try? FileManager.default.attributesOfItem(atPath: root + "/" + child)
                if attributes?[.type] as? FileAttributeType == .typeDirectory { addTree(child) }
            }
        }

        mutating func removeTree(_ folder: String) {
            for (wd, path) in folders where path == folder || path.hasPrefix(folder + "/") {
                inotify_rm_watch(descriptor, wd)
                folders.removeValue(forKey: wd)
            }
        }
    }
}
#endif
