import EnrollCore

/// Answers what the daemon is doing now; the composition root implements it from the
/// live services, so the API target knows none of them.
public protocol StatusProvider: Sendable {
    func currentStatus() async -> DaemonStatus
}
