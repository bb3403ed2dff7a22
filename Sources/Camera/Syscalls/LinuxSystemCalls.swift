#if canImport(Glibc)
import Glibc
#endif
import CV4L2

/// The real system calls.
public struct LinuxSystemCalls: SystemCalls {
    /// The real kernel.
    public init() {}

    public func open(_ path: String, flags: Int32) -> Int32 {
        let fd = Glibc.open(path, flags)
        return fd >= 0 ? fd : -errno
    }

    public func close(_ fd: Int32) -> Int32 {
        Glibc.close(fd) == 0 ? 0 : -errno
    }

    public func ioctl(_ fd: Int32, _ request: IoctlRequest, _ argument: UnsafeMutableRawBufferPointer) -> Int32 {
        let result = CV4L2_ioctl(fd, request.number, argument.baseAddress)
        return result >= 0 ? result : -errno
    }

    public func mmap(_ fd: Int32, length: Int, offset: Int) -> Result<UnsafeMutableRawPointer, SystemErrno> {
        let address = Glibc.mmap(nil, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, off_t(offset))
        guard let address, address != MAP_FAILED else { return .failure(SystemErrno(errno)) }
        return .success(address)
    }

    public func munmap(_ address: UnsafeMutableRawPointer, length: Int) -> Int32 {
        Glibc.munmap(address, length) == 0 ? 0 : -errno
    }

    public func poll(_ fds: inout [pollfd], timeoutMilliseconds: Int32) -> Int32 {
        let count = fds.withUnsafeMutableBufferPointer { Glibc.poll($0.baseAddress, nfds_t($0.count), timeoutMilliseconds) }
        return count >= 0 ? count : -errno
    }
}
