#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A bound `AF_UNIX` datagram socket that collects what arrives: it stands in for
/// systemd's notify socket and journald's socket in tests, receiving the very bytes the
/// daemon sends there. A path starting with `@` binds an abstract name (as systemd may
/// pass in `NOTIFY_SOCKET`), of exactly its length: only a sender that gets the length
/// right reaches it.
public final class DatagramListener: @unchecked Sendable {
    // @unchecked: `received` is only touched under `lock`; `fd` is immutable after init.
    public let path: String
    private let fd: Int32
    private var received: [[UInt8]] = []
    private let lock = NSLock()
    private var reader: Thread?

    public init(path: String) throws {
        self.path = path
        var name = Array(path.utf8)
        let isAbstract = name.first == UInt8(ascii: "@")
        if isAbstract { name[0] = 0 } else { unlink(path) }
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        guard name.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(fd)
            throw POSIXError(.ENAMETOOLONG)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: name) }
        // An abstract name is all of its bytes, trailing NULs included, so bind it at its
        // exact length; a path stops at its NUL, so the whole structure will do.
        let length = isAbstract ? MemoryLayout.offset(of: \sockaddr_un.sun_path)! + name.count : MemoryLayout<sockaddr_un>.size
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(length)) }
        }
        guard bound == 0 else {
            let code = errno
            close(fd)
            throw POSIXError(.init(rawValue: code) ?? .EIO)
        }
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let thread = Thread { [weak self] in self?.readLoop() }
        reader = thread
        thread.start()
    }

    private var stopped = false

    private func readLoop() {
        var buffer = [UInt8](repeating: 0, count: 256 * 1024)
        while !lock.withLock({ stopped }) {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 { lock.withLock { received.append(Array(buffer[..<count])) } }
        }
    }

    /// Every datagram so far, oldest first.
    public var datagrams: [[UInt8]] { lock.withLock { received } }

    /// Every datagram so far as text.
    public var messages: [String] { datagrams.map { String(decoding: $0, as: UTF8.self) } }

    /// Waits until `condition` holds for the datagrams received, or `timeout` passes.
    @discardableResult
    public func wait(timeout: Duration, until condition: ([String]) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition(messages) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition(messages)
    }

    deinit {
        lock.withLock { stopped = true }
        close(fd)
        if !path.hasPrefix("@") { unlink(path) }
    }
}
