import ControlAPI
import EnrollCore
import EventLog
import Logging

/// Shut-down: an open session ends with the daemon, visibly, instead of vanishing with
/// its memory. Its captures are wiped like any abort; the audit log gets
/// `session.aborted.daemon_stopping` (from `finish()`), the journal one catalogued line.
extension SessionManager {
    /// Ends the open session, if any, with the reason "daemon stopping". A session whose
    /// record is being written is left to finish: its commit is already under way.
    func stopForShutdown() async {
        guard let active, !active.session.step.isFinal else { return }
        let id = active.session.id
        await parts.fingers.cancel()
        stopPreview()
        do throws(APIProblem) {
            try await apply(.stop)
        } catch {
            logger.info("The open session could not be ended at shut-down", metadata: [LogKey.session: "\(id)", LogKey.error: "\(error.code)"])
            return
        }
        guard let ended, ended.view.id == id, ended.view.abortReason == AbortReason.daemonStopping.rawValue else { return }
        // Only the session id and the reason: never subject data.
        logger.log(.sessionEndedByStop, "An enrollment session was ended because enrolld is stopping; nothing of it was kept",
                   metadata: [LogKey.session: "\(id)", "session.end_reason": "daemon stopping"])
    }
}
