#if canImport(Glibc)
import Glibc
#endif
import CV4L2
import Testing
import TestSupport
@testable import Camera

/// The streaming layer against vivid's recorded answers, then against the same answers
/// damaged: EINTR, EAGAIN, ENODEV mid-stream, short, flagged, oversized and lost frames.
@Suite struct CaptureSessionReplayTests {
    /// Opens a replayed device and runs a session until it reports a stop request (nil) or throws.
    static func run(_ script: [SyscallRecord], timeout: Duration = .seconds(5)) throws -> (fake: FakeV4L2System, frames: [Frame], error: V4L2Error?) {
        let fake = FakeV4L2System(script: script)
        let device = try V4L2Device(path: "/dev/video0", system: fake)
        let session = CaptureSession(device: device, format: ReplayFixture.format, bufferCount: 3)
        var frames: [Frame] = []
        var failure: V4L2Error?
        do throws(V4L2Error) {
            try session.start()
            while let frame = try session.nextFrame(timeout: timeout, wakeFD: -1) { frames.append(frame) }
        } catch {
            failure = error
        }
        session.stop()
        return (fake, frames, failure)
    }

    static func expectFullyReplayed(_ fake: FakeV4L2System, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(fake.mismatches == [], sourceLocation: sourceLocation)
        #expect(fake.remaining == 0, "records left unreplayed", sourceLocation: sourceLocation)
        #expect(fake.mappedBuffers == 0, "mmap buffers not released", sourceLocation: sourceLocation)
    }

    @Test func recordedSessionReplaysFrameByFrame() throws {
        let (fake, frames, error) = try Self.run(try ReplayFixture.streamingScript())
        #expect(error == nil)
        #expect(frames.map(\.sequence) == [0, 1, 2, 3, 4])
        #expect(frames.allSatisfy { $0.bytes.count == 115_200 && $0.droppedFrames == 0 && $0.badFrames == 0 })
        #expect(zip(frames, frames.dropFirst()).allSatisfy { $1.timestamp > $0.timestamp })
        Self.expectFullyReplayed(fake)
    }

    @Test func interruptedCallsAreRetried() throws {
        var script = try ReplayFixture.streamingScript()
        for request in ["VIDIOC_STREAMON", "VIDIOC_DQBUF", "VIDIOC_QBUF", "VIDIOC_REQBUFS"] {
            let index = ReplayFixture.indices(of: request, in: script)[0]
            script.insert(ReplayFixture.failed(script[index], errno: EINTR), at: index)
        }
        let pollIndex = script.firstIndex { $0.call == "poll" }!
        var interruptedPoll = script[pollIndex]
        interruptedPoll.result = -EINTR
        interruptedPoll.revents = [0, 0]
        script.insert(interruptedPoll, at: pollIndex)
        let (fake, frames, error) = try Self.run(script)
        #expect(error == nil)
        #expect(frames.map(\.sequence) == [0, 1, 2, 3, 4])
        #expect(fake.ioctlNames.filter { $0 == "VIDIOC_DQBUF" }.count == 6)
        Self.expectFullyReplayed(fake)
    }

    /// A wake-up without a buffer (EAGAIN on the non-blocking node) waits again.
    @Test func wouldBlockWaitsAgain() throws {
        var script = try ReplayFixture.streamingScript()
        let first = ReplayFixture.indices(of: "VIDIOC_DQBUF", in: script)[0]
        let poll = script[first - 1]
        script.insert(contentsOf: [ReplayFixture.failed(script[first], errno: EAGAIN), poll], at: first)
        let (fake, frames, error) = try Self.run(script)
        #expect(error == nil)
        #expect(frames.count == 5)
        Self.expectFullyReplayed(fake)
    }

