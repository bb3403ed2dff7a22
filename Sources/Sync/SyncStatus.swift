import EnrollCore
import EventLog

/// The uploader's mutable state behind its mutex.
struct SyncStatus: Sendable {
    var state: SyncSummary.State = .idle
    var lastSuccess: Int64?
    var lastError: String?
    var nextAttempt: Int64?
    var failures = 0
    var delivered = 0
    /// Server clock minus kiosk clock by the last receipt, in milliseconds, when too far apart.
    var clockSkew: Int64?
    /// When the skew was last journalled (kiosk clock), so it is repeated hourly, not per batch.
    var skewJournalled: Int64?
    /// Set once the server was found to hold a longer chain: uploading has stopped.
    var olderDatabase: OlderDatabase?
    /// Records made pending again since start because the central server had lost them.
    var resent = 0
    /// The central server's current lack of this kiosk's records, while it lasts (one
    /// episode: journalled once, over when the server's head passes its end).
    var centralGap: CentralGap?
    /// The head last written to the outbox's `central_head`, and when (kiosk clock).
    var headNoted: (sequence: UInt64, at: Int64)?
    /// The catalog event of the last journalled failure, so a change of kind is journalled.
    var journalled: CatalogEvent?
    /// Audit shipping waits until then (timer time) after an older server's 404 or a failure.
    var auditPausedUntil: Int64?
    /// How the last audit shipping pass ended when it did not catch up.
    var auditProblem: Uploader.AuditOutcome?
    let server: String

    init(server: String) { self.server = server }

    func summary(backlog: Int?) -> SyncSummary {
        var summary = SyncSummary(state: state, lastSuccess: lastSuccess.map { Double($0) / 1000 }, lastError: lastError)
        summary.backlog = backlog
        summary.nextAttempt = nextAttempt.map { Double($0) / 1000 }
        summary.server = server
        summary.delivered = delivered
        summary.clockSkew = clockSkew.map { Double($0) / 1000 }
        summary.resent = resent
        summary.centralMissing = centralGap.map { CentralMissing(from: $0.missing.lowerBound, through: $0.missing.upperBound, resending: $0.isResend,
                                                                    lostHere: $0.isLostOnKiosk ? true : nil) }
        return summary
    }
}
