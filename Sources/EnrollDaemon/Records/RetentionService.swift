import EnrollCore
import EventLog
import Logging
import ServiceLifecycle
import Store

/// Purges receipted records once their retention period has passed, and lets go of audit
/// entries the central server holds after theirs, at start and then every `period`.
/// Purging is cheap when nothing is due.
struct RetentionService: Service {
    let keeper: RecordKeeper
    let period: Duration
    /// `storage.audit_retention_days`.
    let auditRetentionMilliseconds: Int64
    let logger: Logger

    func run() async throws {
        // A service that returns would stop the whole group: without a store, just wait.
        guard let store = keeper.store else {
            try? await gracefulShutdown()
            return
        }
        var failing: String?
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let now = RecordKeeper.unixMilliseconds()
                let purged = try await store.run { store in try store.purge(now: now) }
                if purged > 0 { logger.info("Purged \(purged) receipted record(s) past retention") }
                let writtenBy = now - auditRetentionMilliseconds
                let letGo = try await store.run { store in try store.pruneAudit(writtenBy: writtenBy) }
                if letGo > 0 { logger.info("Let go of \(letGo) audit entries the central server holds, past storage.audit_retention_days") }
                if failing != nil { logger.notice("Purging receipted records works again") }
                failing = nil
            } catch {
                // Once per failure and reason, not every ten minutes for the length of it.
                let reason = "\(error)"
                if reason != failing {
                    logger.log(.recordsNotPurged, "Receipted records or acknowledged audit entries past retention could not be deleted; will retry: \(reason)",
                               metadata: [LogKey.error: "\(reason)"])
                }
                failing = reason
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: period) }
        }
    }
}
