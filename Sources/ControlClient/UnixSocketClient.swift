#if canImport(Glibc)
import Glibc
#endif

/// A blocking HTTP/1.1 client for the daemon's Unix socket. Each request opens a
/// connection, sends `Connection: close`, and reads to the end: the CLI makes one or two
/// requests per run, so nothing is gained by keeping connections.
public struct UnixSocketClient: Sendable {
    public let socketPath: String
    /// How long to wait for the daemon's answer.
    public var timeoutSeconds: Int
    public var parser = HTTPResponseParser()

    public init(socketPath: String, timeoutSeconds: Int = 10) {
        self.socketPath = socketPath
        self.timeoutSeconds = timeoutSeconds
    }

    /// `GET path`.
    public func get(_ path: String) throws(ClientError) -> HTTPResponse {
        try request(method: "GET", path: path, body: [])
    }

    /// Sends one request and parses the response.
    public func request(method: String, path: String, body: [UInt8], contentType: String? = nil) throws(ClientError) -> HTTPResponse {
        let fd = try connectSocket()
        defer { close(fd) }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nUser-Agent: enrollctl\r\n"
        if let contentType { head += "Content-Type: \(contentType)\r\n" }
        head += "Content-Length: \(body.count)\r\n\r\n"
        try writeAll(fd, Array(head.utf8) + body)
        shutdown(fd, Int32(SHUT_WR))
        let bytes = try readAll(fd)
        do {
            return try parser.parse(bytes)
        } catch {
            throw ClientError(.badResponse, "The program on \(socketPath) gave an unusable answer: \(error)")
        }
    }

    private func connectSocket() throws(ClientError) -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ClientError(.connect, "Cannot create a socket (errno \(errno)).") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let path = Array(socketPath.utf8)
        guard path.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(fd)
            throw ClientError(.connect, "The socket path \(socketPath) is too long.")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else {
            let code = errno
            close(fd)
            switch code {
            case ENOENT, ECONNREFUSED:
                throw ClientError(.notRunning, "enrolld is not running: nothing answers on \(socketPath). Start it with `systemctl start enrolld`, or see `journalctl -u enrolld`.")
            case EACCES, EPERM:
                throw ClientError(.permission, "Permission denied on \(socketPath): run as root or as a member of the enrolld group.")
            default:
                throw ClientError(.connect, "Cannot connect to \(socketPath): \(String(cString: strerror(code))).")
            }
        }
        return fd
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(ClientError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if written > 0 { offset += written; continue }
            if errno == EINTR { continue }
            throw ClientError(.connect, "Sending to \(socketPath) failed: \(String(cString: strerror(errno))).")
        }
    }

    private func readAll(_ fd: Int32) throws(ClientError) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        let limit = parser.maximumHeaderBytes + parser.maximumBodyBytes + 64 * 1024
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                bytes += buffer[..<count]
                guard bytes.count <= limit else { throw ClientError(.badResponse, "The answer from \(socketPath) is larger than \(limit) bytes.") }
                continue
            }
            if count == 0 { return bytes }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK {
                throw ClientError(.timeout, "enrolld did not answer within \(timeoutSeconds) s on \(socketPath); see `journalctl -u enrolld`.")
            }
            throw ClientError(.connect, "Reading from \(socketPath) failed: \(String(cString: strerror(errno))).")
        }
    }
}
