import EnrollCore

/// The uploader as the API sees it: its state, and a way to make it try now.
public protocol SyncController: Sendable {
    func summary() async -> SyncSummary
    /// Starts an attempt at once instead of waiting out the back-off or the idle poll.
    func syncNow() async
}
