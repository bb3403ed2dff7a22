#if canImport(Glibc)
import Glibc
#endif
import CV4L2

/// A buffer VIDIOC_DQBUF handed back.
public struct DequeuedBuffer: Sendable, Equatable {
    /// Which mmap buffer.
    public var index: Int
    /// Bytes of frame data in it.
    public var bytesUsed: Int
    /// The driver's frame counter; gaps are dropped frames.
    public var sequence: UInt32
    /// When the first byte was captured, on the monotonic clock (V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC).
    public var timestamp: Duration
    /// The driver flagged the frame as damaged (V4L2_BUF_FLAG_ERROR).
    public var isError: Bool
}

extension V4L2Device {
    /// VIDIOC_REQBUFS for mmap capture buffers; answers how many the driver allocated.
    /// `count` 0 frees them.
    public func requestBuffers(_ count: Int) throws(V4L2Error) -> Int {
        var request = v4l2_requestbuffers()
        request.count = UInt32(count)
        request.type = V4L2_BUF_TYPE_VIDEO_CAPTURE.rawValue
        request.memory = V4L2_MEMORY_MMAP.rawValue
        try ioctl(.requestBuffers, &request)
        return Int(request.count)
    }

    /// VIDIOC_QUERYBUF: the (offset, length) to mmap buffer `index` with.
    public func queryBuffer(_ index: Int) throws(V4L2Error) -> (offset: Int, length: Int) {
        var buffer = v4l2_buffer()
        buffer.index = UInt32(index)
        buffer.type = V4L2_BUF_TYPE_VIDEO_CAPTURE.rawValue
        buffer.memory = V4L2_MEMORY_MMAP.rawValue
        try ioctl(.queryBuffer, &buffer)
        return (Int(buffer.m.offset), Int(buffer.length))
    }

    /// VIDIOC_QBUF: gives buffer `index` to the driver to fill.
    public func queueBuffer(_ index: Int) throws(V4L2Error) {
        var buffer = v4l2_buffer()
        buffer.index = UInt32(index)
        buffer.type = V4L2_BUF_TYPE_VIDEO_CAPTURE.rawValue
        buffer.memory = V4L2_MEMORY_MMAP.rawValue
        try ioctl(.queueBuffer, &buffer)
    }

    /// VIDIOC_DQBUF: the next filled buffer, or nil when none is ready yet (EAGAIN).
    public func dequeueBuffer() throws(V4L2Error) -> DequeuedBuffer? {
        var buffer = v4l2_buffer()
        buffer.type = V4L2_BUF_TYPE_VIDEO_CAPTURE.rawValue
        buffer.memory = V4L2_MEMORY_MMAP.rawValue
        guard try ioctlUnlessWouldBlock(.dequeueBuffer, &buffer) else { return nil }
        let time = buffer.timestamp
        return DequeuedBuffer(
            index: Int(buffer.index), bytesUsed: Int(buffer.bytesused), sequence: buffer.sequence,
            timestamp: .seconds(Int64(time.tv_sec)) + .microseconds(Int64(time.tv_usec)),
            isError: buffer.flags & UInt32(V4L2_BUF_FLAG_ERROR) != 0)
    }

    /// VIDIOC_STREAMON.
    public func streamOn() throws(V4L2Error) {
        var type = Int32(V4L2_BUF_TYPE_VIDEO_CAPTURE.rawValue)
        try ioctl(.streamOn, &type)
    }

    /// VIDIOC_STREAMOFF: also returns every queued buffer to user space.
    public func streamOff() throws(V4L2Error) {
        var type = Int32(V4L2_BUF_TYPE_VIDEO_CAPTURE.rawValue)
        try ioctl(.streamOff, &type)
    }
}
