#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which `Host` and `Origin` values a request may carry: the loopback names and addresses
/// with the bound port, and the bound address itself. A page on another name that resolves
/// to 127.0.0.1 (DNS rebinding) is refused. Bound to a wildcard address, any IP literal is
/// also accepted: rebinding needs a DNS name.
struct HostPolicy: Sendable {
    let boundHost: String
    let port: Int

    init(boundHost: String, port: Int) {
        self.boundHost = Self.normalized(boundHost)
        self.port = port
    }

    static let loopbackNames: Set<String> = ["localhost", "127.0.0.1", "[::1]"]

    /// Whether `host` names this machine's loopback interface.
    static func isLoopback(_ host: String) -> Bool {
        let name = normalized(host)
        return name == "localhost" || name == "[::1]" || (isIPv4(name) && name.hasPrefix("127."))
    }

    var isWildcard: Bool { boundHost == "0.0.0.0" || boundHost == "[::]" }

    /// The origin a page served by this server has, for messages.
    var origin: String { "http://\(Self.isLoopback(boundHost) || isWildcard ? "localhost" : boundHost):\(port)" }

    func allows(host header: String?) -> Bool {
        guard let header, let (name, port) = Self.split(header.lowercased()) else { return false }
        guard port == self.port || (port == nil && self.port == 80) else { return false }
        if Self.loopbackNames.contains(name) || name == boundHost { return true }
        return isWildcard && Self.isIPLiteral(name)
    }

    /// An `Origin` header is fine when absent or when it is a page of this server.
    func allows(origin header: String?) -> Bool {
        guard let header else { return true }
        let lowered = header.lowercased()
        guard lowered.hasPrefix("http://") else { return false }
        let authority = lowered.dropFirst("http://".count)
        guard !authority.contains("/") else { return false }
        return allows(host: String(authority))
    }

    /// `name[:port]` or `[v6][:port]`; nil when malformed.
    private static func split(_ value: String) -> (String, Int?)? {
        let name: Substring
        let rest: Substring
        if value.hasPrefix("[") {
            guard let close = value.firstIndex(of: "]") else { return nil }
            name = value[...close]
            rest = value[value.index(after: close)...]
        } else if let colon = value.lastIndex(of: ":") {
            name = value[..<colon]
            rest = value[colon...]
        } else {
            name = Substring(value)
            rest = ""
        }
        guard !name.isEmpty else { return nil }
        if rest.isEmpty { return (String(name), nil) }
        guard rest.first == ":", let port = Int(rest.dropFirst()), (0...65535).contains(port) else { return nil }
        return (String(name), port)
    }

    /// Lower case, IPv6 in brackets.
    private static func normalized(_ host: String) -> String {
        let lowered = host.lowercased()
        return lowered.contains(":") && !lowered.hasPrefix("[") ? "[\(lowered)]" : lowered
    }

    private static func isIPLiteral(_ name: String) -> Bool {
        if name.hasPrefix("[") && name.hasSuffix("]") { return isIPv6(String(name.dropFirst().dropLast())) }
        return isIPv4(name)
    }

    private static func isIPv4(_ text: String) -> Bool {
        var address = in_addr()
        return inet_pton(AF_INET, text, &address) == 1
    }

    private static func isIPv6(_ text: String) -> Bool {
        var address = in6_addr()
        return inet_pton(AF_INET6, text, &address) == 1
    }
}
