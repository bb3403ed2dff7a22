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
    /// The client certificate's expiry (Unix seconds), when sync is set up.
    var certificateExpiry: Int64? = nil
    /// The time the kiosk's own certificates allow; a clock before it is wrong.
    var certificateWindow: CertificateWindow? = nil

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
            let transport = try HTTPIngestTransport(settings: settings)
            return SyncParts(uploader: Uploader(settings: settings, queue: store, transport: transport, verifier: verifier, logger: logger,
                                                       onOlderDatabase: { records.noteOlderDatabase($0) }), lastProblem: nil,
                             certificateExpiry: transport.certificateExpiry, certificateWindow: transport.certificateWindow)
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
        return summary
    }

    func syncNow() async { uploader?.syncNow() }
}
