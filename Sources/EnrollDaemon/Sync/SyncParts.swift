import ControlAPI
import EnrollCore
import EventLog
import Logging
import Sync
import Trust

/// Sync, when `central.url` is set and the record side is usable; otherwise the API reports
/// `not_configured` and records stay queued. A copy shares `start`, so every part given one
/// at start sees an uploader that starts later (TLS files put in place after the start).
struct SyncParts: SyncController {
    /// The uploader, at once or once its TLS files are usable; nil when sync is off or
    /// cannot start at all (no outbox or receipt key).
    let start: SyncStart?
    let lastProblem: String?

    var uploader: Uploader? { start?.uploader }
    /// The uploader's TLS files, reloaded when renewed in place.
    var renewal: TLSRenewal? { start?.renewal }
    /// The client certificate's expiry (Unix seconds), when sync runs; the loaded files'
    /// (it changes when renewed files are loaded).
    var certificateExpiry: Int64? { renewal?.certificateExpiry }
    /// The time the kiosk's own certificates allow; a clock before it is wrong.
    var certificateWindow: CertificateWindow? { renewal?.certificateWindow }

    static func make(configuration: DaemonConfiguration, records: RecordKeeper, logger: Logger,
                     onLateStart: @escaping @Sendable (TLSRenewal) -> Void = { _ in }) -> SyncParts {
        let central = configuration.central
        guard !central.url.isEmpty else { return SyncParts(start: nil, lastProblem: nil) }
        guard let store = records.openStore, let verifier = records.receiptVerifier else {
            let problem = "the outbox or the central receipt key is not available"
            logger.log(.syncNotStarted, "Sync is configured but cannot start: \(problem)", metadata: [LogKey.error: "\(problem)"])
            return SyncParts(start: nil, lastProblem: problem)
        }
        let settings = central.syncSettings(deviceID: records.deviceKey.map { Hex.encode($0.deviceID) })
        let start = SyncStart(settings: settings, queue: store, verifier: verifier, logger: logger,
                              onReload: { CertificateExpiryWatch.record(expiry: $0) }, onLateStart: onLateStart,
                              onOlderDatabase: { records.noteOlderDatabase($0) })
        if let problem = start.waitingFor {
            // A missing, unreadable or wrong TLS file (named with its key and path): an error
            // a technician must fix, so at error level; the daemon serves on, and sync
            // starts by itself once the files are usable.
            let seconds = start.pollMilliseconds / 1000
            logger.log(.syncNotStarted, "Sync cannot start until its TLS files are usable: \(problem); put them in place: sync then starts within \(seconds) s, or at once on `systemctl reload enrolld`",
                       metadata: [LogKey.error: "\(problem)", LogKey.path: "\(problem.path)"])
        }
        return SyncParts(start: start, lastProblem: nil)
    }

    func summary() async -> SyncSummary {
        guard let start else { return SyncSummary(state: .notConfigured, lastError: lastProblem) }
        var summary = await start.summary()
        summary.certificateExpires = certificateExpiry.map(Double.init)
        if let refused = renewal?.problem {
            summary.tlsFilesRefused = refused.description
            // Shown as the sync's problem until the files are fixed, also while uploads
            // succeed on the files loaded before.
            if summary.lastError == nil { summary.lastError = "renewed TLS files refused: \(refused)" }
        }
        return summary
    }

    /// `systemctl reload enrolld` (SIGHUP): the TLS files are compared at once, and the
    /// journal says what came of it. A reload that loaded or refused new files, or started
    /// sync, is journalled where that happened (once per change); the rest is said here.
    func reloadTLSFiles(logger: Logger) {
        guard let start else {
            logger.notice("Reload requested (SIGHUP): nothing to reload, \(lastProblem.map { "sync is not running: \($0)" } ?? "sync is not configured")")
            return
        }
        guard let renewal, let uploader else {
            switch start.lookAtFiles() {
            case .unchanged(let problem):
                logger.warning("Reload requested (SIGHUP): the TLS files are unchanged and still unusable (\(problem)); sync waits for them",
                               metadata: [LogKey.error: "\(problem.reason)", LogKey.path: "\(problem.path)"])
            case .running, .stillUnusable, .started:
                break
            }
            return
        }
        switch renewal.check() {
        case .unchanged:
            logger.notice("Reload requested (SIGHUP): the TLS files are unchanged; nothing to do")
        case .reloaded:
            // The next attempt uses them: now, not after the back-off.
            uploader.syncNow()
        case .refused(let problem, journalled: false):
            logger.warning("Reload requested (SIGHUP): the TLS files in place are still refused (\(problem)); uploads go on with the ones loaded before",
                           metadata: [LogKey.error: "\(problem.reason)", LogKey.path: "\(problem.path)"])
        case .refused(_, journalled: true):
            break
        }
    }

    func syncNow() async { start?.syncNow() }
}
