#if canImport(Glibc)
import Glibc
#endif
import EnrollCore

/// One streaming run on an open device: buffers requested and mapped, stream on, frames
/// dequeued one by one, and everything undone by `stop()`. Synchronous on purpose: the
/// capture thread drives it, and unit tests drive it directly against a replayed recording.
///
/// Not Sendable: it belongs to whichever single thread runs the stream.
public final class CaptureSession {
    private let device: V4L2Device
    /// The format frames arrive in.
    public let format: CaptureFormat
    private let requestedBuffers: Int
    private var buffers: MappedBuffers?
    /// Whether the driver holds buffers for us (REQBUFS succeeded), to free them on every path.
    private var requested = false
    private var lastSequence: UInt32?
    /// Frames lost to gaps in the driver's sequence numbers.
    public private(set) var droppedFrames = 0
    /// Frames skipped as damaged, empty or too large.
    public private(set) var badFrames = 0
    /// Frames handed out.
    public private(set) var deliveredFrames = 0

    /// A session for `format` (as the driver agreed to it) with `bufferCount` mmap buffers.
    public init(device: V4L2Device, format: CaptureFormat, bufferCount: Int) {
        self.device = device
        self.format = format
        requestedBuffers = max(2, min(bufferCount, 32))
    }

    deinit { stop() }

    /// REQBUFS, mmap, QBUF every buffer, STREAMON. On failure everything done so far is undone.
    public func start() throws(V4L2Error) {
        do throws(V4L2Error) {
            let granted = try device.requestBuffers(requestedBuffers)
            requested = true
            guard granted >= 2 else { throw V4L2Error.badFrame("the driver granted \(granted) buffer(s); two or more are needed") }
            let mapped = try MappedBuffers(device: device, count: granted)
            buffers = mapped
            for index in 0..<mapped.count { try device.queueBuffer(index) }
            try device.streamOn()
        } catch {
            stop()
            throw error
        }
    }

    /// Waits for the next usable frame. Returns nil when `wakeFD` became readable (stop
    /// requested). Damaged frames are counted and skipped; ENODEV and the time-out throw.
    public func nextFrame(timeout: Duration, wakeFD: Int32) throws(V4L2Error) -> Frame? {
        guard let buffers else { throw V4L2Error.closed("capture") }
        let deadline = MonotonicClock.now + timeout
        while true {
            let remaining = deadline - MonotonicClock.now
            guard remaining > .zero else { throw V4L2Error.timeout(seconds: timeout.seconds) }
            var fds = [pollfd(fd: device.fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)]
            let ready = device.system.poll(&fds, timeoutMilliseconds: Int32(clamping: remaining.milliseconds + 1))
            if ready == -EINTR { continue }
            guard ready >= 0 else { throw V4L2Error.poll(errno: -ready) }
            if ready == 0 { continue }  // the deadline check above decides
            if fds[1].revents != 0 { return nil }
            // POLLERR/POLLHUP too: DQBUF then says why (ENODEV after an unplug).
            guard let buffer = try device.dequeueBuffer() else {
                // POLLERR with nothing to dequeue would spin until the deadline: the queue is broken.
                if fds[0].revents & Int16(POLLERR) != 0 { throw V4L2Error.poll(errno: EIO) }
                continue
            }
            let problem = check(buffer, capacity: buffer.index < buffers.count ? buffers.mappings[buffer.index].length : -1)
            let bytes = problem == nil ? buffers.copy(buffer.index, count: buffer.bytesUsed) : []
            if buffer.index < buffers.count { try device.queueBuffer(buffer.index) }
            if let last = lastSequence, buffer.sequence > last &+ 1 { droppedFrames += Int(buffer.sequence &- last &- 1) }
            lastSequence = buffer.sequence
            if problem != nil {
                badFrames += 1
                continue
            }
            deliveredFrames += 1
            return Frame(
                bytes: bytes, format: format, sequence: buffer.sequence, timestamp: buffer.timestamp,
                droppedFrames: droppedFrames, badFrames: badFrames)
        }
    }

    /// STREAMOFF, unmap, free the driver's buffers. Safe to call twice and after an unplug.
    public func stop() {
        guard requested else { return }
        requested = false
        try? device.streamOff()
        buffers = nil  // munmap, before the driver frees what the mappings point to
        _ = try? device.requestBuffers(0)
    }

    /// Why a dequeued buffer cannot be used, or nil.
    private func check(_ buffer: DequeuedBuffer, capacity: Int) -> String? {
        if capacity < 0 { return "buffer index \(buffer.index) out of range" }
        if buffer.isError { return "the driver flagged the frame as damaged" }
        if buffer.bytesUsed == 0 { return "empty frame" }
        if buffer.bytesUsed > capacity { return "frame of \(buffer.bytesUsed) bytes in a \(capacity)-byte buffer" }
        // Uncompressed frames have a fixed size; a short one is a torn frame.
        if !format.pixelFormat.isJPEG, buffer.bytesUsed < format.bytesPerLine * format.size.height {
            return "short frame: \(buffer.bytesUsed) of \(format.bytesPerLine * format.size.height) bytes"
        }
        return nil
    }
}
