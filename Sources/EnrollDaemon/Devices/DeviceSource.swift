import EnrollCore

/// A kind of device the daemon owns (fingerprint readers through libfprint, cameras
/// through V4L2). Each adapter provides one; the registry asks them all at start-up.
public protocol DeviceSource: Sendable {
    /// Short name for logs, e.g. `libfprint`.
    var name: String { get }
    /// The devices present now.
    func enumerate() async throws -> [DeviceSummary]
}
