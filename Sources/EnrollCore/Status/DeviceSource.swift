/// A kind of device the daemon owns (fingerprint readers through libfprint, cameras
/// through V4L2). Each adapter provides one; the daemon's registry enumerates them all at
/// start-up and then follows their changes. Declared here, in the core, so adapters can
/// conform without knowing the composition root.
public protocol DeviceSource: Sendable {
    /// Short name for logs, e.g. `libfprint`.
    var name: String { get }
    /// The devices present now.
    func enumerate() async throws -> [DeviceSummary]
    /// What happens after enumeration: plug, unplug, health. Finishes when the source stops.
    func changes() -> AsyncStream<DeviceChange>
}

/// A change in the devices a source sees.
public enum DeviceChange: Sendable, Equatable {
    /// Plugged in (or seen again after a re-plug).
    case added(DeviceSummary)
    /// Same device, new health or details.
    case updated(DeviceSummary)
    /// Unplugged.
    case removed(id: String)
}
