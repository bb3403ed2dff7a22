#if canImport(Glibc)
import Glibc
#endif

/// Sends datagrams to one `AF_UNIX` address: the notify socket and the journal socket
/// are both datagram sockets, and their clients need nothing more.
///
/// A path starting with `@` names an abstract socket (systemd passes those in `NOTIFY_SOCKET`).
public struct UnixDatagramSender: Sendable {
    /// Where datagrams go.
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Sends one datagram from a fresh socket. Both protocols are fire-and-forget and rare
    /// (a few per second at most), so a socket per message keeps this free of shared state.
    public func send(_ bytes: [UInt8]) throws(SystemError) {
        let fd = try retryingEINTR("socket") { socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(path.utf8)
        let isAbstract = pathBytes.first == UInt8(ascii: "@")
        if isAbstract { pathBytes[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity else { throw SystemError("sendto", errno: ENAMETOOLONG) }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
        }
        // An abstract name's length is exact; a path's includes its terminating NUL.
        let length = MemoryLayout.offset(of: \sockaddr_un.sun_path)! + pathBytes.count + (isAbstract ? 0 : 1)
        try retryingEINTR("sendto") {
            bytes.withUnsafeBytes { buffer in
                withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        sendto(fd, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL), $0, socklen_t(length))
                    }
                }
            }
        }
    }
}
