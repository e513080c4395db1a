#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole reads and writes on a blocking file descriptor: short transfers are continued
/// and interrupted calls retried. Shared by the output writer, the cache file and the
/// Markdown workers' pipes.
public enum BlockingIO {
    /// Writes every byte of `bytes`; false on an error (`errno` tells which).
    public static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                #if canImport(Glibc)
                Glibc.write(descriptor, buffer.baseAddress! + done, buffer.count - done)
                #else
                Darwin.write(descriptor, buffer.baseAddress! + done, buffer.count - done)
                #endif
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            done += count
        }
        return true
    }

    /// Exactly `count` bytes; nil when the input ends first or on an error.
    public static func read(_ descriptor: Int32, count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let read = bytes.withUnsafeMutableBytes { buffer in
                #if canImport(Glibc)
                Glibc.read(descriptor, buffer.baseAddress! + done, count - done)
                #else
                Darwin.read(descriptor, buffer.baseAddress! + done, count - done)
                #endif
            }
            if read < 0 && errno == EINTR { continue }
            guard read > 0 else { return nil }
            done += read
        }
        return bytes
    }
}
