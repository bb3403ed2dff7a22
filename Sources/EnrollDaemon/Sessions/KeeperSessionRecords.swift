import EnrollCore
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

    func audit(actor: String, action: String, recordID: String?) {
        guard let store = keeper.store else { return }
        let at = RecordKeeper.unixMilliseconds()
        store.post { [logger] store in
            do {
                try store.recordAudit(actor: actor, action: action, recordID: recordID.flatMap { RecordID($0) }, at: at)
            } catch {
                // The action itself went through; a missing audit entry is the technician's to see.
                logger.warning("An audit entry could not be written", metadata: ["error": "\(error)"])
            }
        }
    }
}
