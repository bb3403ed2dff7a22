/// One captured frame, copied out of the driver's buffer (the buffer goes straight back to
/// the driver, so a slow consumer never starves the camera).
public struct Frame: Sendable {
    /// The frame's bytes in `format.pixelFormat` (YUYV rows, or a whole JPEG).
    public var bytes: [UInt8]
    /// Size and pixel format of `bytes`.
    public var format: CaptureFormat
    /// The driver's frame counter.
    public var sequence: UInt32
    /// Capture time on the kernel's monotonic clock.
    public var timestamp: Duration
    /// Frames lost so far in this stream: gaps in `sequence`, and frames the consumer was too slow for.
    public var droppedFrames: Int
    /// Frames the driver delivered damaged (or empty, or too large) so far; each was skipped.
    public var badFrames: Int

    public init(bytes: [UInt8], format: CaptureFormat, sequence: UInt32, timestamp: Duration, droppedFrames: Int = 0, badFrames: Int = 0) {
        self.bytes = bytes
        self.format = format
        self.sequence = sequence
        self.timestamp = timestamp
        self.droppedFrames = droppedFrames
        self.badFrames = badFrames
    }
}

/// Frames as an async sequence. Ends when the stream is stopped; throws `V4L2Error` when
/// the camera is removed (`isDeviceRemoved`) or no frame arrives in time (`isTimeout`).
public typealias FrameStream = AsyncThrowingStream<Frame, any Error>
