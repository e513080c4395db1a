import ShingiCore

/// One language of an item, of any kind: its Markdown and the key that pairs its
/// languages into one item (`ContentAddress.key`).
public protocol ContentItemFile: Sendable {
    var source: MarkdownSource { get }
    var itemKey: String { get }
}

extension IssueFile: ContentItemFile {
    public var itemKey: String { slug }
}

extension CommentFile: ContentItemFile {
    public var itemKey: String { id }
}

extension PageFile: ContentItemFile {
    public var itemKey: String { slug }
}

extension Array where Element: ContentItemFile {
    /// Where the file read from `path` is, or would be inserted, in an array kept in path
    /// order (the order of a full load, which reads the files sorted by path).
    func position(ofPath path: String) -> (index: Int, found: Bool) {
        let index = lowerBound(of: path) { $0.source.path }
        return (index, index < count && self[index].source.path == path)
    }

    /// Inserts `file` in path order, after any equal path (none in a loaded site).
    mutating func insertInPathOrder(_ file: Element) {
        var index = position(ofPath: file.source.path).index
        while index < count && self[index].source.path == file.source.path { index += 1 }
        insert(file, at: index)
    }

    /// Removes the file read from `path`; the others are moved, not copied.
    mutating func remove(atPath path: String) {
        let (index, found) = position(ofPath: path)
        if found { remove(at: index) }
    }
}
