#if canImport(Glibc)
import Glibc
#endif
import EnrollCore
import Foundation

/// A client of libfprint's `virtual_image` driver socket (`FP_VIRTUAL_IMAGE`): it presents
/// images and injects finger, retry and error reports the way a sensor would. Used by the
/// demo and the tests; the protocol is pairs of native `int32` then, for an image,
/// width × height gray bytes.
///
/// The driver keeps one client: a new connection closes the previous one. Send an image
/// only while the reader waits for a finger, or libfprint logs a CRITICAL.
public final class VirtualImageFeeder: @unchecked Sendable {
    // @unchecked: `fd` never changes; `lock` keeps one message's bytes together when
    // several tasks feed at once.
    private let fd: Int32
    private let lock = NSLock()

    /// Connects to the driver's socket (it exists once the reader is open).
    public init(socketPath: String) throws(ReaderError) {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .device("cannot create a socket (errno \(errno))") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let path = Array(socketPath.utf8)
        guard path.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(fd)
            throw .device("the socket path \(socketPath) is longer than 107 bytes")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else {
            let code = errno
            close(fd)
            throw .device("cannot connect to the virtual reader at \(socketPath): \(String(cString: strerror(code)))")
        }
    }

    deinit { close(fd) }

    /// Presents a finger: the driver reports it present, captures the image, then absent.
    public func present(_ image: FingerprintImage) throws(ReaderError) {
        try transmit(Int32(image.width), Int32(image.height), image.pixels)
    }

    /// Asks for a retry (`FP_DEVICE_RETRY_*` code), wrapped in finger on/off reports
    /// as the driver needs, or an enrollment wedges.
    public func retry(_ code: Int32 = 0) throws(ReaderError) {
        try transmit(-4, 1)
        try transmit(-1, code)
        try transmit(-4, 0)
    }

    /// Fails the running operation with `FP_DEVICE_ERROR_*` `code`.
    public func error(_ code: Int32) throws(ReaderError) {
        try transmit(-2, code)
    }

    /// Reports the finger on (true) or off the sensor.
    public func finger(_ present: Bool) throws(ReaderError) {
        try transmit(-4, present ? 1 : 0)
    }

    private func transmit(_ first: Int32, _ second: Int32, _ payload: [UInt8] = []) throws(ReaderError) {
        var bytes: [UInt8] = []
        withUnsafeBytes(of: first) { bytes += $0 }
        withUnsafeBytes(of: second) { bytes += $0 }
        bytes += payload
        lock.lock()
        defer { lock.unlock() }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if written > 0 { offset += written; continue }
            if written < 0 && errno == EINTR { continue }
            throw .device("writing to the virtual reader failed: \(String(cString: strerror(errno)))")
        }
    }
}
