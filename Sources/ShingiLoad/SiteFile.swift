import Foundation
import ShingiCore

/// The one way a file that belongs to a site is opened: content, data files, `shingi.yml`,
/// theme templates, UI strings and assets, in a working tree or in a revision that `diff`
/// exported. Every path component below the containing root is opened with `openat` and
/// `O_NOFOLLOW`, so no symbolic link anywhere below the root is followed: not the file,
/// not a folder above it, not one swapped in after the folder was listed. The root itself
/// (the site root the operator named, or the default theme) is trusted.
public enum SiteFile {
    public enum Contents: Equatable {
        case bytes([UInt8])
        case missing
        /// A component of the path (the file or a folder above it) is a symbolic link;
        /// the associated value is its path relative to the root.
        case symlink(String)
        case tooLarge(Int)
        case unreadable(String)
    }

    /// What a path below the root is, never following a link.
    public enum Kind: Equatable {
        case file(size: Int), directory, symlink(String), other, missing
    }

    /// Reads `url`, which lies below `root`, within `limit` bytes.
    public static func read(_ url: URL, below root: URL, limit: Int) -> Contents {
        let fd: Int32
        switch open(url, below: root, flags: O_RDONLY | O_NONBLOCK) {
        case .opened(let descriptor): fd = descriptor
        case .missing: return .missing
        case .symlink(let path): return .symlink(path)
        case .failed(let reason): return .unreadable(reason)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .unreadable(String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .unreadable("not a regular file") }
        guard Int(info.st_size) <= limit else { return .tooLarge(Int(info.st_size)) }
        // Straight into a buffer of the size fstat gave, plus one byte to notice a file that
        // grew since: no zeroed chunk and no copy per file (12,000 files per build).
        var failure: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: Int(info.st_size) + 1) { buffer, count in
            failure = readAll(fd, into: UnsafeMutableRawBufferPointer(buffer), count: &count)
        }
        if failure != 0 { return .unreadable(String(cString: strerror(failure))) }
        guard bytes.count > Int(info.st_size) else { return .bytes(bytes) }
        // The file grew after fstat: the limit holds for what is read.
        var chunk = [UInt8](repeating: 0, count: 65536)
        while bytes.count <= limit {
            var count = 0
            failure = chunk.withUnsafeMutableBytes { readAll(fd, into: $0, count: &count) }
            if failure != 0 { return .unreadable(String(cString: strerror(failure))) }
            if count == 0 { return .bytes(bytes) }
            bytes += chunk[..<count]
        }
        return .tooLarge(bytes.count)
    }

    /// Reads until `buffer` is full or the file ends; `count` is how much was read. The
    /// `errno` of a failed read, or 0.
    private static func readAll(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, count: inout Int) -> Int32 {
        while count < buffer.count {
            let n = Foundation.read(fd, buffer.baseAddress! + count, buffer.count - count)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if n == 0 { break }
            count += n
        }
        return 0
    }

