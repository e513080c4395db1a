import Foundation

extension CacheFile {
    /// Writes a cache file piece by piece, so that its body is never all in memory (the
    /// parsed Markdown of a large site is hundreds of MB). The body goes to a temporary
    /// file a block at a time; `finish` puts the checksum into the header and the file
    /// in place of `url`. A writer let go without `finish` leaves `url` as it was.
    public final class Writer {
        private let url: URL
        private let temporary: URL
        private let descriptor: Int32
        /// Where the header holds the checksum.
        private let checksumOffset: Int
        private var pending: [UInt8] = []
        private var sums: [UInt64] = []
        private var failed = false
        private var finished = false
        /// The body's size so far.
        public private(set) var size = 0

        public init(_ url: URL, magic: [UInt8], stamp: String) throws {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            self.url = url
            temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
            descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path]) }
            var header = magic
            CacheFile.append(Array(stamp.utf8), to: &header)
            checksumOffset = header.count
            CacheFile.appendInt(0, to: &header)
            failed = !BlockingIO.writeAll(descriptor, header)
            pending.reserveCapacity(CacheFile.checksumBlock)
        }

        deinit {
            if !finished {
                close(descriptor)
                unlink(temporary.path)
            }
        }

        public func append<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
            size += bytes.count
            var rest = bytes[...]
            while !rest.isEmpty {
                let piece = rest.prefix(CacheFile.checksumBlock - pending.count)
                pending.append(contentsOf: piece)
                rest = rest[piece.endIndex...]
                if pending.count == CacheFile.checksumBlock { flush() }
            }
        }

        public func appendInt(_ value: UInt64) {
            withUnsafeBytes(of: value.littleEndian) { append($0) }
        }

        /// A length-prefixed byte string.
        public func appendBytes<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
            appendInt(UInt64(bytes.count))
            append(bytes)
        }

        /// Writes the block held so far, summed as `CacheFile.checksum` sums it.
        private func flush() {
            guard !pending.isEmpty else { return }
            sums.append(pending.withUnsafeBufferPointer { CacheFile.fnv1a($0) })
            failed = failed || !BlockingIO.writeAll(descriptor, pending)
            pending.removeAll(keepingCapacity: true)
        }

        /// Completes the file and puts it in place of `url`.
        public func finish() throws {
            finished = true
            flush()
            var sum = sums.withUnsafeBytes { CacheFile.fnv1a($0.bindMemory(to: UInt8.self)) }.littleEndian
            let headerWritten = withUnsafeBytes(of: &sum) { pwrite(descriptor, $0.baseAddress, 8, off_t(checksumOffset)) == 8 }
            let closed = close(descriptor) == 0
            guard !failed, headerWritten, closed, rename(temporary.path, url.path) == 0 else {
                unlink(temporary.path)
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        }
    }
}
