#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A loopback TCP port that takes connections and never says a word: listen() with a
/// backlog and no accept(), so the kernel completes each handshake and the client waits
/// for a TLS answer that never comes (a hung central server, a black-holing middlebox).
final class SilentListener: @unchecked Sendable {
    // @unchecked: `descriptor` is set once in init and only closed in deinit.
    private let descriptor: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw HarnessError("socket: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw HarnessError("bind/listen: \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    var url: String { "https://127.0.0.1:\(port)" }

    deinit { close(descriptor) }
}

/// A loopback port with nobody listening: connections to it are refused at once.
enum ClosedPort {
    static func find() throws -> Int {
        let listener = try SilentListener()
        return listener.port  // closed when `listener` goes
    }
}
