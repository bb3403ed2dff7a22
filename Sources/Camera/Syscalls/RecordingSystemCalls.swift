import EnrollCore
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Passes every call to another `SystemCalls` (the real kernel) and keeps a record of it,
/// for the replay unit tests. `enroll-camera-selftest --record` uses it inside the vivid VM.
/// close and munmap are not recorded: they answer nothing the layer parses.
public final class RecordingSystemCalls: SystemCalls {
    private let base: any SystemCalls
    private let log = Mutex<[SyscallRecord]>([])

    public init(base: any SystemCalls = LinuxSystemCalls()) {
        self.base = base
    }

    /// Everything recorded so far.
    public var records: [SyscallRecord] { log.withLock { $0 } }

    public func open(_ path: String, flags: Int32) -> Int32 {
        let result = base.open(path, flags: flags)
        append(SyscallRecord(call: "open", request: path, result: result))
        return result
    }

    public func close(_ fd: Int32) -> Int32 { base.close(fd) }

    public func ioctl(_ fd: Int32, _ request: IoctlRequest, _ argument: UnsafeMutableRawBufferPointer) -> Int32 {
        let input = Hex.encode(UnsafeRawBufferPointer(argument))
        let result = base.ioctl(fd, request, argument)
        append(SyscallRecord(call: "ioctl", request: request.name, input: input, output: Hex.encode(UnsafeRawBufferPointer(argument)), result: result))
        return result
    }

    public func mmap(_ fd: Int32, length: Int, offset: Int) -> Result<UnsafeMutableRawPointer, SystemErrno> {
        let result = base.mmap(fd, length: length, offset: offset)
        let code: Int32 = switch result {
        case .success: 0
        case .failure(let failure): -failure.code
        }
        append(SyscallRecord(call: "mmap", result: code, length: length, offset: offset))
        return result
    }

    public func munmap(_ address: UnsafeMutableRawPointer, length: Int) -> Int32 { base.munmap(address, length: length) }

    public func poll(_ fds: inout [pollfd], timeoutMilliseconds: Int32) -> Int32 {
        let result = base.poll(&fds, timeoutMilliseconds: timeoutMilliseconds)
        append(SyscallRecord(call: "poll", result: result, revents: fds.map(\.revents)))
        return result
    }

    private func append(_ record: SyscallRecord) { log.withLock { $0.append(record) } }
}
