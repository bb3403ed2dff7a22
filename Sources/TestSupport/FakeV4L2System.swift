import EnrollCore
#if canImport(Glibc)
import Glibc
#endif
import Camera
import Foundation
import Synchronization

/// Replays a V4L2 session recorded against a real driver (`RecordingSystemCalls`, run by
/// `enroll-camera-selftest --record` in the vivid VM): each call takes the next record,
/// checks it is the same call, and answers what the kernel answered. Tests edit the script
/// to inject EINTR, EAGAIN, ENODEV or short buffers. mmap hands out zeroed memory and
/// counts it, so a test can check every buffer was unmapped.
public final class FakeV4L2System: SystemCalls {
    private struct State {
        var script: [SyscallRecord]
        var position = 0
        var mismatches: [String] = []
        var mapped: [UInt: Int] = [:]  // address → length; addresses as integers, which are Sendable
        var ioctls: [String] = []
    }

    private let state: Mutex<State>

    /// A replay of `script`.
    public init(script: [SyscallRecord]) {
        state = Mutex(State(script: script))
    }

    /// Reads a recording: one JSON record a line.
    public static func load(_ path: String) throws -> [SyscallRecord] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let decoder = JSONDecoder()
        return try text.split(separator: "\n").map { try decoder.decode(SyscallRecord.self, from: Data($0.utf8)) }
    }

    /// Calls that did not match the script (empty when the code made the recorded calls).
    public var mismatches: [String] { state.withLock { $0.mismatches } }
    /// Records not yet replayed.
    public var remaining: Int { state.withLock { $0.script.count - $0.position } }
    /// Buffers mapped and not yet unmapped.
    public var mappedBuffers: Int { state.withLock { $0.mapped.count } }
    /// The ioctls made, by name, in order.
    public var ioctlNames: [String] { state.withLock { $0.ioctls } }

    public func open(_ path: String, flags: Int32) -> Int32 {
        next("open", nil)?.result ?? -ENOENT
    }

    public func close(_ fd: Int32) -> Int32 { 0 }

    public func ioctl(_ fd: Int32, _ request: IoctlRequest, _ argument: UnsafeMutableRawBufferPointer) -> Int32 {
        state.withLock { $0.ioctls.append(request.name) }
        guard let record = next("ioctl", request.name) else { return -EPROTO }
        if let output = record.output.flatMap(Hex.decode) {
            argument.copyBytes(from: output.prefix(argument.count))
        }
        return record.result
    }

    public func mmap(_ fd: Int32, length: Int, offset: Int) -> Result<UnsafeMutableRawPointer, SystemErrno> {
        guard let record = next("mmap", nil) else { return .failure(SystemErrno(EPROTO)) }
        guard record.result >= 0 else { return .failure(SystemErrno(-record.result)) }
        let memory = UnsafeMutableRawPointer.allocate(byteCount: length, alignment: 4096)
        memory.initializeMemory(as: UInt8.self, repeating: 0x80, count: length)
        let key = UInt(bitPattern: memory)
        state.withLock { $0.mapped[key] = length }
        return .success(memory)
    }

    public func munmap(_ address: UnsafeMutableRawPointer, length: Int) -> Int32 {
        let key = UInt(bitPattern: address)
        let known = state.withLock { $0.mapped.removeValue(forKey: key) != nil }
        guard known else { return -EINVAL }
        address.deallocate()
        return 0
    }

    public func poll(_ fds: inout [pollfd], timeoutMilliseconds: Int32) -> Int32 {
        guard let record = next("poll", nil) else { return -EPROTO }
        for (index, revents) in (record.revents ?? []).enumerated() where index < fds.count {
            fds[index].revents = revents
        }
        return record.result
    }

    private func next(_ call: String, _ request: String?) -> SyscallRecord? {
        state.withLock { state in
            guard state.position < state.script.count else {
                state.mismatches.append("\(call) \(request ?? ""): the recording has ended")
                return nil
            }
            let record = state.script[state.position]
            guard record.call == call, request == nil || record.request == request else {
                state.mismatches.append("\(call) \(request ?? "") where the recording has \(record.call) \(record.request ?? "")")
                return nil
            }
            state.position += 1
            return record
        }
    }
}
