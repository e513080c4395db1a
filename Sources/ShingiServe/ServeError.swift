/// Why the preview server could not start, said in one line.
public enum ServeError: Error, Sendable, Equatable, CustomStringConvertible {
    case portInUse(host: String, port: Int)
    case cannotBind(host: String, port: Int, reason: String)
    case invalidPort(Int)

    public var description: String {
        switch self {
        case let .portInUse(host, port):
            "port \(port) on \(host) is already in use; stop the other server or choose another with --port"
        case let .cannotBind(host, port, reason):
            "cannot listen on \(host):\(port): \(reason)"
        case let .invalidPort(port):
            "invalid port \(port): use a number from 1 to 65535"
        }
    }
}