    /// Unplugged after two frames: the stream ends with a typed error and every buffer is unmapped.
    @Test func unplugMidStreamEndsWithDeviceRemoved() throws {
        var script = try ReplayFixture.streamingScript()
        let third = ReplayFixture.indices(of: "VIDIOC_DQBUF", in: script)[2]
        let streamOff = script[ReplayFixture.indices(of: "VIDIOC_STREAMOFF", in: script)[0]]
        let free = script[ReplayFixture.indices(of: "VIDIOC_REQBUFS", in: script).last!]
        script = Array(script[...third])
        script[third] = ReplayFixture.failed(script[third], errno: ENODEV)
        script += [ReplayFixture.failed(streamOff, errno: ENODEV), ReplayFixture.failed(free, errno: ENODEV)]
        let (fake, frames, error) = try Self.run(script)
        #expect(frames.count == 2)
        let removed = try #require(error)
        #expect(removed.isDeviceRemoved && removed.errno == ENODEV)
        Self.expectFullyReplayed(fake)
    }

    /// (case, field of v4l2_buffer, value): key paths are not Sendable, so the field goes by name.
    @Test(arguments: [
        ("short frame", "bytesused", UInt32(1000)),
        ("empty frame", "bytesused", 0),
        ("larger than its buffer", "bytesused", 200_000),
        ("flagged by the driver", "flags", UInt32(V4L2_BUF_FLAG_ERROR | V4L2_BUF_FLAG_MAPPED)),
    ])
    func badFramesAreCountedAndSkipped(_ name: String, _ field: String, _ value: UInt32) throws {
        var script = try ReplayFixture.streamingScript()
        let second = ReplayFixture.indices(of: "VIDIOC_DQBUF", in: script)[1]
        ReplayFixture.patchBuffer(&script[second], field == "flags" ? \v4l2_buffer.flags : \v4l2_buffer.bytesused, value)
        let (fake, frames, error) = try Self.run(script)
        #expect(error == nil, "\(name)")
        #expect(frames.map(\.sequence) == [0, 2, 3, 4], "\(name)")
        #expect(frames.map(\.badFrames) == [0, 1, 1, 1], "\(name)")
        #expect(frames.allSatisfy { $0.bytes.count == 115_200 })
        Self.expectFullyReplayed(fake)
    }

    @Test func sequenceGapsCountAsDroppedFrames() throws {
        var script = try ReplayFixture.streamingScript()
        let dequeues = ReplayFixture.indices(of: "VIDIOC_DQBUF", in: script)
        #expect(ReplayFixture.bufferField(script[dequeues[2]], \v4l2_buffer.sequence) == 2)
        ReplayFixture.patchBuffer(&script[dequeues[2]], \v4l2_buffer.sequence, 9)
        ReplayFixture.patchBuffer(&script[dequeues[3]], \v4l2_buffer.sequence, 10)
        ReplayFixture.patchBuffer(&script[dequeues[4]], \v4l2_buffer.sequence, 11)
        let (_, frames, _) = try Self.run(script)
        #expect(frames.map(\.droppedFrames) == [0, 0, 7, 7, 7])
    }

    /// mmap fails for the second buffer: start throws, the first mapping and the driver's buffers are released.
    @Test func failedMappingReleasesWhatWasMapped() throws {
        let script = try ReplayFixture.streamingScript()
        let secondMap = script.indices.filter { script[$0].call == "mmap" }[1]
        var failing = script[secondMap]
        failing.result = -ENOMEM
        let streamOff = script[ReplayFixture.indices(of: "VIDIOC_STREAMOFF", in: script)[0]]
        let free = script[ReplayFixture.indices(of: "VIDIOC_REQBUFS", in: script).last!]
        let (fake, frames, error) = try Self.run(Array(script[..<secondMap]) + [failing, streamOff, free])
        #expect(frames.isEmpty)
        #expect(error == V4L2Error.mmap(errno: ENOMEM))
        Self.expectFullyReplayed(fake)
    }

    @Test func noFrameInTimeIsATimeout() throws {
        let script = try ReplayFixture.streamingScript()
        let streamOn = ReplayFixture.indices(of: "VIDIOC_STREAMON", in: script)[0]
        let tail = script.suffix(2)  // STREAMOFF, REQBUFS 0
        let (fake, _, error) = try Self.run(Array(script[...streamOn]) + tail, timeout: .nanoseconds(1))
        #expect(error?.isTimeout == true)
        Self.expectFullyReplayed(fake)
    }
}
