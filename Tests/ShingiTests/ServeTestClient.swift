import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal HTTP/1.1 client over a raw socket to 127.0.0.1, for the serve tests: it sends
/// exactly the request target and headers it is given (traversal attempts, a foreign
/// `Host`), and every read is bounded by a timeout. Blocking work runs on its own thread,
/// never on the concurrency pool the server uses.
struct ServeTestClient {
    let port: Int

    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Sends one request (with `Connection: close`) and reads the whole reply.
    func request(_ target: String, method: String = "GET", host: String? = nil, headers: [String: String] = [:], timeout: Double = 10) async throws -> Reply {
        let raw = try await Self.offPool {
            let socket = try Self.connect(port: port, timeout: timeout)
            defer { close(socket) }
            try Self.send(socket, Self.requestText(target, method: method, host: host ?? "127.0.0.1:\(port)", headers: headers))
            return try Self.readAll(socket)
        }
        return try Self.parse(raw, method: method)
    }

    /// Opens an event stream, calls `opened` once the server confirmed it, then reads until
    /// `marker` arrives; returns everything read. Throws on timeout.
    func awaitEvent(_ marker: String, path: String = "/_shingi/reload", headers: [String: String] = [:], timeout: Double = 15, opened: @escaping @Sendable () async throws -> Void) async throws -> String {
        let socket = try await Self.offPool {
            let socket = try Self.connect(port: port, timeout: timeout)
            try Self.send(socket, Self.requestText(path, method: "GET", host: "127.0.0.1:\(port)", headers: headers))
            return socket
        }
        defer { close(socket) }
        let connected = try await Self.offPool { try Self.readUntil(socket, ": connected", deadline: Date().addingTimeInterval(timeout)) }
        try await opened()
        // The marker may have come with the first bytes.
        if connected.contains(marker) { return connected }
        let rest = try await Self.offPool { try Self.readUntil(socket, marker, deadline: Date().addingTimeInterval(timeout)) }
        return connected + rest
    }

    private static func requestText(_ target: String, method: String, host: String, headers: [String: String]) -> String {
        var text = "\(method) \(target) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { text += "\(name): \(value)\r\n" }
        if method == "POST" || method == "PUT" { text += "Content-Length: 0\r\n" }
        return text + "\r\n"
    }

    private static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    private static func connect(port: Int, timeout: Double) throws -> Int32 {
        #if canImport(Glibc)
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let socket = Darwin.socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard socket >= 0 else { throw Failure(description: "socket() failed") }
        var time = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(socket)
            throw Failure(description: "cannot connect to 127.0.0.1:\(port)")
        }
        return socket
    }

    private static func send(_ socket: Int32, _ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Foundation.send(socket, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { throw Failure(description: "send failed") }
            sent += n
        }
    }

    private static func readAll(_ socket: Int32) throws -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if n == 0 { return data }
            guard n > 0 else { throw Failure(description: "timed out reading the reply (read \(data.count) bytes)") }
            data.append(contentsOf: buffer[0..<n])
        }
    }

    private static func readUntil(_ socket: Int32, _ marker: String, deadline: Date) throws -> String {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while Date() < deadline {
            let n = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { break }
            data.append(contentsOf: buffer[0..<n])
            if String(decoding: data, as: UTF8.self).contains(marker) { return String(decoding: data, as: UTF8.self) }
        }
        throw Failure(description: "no \(marker.debugDescription) on the event stream; read: \(String(decoding: data, as: UTF8.self).debugDescription)")
    }

    private static func parse(_ raw: Data, method: String) throws -> Reply {
        let separator = Data("\r\n\r\n".utf8)
        guard let end = raw.range(of: separator) else { throw Failure(description: "no header end in \(String(decoding: raw, as: UTF8.self).debugDescription)") }
        let head = String(decoding: raw[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure(description: "bad status line \(head[0])") }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(raw[end.upperBound...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = try dechunk(body) }
        return Reply(status: status, headers: headers, body: body)
    }

    private static func dechunk(_ data: Data) throws -> Data {
        var out = Data()
        var rest = data[...]
        while let lineEnd = rest.range(of: Data("\r\n".utf8)) {
            let sizeText = String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText, radix: 16) else { throw Failure(description: "bad chunk size") }
            if size == 0 { break }
            let start = lineEnd.upperBound
            out.append(rest[start..<rest.index(start, offsetBy: size)])
            rest = rest[rest.index(start, offsetBy: size + 2)...]
        }
        return out
    }
}
