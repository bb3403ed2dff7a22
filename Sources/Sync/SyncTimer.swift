/// The uploader's sense of time for pacing: waiting out a back-off and reading "now" for
/// the status. Injected so a test can live through an hour-long outage in seconds.
public protocol SyncTimer: Sendable {
    /// Unix milliseconds.
    func now() -> Int64
    /// Sleeps `milliseconds`; throws on cancellation.
    func sleep(milliseconds: Int64) async throws
}

/// Real time.
public struct SystemSyncTimer: SyncTimer {
    public init() {}
    public func now() -> Int64 { WallClock.milliseconds() }
    public func sleep(milliseconds: Int64) async throws { try await Task.sleep(for: .milliseconds(milliseconds)) }
}
