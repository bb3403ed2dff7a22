import EnrollCore

/// A device source driven by the test: stands in for libfprint and V4L2 where a test is
/// about the registry, not the hardware. Changes sent before anyone listens are kept.
public final class FakeDeviceSource: DeviceSource, Sendable {
    public let name = "fake"
    private let present: [DeviceSummary]
    private let stream: AsyncStream<DeviceChange>
    private let continuation: AsyncStream<DeviceChange>.Continuation

    public init(present: [DeviceSummary]) {
        self.present = present
        (stream, continuation) = AsyncStream.makeStream()
    }

    public func enumerate() async throws -> [DeviceSummary] { present }

    public func changes() -> AsyncStream<DeviceChange> { stream }

    /// Delivers a change as the hardware would.
    public func send(_ change: DeviceChange) { continuation.yield(change) }

    /// Ends the change stream, as a source that stops.
    public func finish() { continuation.finish() }
}
