import EnrollCore
#if canImport(Glibc)
import Glibc
#endif
import CV4L2
import Testing
import TestSupport
@testable import Camera

/// The whole camera (open, capability check, S_FMT, frame rate, controls, the capture
/// thread) against the recorded vivid session.
@Suite struct V4L2CameraReplayTests {
    @Test func recordedSessionReplaysThroughTheCameraActor() async throws {
        let fake = FakeV4L2System(script: try FakeV4L2System.load(ReplayFixture.path))
        let camera = try V4L2Camera(node: "/dev/video0", system: fake)
        #expect(await camera.deviceCapabilities.driver == "vivid")
        let negotiated = try await camera.set(FrameSize(width: 320, height: 180), .yuyv, framesPerSecond: 30)
        #expect(negotiated.format == ReplayFixture.format)
        #expect(negotiated.framesPerSecond == 30)
        var delivered = 0, lastDropped = 0
        for try await frame in try await camera.frames(bufferCount: 3, frameTimeout: .seconds(5)) {
            delivered += 1
            lastDropped = frame.droppedFrames
            if delivered == 5 { break }
        }
        await camera.stop()
        // The replay runs faster than the consumer; frames it could not take count as dropped.
        #expect(delivered + lastDropped >= 4)
        #expect(fake.mismatches == [])
        #expect(fake.remaining == 0)
        #expect(fake.mappedBuffers == 0)
    }

    @Test func unplugEndsTheFrameSequenceWithATypedError() async throws {
        var script = try FakeV4L2System.load(ReplayFixture.path)
        let first = ReplayFixture.indices(of: "VIDIOC_DQBUF", in: script)[0]
        let tail = script.suffix(2).map { ReplayFixture.failed($0, errno: ENODEV) }
        script = Array(script[...first]) + tail
        script[first] = ReplayFixture.failed(script[first], errno: ENODEV)
        let fake = FakeV4L2System(script: script)
        let camera = try V4L2Camera(node: "/dev/video0", system: fake)
        _ = try await camera.set(FrameSize(width: 320, height: 180), .yuyv, framesPerSecond: 30)
        let stream = try await camera.frames(bufferCount: 3, frameTimeout: .seconds(5))
        let error = await #expect(throws: V4L2Error.self) {
            for try await _ in stream {}
        }
        #expect(error?.isDeviceRemoved == true)
        await camera.stop()
        #expect(fake.mappedBuffers == 0)
        #expect(fake.mismatches == [])
    }

    /// A UVC metadata node (V4L2_CAP_META_CAPTURE only) is refused at open.
    @Test func nonCaptureNodesAreRefused() throws {
        var script = try FakeV4L2System.load(ReplayFixture.path)
        var caps = Hex.decode(script[1].output!)!
        let metaOnly: UInt32 = 0x0080_0000 | 0x0400_0000 | 0x8000_0000  // META_CAPTURE | STREAMING | DEVICE_CAPS
        for field in [\v4l2_capability.capabilities, \v4l2_capability.device_caps] as [PartialKeyPath<v4l2_capability>] {
            let offset = MemoryLayout<v4l2_capability>.offset(of: field)!
            withUnsafeBytes(of: metaOnly.littleEndian) { caps.replaceSubrange(offset..<offset + 4, with: $0) }
        }
        script[1].output = caps.withUnsafeBytes { Hex.encode($0) }
        let error = #expect(throws: V4L2Error.self) { try V4L2Camera(node: "/dev/video0", system: FakeV4L2System(script: script)) }
        #expect(error?.isNotCapture == true)
    }

    @Test func openFailureCarriesErrno() {
        let fake = FakeV4L2System(script: [SyscallRecord(call: "open", request: "/dev/video9", result: -EACCES)])
        let error = #expect(throws: V4L2Error.self) { try V4L2Camera(node: "/dev/video9", system: fake) }
        #expect(error?.errno == EACCES)
        #expect(error?.description.contains("Permission denied") == true)
    }
}
