/// One file of the built site: its path below the output folder and its bytes.
public struct OutputFile: Sendable, Hashable {
    /// Relative, `/`-separated, never starting with `/` or containing `..`.
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }
}
