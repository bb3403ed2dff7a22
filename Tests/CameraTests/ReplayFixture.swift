import EnrollCore
import CV4L2
import TestSupport
import Foundation
@testable import Camera

/// The session `enroll-camera-selftest --record` recorded against vivid in the VM
/// (Tests/system/test_camera_vivid.py refreshes .build-vm/vivid-session.jsonl), and
/// helpers to damage it the way real hardware does.
enum ReplayFixture {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Recordings/vivid-session.jsonl").path

    /// The driver's answer to VIDIOC_S_FMT in the recording: 320x180 YUYV.
    static let format = CaptureFormat(size: FrameSize(width: 320, height: 180), pixelFormat: .yuyv, bytesPerLine: 640, sizeImage: 115_200)

    /// open, then everything from REQBUFS on: what a `CaptureSession` replays.
    static func streamingScript() throws -> [SyscallRecord] {
        let script = try FakeV4L2System.load(path)
        let start = script.firstIndex { $0.request == "VIDIOC_REQBUFS" }!
        return [script[0]] + script[start...]
    }

    /// Indices of the records of one ioctl.
    static func indices(of request: String, in script: [SyscallRecord]) -> [Int] {
        script.indices.filter { script[$0].call == "ioctl" && script[$0].request == request }
    }

    /// A copy of `record` that failed with `errno` (the kernel leaves the argument alone).
    static func failed(_ record: SyscallRecord, errno: Int32) -> SyscallRecord {
        var copy = record
        copy.output = record.input
        copy.result = -errno
        return copy
    }

    /// Changes a UInt32 field of a recorded v4l2_buffer (DQBUF's answer).
    static func patchBuffer(_ record: inout SyscallRecord, _ field: PartialKeyPath<v4l2_buffer>, _ value: UInt32) {
        var bytes = Hex.decode(record.output!)!
        let offset = MemoryLayout<v4l2_buffer>.offset(of: field)!
        withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(offset..<offset + 4, with: $0) }
        record.output = bytes.withUnsafeBytes { Hex.encode($0) }
    }

    /// Reads a UInt32 field of a recorded v4l2_buffer.
    static func bufferField(_ record: SyscallRecord, _ field: PartialKeyPath<v4l2_buffer>) -> UInt32 {
        let bytes = Hex.decode(record.output!)!
        let offset = MemoryLayout<v4l2_buffer>.offset(of: field)!
        return bytes[offset..<offset + 4].reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }
}
