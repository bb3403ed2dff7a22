/// Why a reader operation failed. A struct around a private code so codes can be added
/// without breaking callers; retries are not errors (see `RetryReason`).
public struct ReaderError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Equatable {
        case busy, timedOut, cancelled, removed, tooHot, notSupported, notOpen, invalidTemplate, device
    }

    private let code: Code
    /// A sentence for logs and technicians; never contains biometric data.
    public let description: String

    private init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }

    /// Another operation is running on this reader.
    public static func busy(_ detail: String = "the reader is busy with another operation") -> Self { .init(.busy, detail) }
    /// No finger came within the configured time.
    public static func timedOut(_ detail: String = "no finger was presented in time") -> Self { .init(.timedOut, detail) }
    /// The caller cancelled.
    public static func cancelled(_ detail: String = "the operation was cancelled") -> Self { .init(.cancelled, detail) }
    /// The reader was unplugged.
    public static func removed(_ detail: String = "the reader was removed") -> Self { .init(.removed, detail) }
    /// The sensor is too hot and must cool down.
    public static func tooHot(_ detail: String = "the reader is too hot and is cooling down") -> Self { .init(.tooHot, detail) }
    /// The reader cannot do this (e.g. capture on a match-on-chip reader).
    public static func notSupported(_ detail: String) -> Self { .init(.notSupported, detail) }
    /// The reader is not open (it failed to open, or was closed).
    public static func notOpen(_ detail: String = "the reader is not open") -> Self { .init(.notOpen, detail) }
    /// A template that this reader cannot use.
    public static func invalidTemplate(_ detail: String) -> Self { .init(.invalidTemplate, detail) }
    /// Any other failure of the device or its driver.
    public static func device(_ detail: String) -> Self { .init(.device, detail) }

    public var isBusy: Bool { code == .busy }
    public var isTimedOut: Bool { code == .timedOut }
    public var isCancelled: Bool { code == .cancelled }
    public var isRemoved: Bool { code == .removed }
    public var isTooHot: Bool { code == .tooHot }
    public var isNotSupported: Bool { code == .notSupported }
    /// A failure of the device itself (protocol error, device time-out): what self-healing counts.
    public var isDeviceFailure: Bool { code == .device }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
}
