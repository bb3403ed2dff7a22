#if canImport(Glibc)
import Glibc
#endif

/// A camera failure, with the system's `errno` where one caused it. A struct around a
/// private code, so codes can be added without breaking callers that switch on the
/// public predicates.
public struct V4L2Error: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Sendable, Equatable {
        case open, notCapture, ioctl, mmap, poll, noFormat, timeout, deviceRemoved, badFrame, busy, closed
    }

    private let code: Code
    /// The operation that failed, e.g. `VIDIOC_S_FMT` or `open /dev/video0`.
    public let operation: String
    /// The system's error number, or 0 when the failure is not a system call's.
    public let errno: Int32
    private let detail: String

    private init(_ code: Code, _ operation: String, errno: Int32 = 0, _ detail: String = "") {
        self.code = code
        self.operation = operation
        self.errno = errno
        self.detail = detail
    }

    /// The device node could not be opened.
    public static func open(_ path: String, errno: Int32) -> V4L2Error { V4L2Error(.open, "open \(path)", errno: errno) }
    /// The node is not a video capture device (metadata, output, radio...).
    public static func notCapture(_ path: String, _ detail: String) -> V4L2Error { V4L2Error(.notCapture, path, detail) }
    /// An ioctl failed with `errno`.
    public static func ioctl(_ name: String, errno: Int32) -> V4L2Error {
        errno == ENODEV ? V4L2Error(.deviceRemoved, name, errno: errno) : V4L2Error(.ioctl, name, errno: errno)
    }
    /// A buffer could not be mapped.
    public static func mmap(errno: Int32) -> V4L2Error { V4L2Error(.mmap, "mmap", errno: errno) }
    /// Waiting for a frame failed.
    public static func poll(errno: Int32) -> V4L2Error { V4L2Error(.poll, "poll", errno: errno) }
    /// The camera offers no format the policy accepts.
    public static func noFormat(_ detail: String) -> V4L2Error { V4L2Error(.noFormat, "format negotiation", detail) }
    /// No frame arrived within the time-out.
    public static func timeout(seconds: Double) -> V4L2Error { V4L2Error(.timeout, "waiting for a frame", "no frame within \(seconds) s") }
    /// The device went away (unplugged): ENODEV.
    public static func deviceRemoved(_ operation: String) -> V4L2Error { V4L2Error(.deviceRemoved, operation, errno: ENODEV) }
    /// A frame the driver delivered cannot be used (flagged as an error, empty, or larger than its buffer).
    public static func badFrame(_ detail: String) -> V4L2Error { V4L2Error(.badFrame, "frame", detail) }
    /// The camera is already streaming; one operation at a time.
    public static func busy(_ operation: String) -> V4L2Error { V4L2Error(.busy, operation, "the camera is streaming") }
    /// The camera was closed.
    public static func closed(_ operation: String) -> V4L2Error { V4L2Error(.closed, operation, "the camera is closed") }

    /// The device was unplugged (also when opening a node whose device is gone); re-open it
    /// when udev reports it again.
    public var isDeviceRemoved: Bool { code == .deviceRemoved || (code == .open && errno == ENODEV) }
    /// No frame arrived in time.
    public var isTimeout: Bool { code == .timeout }
    /// The node is not a capture device.
    public var isNotCapture: Bool { code == .notCapture }

    public var description: String {
        var text = "\(operation) failed"
        switch code {
        case .deviceRemoved: text = "\(operation): the camera was removed"
        case .timeout, .noFormat, .badFrame, .notCapture, .busy, .closed: text = "\(operation): \(detail)"
        default: break
        }
        if errno != 0, code != .deviceRemoved { text += ": \(String(cString: strerror(errno))) (errno \(errno))" }
        return text
    }
}
