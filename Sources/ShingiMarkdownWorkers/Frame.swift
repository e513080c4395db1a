import Foundation
import ShingiCore

/// The wire format between the supervisor and a worker: each message is a 4-byte
/// big-endian length followed by that many bytes. Requests carry a file's Markdown as
/// UTF-8; responses carry a `RenderedFragment` in its binary form.
enum Frame {
    /// Larger messages are refused: no real file comes near it, and a length read from a
    /// broken stream must not make us allocate gigabytes.
    static let maximumLength = 1 << 30

    static func header(_ length: Int) -> [UInt8] {
        [UInt8(truncatingIfNeeded: length >> 24), UInt8(truncatingIfNeeded: length >> 16),
         UInt8(truncatingIfNeeded: length >> 8), UInt8(truncatingIfNeeded: length)]
    }

    /// A message with its header, for one write: written apart, the header alone wakes
    /// the reader, which then sleeps again until the rest arrives.
    static func framed(_ payload: [UInt8]) -> [UInt8] {
        var message = header(payload.count)
        message.reserveCapacity(4 + payload.count)
        message.append(contentsOf: payload)
        return message
    }

    static func length(_ header: [UInt8]) -> Int {
        header.reduce(0) { $0 << 8 | Int($1) }
    }

    /// A request's payload: the memory the worker may use for this file (8 bytes,
    /// big-endian), then the Markdown.
    static func request(_ markdown: String, memoryLimit: Int) -> [UInt8] {
        var payload = (0..<8).reversed().map { UInt8(truncatingIfNeeded: memoryLimit >> ($0 * 8)) }
        payload.append(contentsOf: markdown.utf8)
        return payload
    }

    /// The memory limit and the Markdown of a request's payload; nil when it is too short.
    static func parseRequest(_ payload: [UInt8]) -> (memoryLimit: Int, markdown: String)? {
        guard payload.count >= 8 else { return nil }
        return (length(Array(payload[..<8])), String(decoding: payload[8...], as: UTF8.self))
    }
}

/// Blocking frame I/O for the worker side, where waiting is all there is to do. Input is
/// read in large pieces: the requests of a batch arrive in one write.
final class BlockingFrameIO {
    let input: Int32
    let output: Int32
    /// Request bytes read but not yet taken, from `unreadStart` on.
    private var unread: [UInt8] = []
    private var unreadStart = 0
    private var scratch = [UInt8](repeating: 0, count: 1 << 16)

    init(input: Int32, output: Int32) {
        self.input = input
        self.output = output
    }

    /// The next message, or nil at end of input (the supervisor closed the pipe).
    func read() -> [UInt8]? {
        guard let header = readExactly(4) else { return nil }
        let length = Frame.length(header)
        guard length <= Frame.maximumLength else { return nil }
        return readExactly(length)
    }

    func write(_ payload: [UInt8]) -> Bool {
        writeAll(Frame.framed(payload))
    }

    private func readExactly(_ count: Int) -> [UInt8]? {
        while unread.count - unreadStart < count {
            if unreadStart == unread.count {
                // A large request's buffer is not kept: it would count against the next file's memory.
                unread.removeAll(keepingCapacity: unread.capacity <= 1 << 20)
                unreadStart = 0
            }
            let n = scratch.withUnsafeMutableBytes { SystemCalls.read(input, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            unread += scratch[..<n]
        }
        let bytes = Array(unread[unreadStart..<unreadStart + count])
        unreadStart += count
        return bytes
    }

    private func writeAll(_ bytes: [UInt8]) -> Bool { BlockingIO.writeAll(output, bytes) }
}
