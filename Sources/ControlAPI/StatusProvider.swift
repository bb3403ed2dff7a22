import EnrollCore

/// Answers what the daemon is doing now; the composition root implements it from the
/// live services, so the API target knows none of them.
public protocol StatusProvider: Sendable {
    /// The daemon's state at a glance (`GET /v1/status`).
    func currentStatus() async -> DaemonStatus
    /// Every reader and camera (`GET /v1/devices`).
    func devices() async -> [DeviceSummary]
}
