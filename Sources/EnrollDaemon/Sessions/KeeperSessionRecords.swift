import EnrollCore
import EventLog
import Logging
import Store

/// The record keeper as the session and logins use it: admission, commit, audit log.
struct KeeperSessionRecords: SessionRecords {
    let keeper: RecordKeeper
    let logger: Logger
    /// Called after each COMMIT: the uploader starts at once instead of at its next poll.
    var committed: @Sendable () -> Void = {}

    func admit() async throws(AdmissionRefusal) {
        try await keeper.admitSession()
    }

    func commit(_ payload: RecordPayload, actor: String) async throws -> String {
        let recordID = try await keeper.commit(payload, actor: actor, now: RecordKeeper.unixMilliseconds()).recordID.description
        committed()
        return recordID
    }

    /// Writes the entry on the store's thread and returns once it is committed (WAL,
    /// synchronous=FULL: on disk), so a crash right after the caller answers keeps it. A
    /// store whose chain is broken still takes entries: the audit log is its own chain.
    /// A failure is logged here, once, and thrown: the caller decides whether its action
    /// fails closed (see `AccessControl`, `SessionManager`).
    func audit(actor: String, action: String, recordID: String?) async throws {
        guard let store = keeper.openStore else {
            let error = AuditUnavailable(reason: await keeper.refusalReason() ?? "the record database is not open")
            logFailure(action, error)
            throw error
        }
        let at = RecordKeeper.unixMilliseconds()
        do {
            try await store.run { store in
                try store.recordAudit(actor: actor, action: action, recordID: recordID.flatMap { RecordID($0) }, at: at)
            }
        } catch {
            logFailure(action, error)
            throw error
        }
    }

    /// The verb only: what follows a colon is an id (`login.unlocked:<id>`,
    /// `….approved_by:<id>`), and ids of people stay out of the journal.
    private func logFailure(_ action: String, _ error: any Error) {
        let verb = action.split(separator: ":", maxSplits: 1).first.map(String.init) ?? action
        logger.log(.auditWriteFailed, "An audit entry could not be written: \(error)",
                   metadata: ["audit.action": "\(verb)", LogKey.error: "\(error)"])
    }
}

/// No store to write the audit entry to (damaged, unavailable, or missing its chain).
struct AuditUnavailable: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}