    /// What `url` (below `root`) is, without following a link on the way or at the end.
    public static func kind(of url: URL, below root: URL) -> Kind {
        switch open(url, below: root, flags: pathOnly) {
        case .missing: return .missing
        case .symlink(let path): return .symlink(path)
        case .failed: return .other
        case .opened(let fd):
            defer { close(fd) }
            var info = stat()
            guard fstat(fd, &info) == 0 else { return .other }
            switch info.st_mode & S_IFMT {
            case S_IFREG: return .file(size: Int(info.st_size))
            case S_IFDIR: return .directory
            // O_PATH with O_NOFOLLOW opens a link itself rather than failing.
            case S_IFLNK: return .symlink(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count).drop { $0 == "/" }.description)
            default: return .other
            }
        }
    }

    /// Every regular file below the folder `url` (itself below `root`), as paths relative
    /// to `url`, sorted; links found on the way (not followed) are listed apart, and so
    /// are entries that are neither files nor folders. Hidden entries are skipped.
    public static func tree(_ url: URL, below root: URL) -> (files: [String], symlinks: [String]) {
        guard case .opened(let fd) = open(url, below: root, flags: O_RDONLY | O_DIRECTORY) else { return ([], []) }
        var files: [String] = []
        var symlinks: [String] = []
        visit(fd, relative: "", files: &files, symlinks: &symlinks)
        return (files.sorted(), symlinks.sorted())
    }

    /// Lists one folder (`fd` is closed here) and the folders below it.
    private static func visit(_ fd: Int32, relative: String, files: inout [String], symlinks: inout [String]) {
        guard let dir = fdopendir(fd) else { close(fd); return }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if !name.hasPrefix(".") { names.append(name) }
        }
        for name in names.sorted() {
            let path = relative + name
            var info = stat()
            guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFLNK: symlinks.append(path)
            case S_IFREG: files.append(path)
            case S_IFDIR:
                let child = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                if child >= 0 { visit(child, relative: path + "/", files: &files, symlinks: &symlinks) }
            default: break
            }
        }
    }

    /// Opens an entry to look at it without reading it (a FIFO or device is never opened for I/O).
    #if os(Linux)
    private static let pathOnly: Int32 = 0o10_000_000  // O_PATH (Glibc's module leaves it out: it is _GNU_SOURCE)
    #else
    private static let pathOnly = O_RDONLY | O_NONBLOCK
    #endif

    enum Opened {
        case opened(Int32), missing, symlink(String), failed(String)
    }

    /// Opens `url` with `flags`, every component below `root` with `O_NOFOLLOW`. A path
    /// not below `root` is opened with `O_NOFOLLOW` on its last component only.
    static func open(_ url: URL, below root: URL, flags: Int32) -> Opened {
        let rootPath = standardPath(root)
        let path = standardPath(url)
        let prefix = rootPath.hasSuffix("/") ? rootPath : rootPath + "/"
        guard path.hasPrefix(prefix) else { return finish(Foundation.open(path, flags | O_NOFOLLOW | O_CLOEXEC), shown: path) }
        let components = path.dropFirst(prefix.count).split(separator: "/").map(String.init)
        var directory = Foundation.open(rootPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { return finish(directory, shown: rootPath) }
        for (index, component) in components.enumerated() {
            var shown: String { components[...index].joined(separator: "/") }
            let last = index == components.count - 1
            let next = openat(directory, component, (last ? flags : O_RDONLY | O_DIRECTORY) | O_NOFOLLOW | O_CLOEXEC)
            let failure = errno
            if next < 0 {
                // O_NOFOLLOW gives ELOOP for a link (ENOTDIR with O_DIRECTORY on some
                // systems): ask what the entry is to tell a link from a missing folder.
                var info = stat()
                let isLink = fstatat(directory, component, &info, AT_SYMLINK_NOFOLLOW) == 0 && info.st_mode & S_IFMT == S_IFLNK
                close(directory)
                if isLink { return .symlink(shown) }
                errno = failure
                return finish(next, shown: shown)
            }
            close(directory)
            directory = next
        }
        return .opened(directory)
    }

    /// `url.standardizedFileURL.path`, without the cost of standardizing (a tenth of
    /// reading a content file) when there is nothing to remove: no `.` or `..` component
    /// and no empty one (`//`).
    static func standardPath(_ url: URL) -> String {
        let path = url.path
        let components = path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst()
        let plain = path.utf8.first == UInt8(ascii: "/") && !components.contains { component in
            component.isEmpty || component.elementsEqual(".".utf8) || component.elementsEqual("..".utf8)
        }
        return plain ? path : url.standardizedFileURL.path
    }

    private static func finish(_ fd: Int32, shown: String) -> Opened {
        if fd >= 0 { return .opened(fd) }
        switch errno {
        case ENOENT, ENOTDIR: return .missing
        case ELOOP: return .symlink(shown)
        default: return .failed(String(cString: strerror(errno)))
        }
    }

    /// An error when the site's own `content/` or `templates/` is a symbolic link: following
    /// it would publish another folder (or, for `content -> /`, walk the whole file system).
    public static func linkedFolder(_ name: String, in root: URL) -> Diagnostic? {
        guard case .symlink = kind(of: root.appendingPathComponent(name), below: root) else { return nil }
        return .error("symlink-refused", "\(name)/ is a symbolic link; shingi reads no part of a site through a link: make \(name)/ a real folder (move the files here instead of linking them)",
                      at: SourceLocation(path: name + "/"))
    }

    public static func tooLarge(path: String, size: Int, limit: Int) -> Diagnostic {
        .error("file-too-large",
               "the file is \(Limits.describe(bytes: size)), more than the limit of \(Limits.describe(bytes: limit)); split it, or raise 'limits: max_file_size:' (in bytes) in shingi.yml",
               at: SourceLocation(path: path))
    }
}
