import Foundation

/// The entries of an output folder that shingi did not write: each is a path relative to
/// the folder, as coarse as possible (a folder with nothing of shingi's below it is one
/// entry, moved as a whole). Links are listed, never followed.
enum ForeignEntries {
    /// Everything in the folder at `root` that is not a file in `owned` or a folder
    /// holding one, sorted.
    static func find(in root: String, owned: Set<String>) -> [String] {
        var ownedFolders = Set<String>()
        for file in owned {
            var dir = Substring(file)
            while let slash = dir.lastIndex(of: "/") {
                dir = dir[..<slash]
                if !ownedFolders.insert(String(dir)).inserted { break }
            }
        }
        var result: [String] = []
        visit(root, relative: "") { path, isDirectory in
            if isDirectory && ownedFolders.contains(path) { return true }
            if !isDirectory && owned.contains(path) { return false }
            result.append(path)
            return false
        }
        return result.sorted()
    }

    /// Every file (not folder) at or below `entry` of the folder at `root`.
    static func files(below root: String, _ entry: String) -> [String] {
        var info = stat()
        guard lstat(root + "/" + entry, &info) == 0 else { return [] }
        guard info.st_mode & S_IFMT == S_IFDIR else { return [entry] }
        var files: [String] = []
        visit(root + "/" + entry, relative: "") { path, isDirectory in
            if !isDirectory { files.append(entry + "/" + path) }
            return isDirectory
        }
        return files
    }

    /// Calls `body` with each entry below `path` (relative path, whether it is a real
    /// folder); descends into a folder when `body` returns true.
    private static func visit(_ path: String, relative: String, _ body: (String, Bool) -> Bool) {
        guard let dir = opendir(path) else { return }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        closedir(dir)
        for name in names.sorted() {
            let child = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            let isDirectory = lstat(path + "/" + name, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
            if body(child, isDirectory) && isDirectory { visit(path + "/" + name, relative: child, body) }
        }
    }
}
