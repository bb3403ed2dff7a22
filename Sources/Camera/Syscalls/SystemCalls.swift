#if canImport(Glibc)
import Glibc
#endif

/// The system calls the V4L2 layer makes, behind a protocol so that unit tests can replay
/// a session recorded against a real driver (and inject EINTR, EAGAIN, ENODEV).
///
/// Every call answers like the raw kernel interface: a non-negative result, or `-errno`.
/// Retrying on EINTR is the caller's job (`V4L2Device`), so a replay can test it.
public protocol SystemCalls: Sendable {
    /// open(2); the descriptor or `-errno`.
    func open(_ path: String, flags: Int32) -> Int32
    /// close(2).
    func close(_ fd: Int32) -> Int32
    /// ioctl(2) with the argument struct as bytes; 0 (or the ioctl's result) or `-errno`.
    func ioctl(_ fd: Int32, _ request: IoctlRequest, _ argument: UnsafeMutableRawBufferPointer) -> Int32
    /// mmap(2) of a shared, readable buffer at `offset`; the address or `-errno`.
    func mmap(_ fd: Int32, length: Int, offset: Int) -> Result<UnsafeMutableRawPointer, SystemErrno>
    /// munmap(2).
    func munmap(_ address: UnsafeMutableRawPointer, length: Int) -> Int32
    /// poll(2) over `fds`; the number of ready descriptors or `-errno`.
    func poll(_ fds: inout [pollfd], timeoutMilliseconds: Int32) -> Int32
}

/// An errno from a system call, for the `Result` of `mmap`.
public struct SystemErrno: Error, Sendable, Equatable {
    /// The error number.
    public let code: Int32
    /// Wraps an error number.
    public init(_ code: Int32) { self.code = code }
}
