import ControlAPI
import EnrollCore
import EventLog
import Logging
import Sync
import Trust

/// The uploader, when `central.url` is set and the record side is usable; otherwise the
/// API reports `not_configured` and records stay queued.
struct SyncParts: SyncController {
    let uploader: Uploader?
    let lastProblem: String?
    /// The uploader's TLS files, reloaded when renewed in place.
    var renewal: TLSRenewal? = nil
    /// The client certificate's expiry (Unix seconds), when sync is set up; the loaded
    /// files' (it changes when renewed files are loaded).
    var certificateExpiry: Int64? { renewal?.certificateExpiry }
    /// The time the kiosk's own certificates allow; a clock before it is wrong.
    var certificateWindow: CertificateWindow? { renewal?.certificateWindow }

    static func make(configuration: DaemonConfiguration, records: RecordKeeper, logger: Logger) -> SyncParts {
        let central = configuration.central
        guard !central.url.isEmpty else { return SyncParts(uploader: nil, lastProblem: nil) }
        guard let store = records.openStore, let verifier = records.receiptVerifier else {
            let problem = "the outbox or the central receipt key is not available"
            logger.log(.syncNotStarted, "Sync is configured but cannot start: \(problem)", metadata: [LogKey.error: "\(problem)"])
            return SyncParts(uploader: nil, lastProblem: problem)
        }
        let settings = central.syncSettings(deviceID: records.deviceKey.map { Hex.encode($0.deviceID) })
        do {
            let renewal = try TLSRenewal(settings: settings, logger: logger, onReload: { CertificateExpiryWatch.record(expiry: $0) })
            return SyncParts(uploader: Uploader(settings: settings, queue: store, renewal: renewal, verifier: verifier, logger: logger,
                                                onOlderDatabase: { records.noteOlderDatabase($0) }), lastProblem: nil,
                             renewal: renewal)
        } catch {
            // A missing, unreadable or wrong TLS file (the error names its key and path):
            // an error a technician must fix, so at error level; the daemon serves on.
            var metadata: Logger.Metadata = [LogKey.error: "\(error)"]
            if let error = error as? SyncSetupError { metadata[LogKey.path] = "\(error.path)" }
            logger.log(.syncNotStarted, "Sync cannot start: \(error)", metadata: metadata)
            return SyncParts(uploader: nil, lastProblem: "sync cannot start: \(error)")
        }
    }

    func summary() async -> SyncSummary {
        guard let uploader else { return SyncSummary(state: .notConfigured, lastError: lastProblem) }
        var summary = await uploader.summary()
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
    /// journal says what came of it. A reload that loaded or refused new files is
    /// journalled by the renewal itself (once per change); the rest is said here.
    func reloadTLSFiles(logger: Logger) {
        guard let renewal, let uploader else {
            logger.notice("Reload requested (SIGHUP): nothing to reload, \(lastProblem.map { "sync is not running: \($0)" } ?? "sync is not configured")")
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

    func syncNow() async { uploader?.syncNow() }
}
