import EventLog
import Logging
import Synchronization

/// The uploader's HTTPS transport, replaced when the kiosk's TLS files are renewed in place.
/// Central IT renews kiosk certificates by dropping new files where `central.ca_file`,
/// `central.client_certificate` and `central.client_key` point; a restart to read them
/// would end the enrollment in progress. `check()` compares the files' identity (no
/// reading) with the set loaded; on a change it loads them with the checks of the start,
/// and adopts them only when they are usable together (a half-copied renewal, whose key
/// does not go with its certificate, would fail every handshake). A refused set leaves the
/// working transport in place and is journalled once per change of the files.
public final class TLSRenewal: Sendable {
    public enum Outcome: Equatable, Sendable {
        /// The files are those in use.
        case unchanged
        /// Changed files were loaded; the next exchange uses them.
        case reloaded
        /// The files in place cannot be used; the transport loaded before stays.
        /// `journalled`: this check found them (false: the same files were refused before).
        case refused(SyncSetupError, journalled: Bool)
    }

    struct State {
        var transport: HTTPIngestTransport
        var loaded: TLSFileIdentity
        /// The files last refused, so the same files are not loaded (and journalled) again.
        var refused: TLSFileIdentity?
        var problem: SyncSetupError?
        /// Replaced transports, for the uploader to shut down between its exchanges.
        var retired: [HTTPIngestTransport] = []
    }

    let settings: SyncSettings
    let logger: Logger
    /// Told the new client certificate expiry after each reload (the daemon's gauge).
    let onReload: @Sendable (Int64?) -> Void
    let wallClock: @Sendable () -> Int64 = WallClock.milliseconds
    private let state: Mutex<State>
    /// One check at a time (the uploader, the daily expiry look and SIGHUP may meet); the
    /// transport stays readable meanwhile.
    private let checking = Mutex(())

    /// Loads the files as at start; throws `SyncSetupError` naming the unusable one.
    public init(settings: SyncSettings, logger: Logger, onReload: @escaping @Sendable (Int64?) -> Void = { _ in }) throws {
        // Taken before reading: a file replaced while it is read is seen as changed later.
        let identity = TLSFileIdentity.of(settings)
        state = Mutex(State(transport: try HTTPIngestTransport(settings: settings), loaded: identity))
        self.settings = settings
        self.logger = logger
        self.onReload = onReload
    }

    /// The transport for the next exchange.
    public var transport: any IngestTransport { state.withLock { $0.transport } }
    /// The loaded client certificate's expiry, Unix seconds (status, the expiry watch).
    public var certificateExpiry: Int64? { state.withLock { $0.transport.certificateExpiry } }
    public var certificateWindow: CertificateWindow? { state.withLock { $0.transport.certificateWindow } }
    /// Why the files now in place are not used, while they stay so.
    public var problem: SyncSetupError? { state.withLock { $0.problem } }

    /// Compares the files with those loaded and loads them when they changed.
    @discardableResult
    public func check() -> Outcome {
        checking.withLock { _ in checkAlone() }
    }

    private func checkAlone() -> Outcome {
        let identity = TLSFileIdentity.of(settings)
        let known: Outcome? = state.withLock { s in
            if identity == s.loaded {
                // Refused files replaced by the very ones in use: nothing is wrong any more.
                s.refused = nil
                s.problem = nil
                return .unchanged
            }
            if identity == s.refused, let problem = s.problem { return .refused(problem, journalled: false) }
            return nil
        }
        if let known { return known }
        let renewed: HTTPIngestTransport
        do { renewed = try HTTPIngestTransport(settings: settings) } catch {
            let problem = error as? SyncSetupError ?? SyncSetupError(key: "central.client_certificate", path: settings.clientCertificate, reason: "\(error)")
            state.withLock { $0.refused = identity; $0.problem = problem }
            logger.log(.tlsFilesRefused, "Renewed TLS files refused, uploads go on with the ones loaded before: \(problem)",
                       metadata: [LogKey.error: "\(problem.reason)", LogKey.path: "\(problem.path)", "tls.key": "\(problem.key)"])
            return .refused(problem, journalled: true)
        }
        state.withLock { s in
            s.retired.append(s.transport)
            s.transport = renewed
            s.loaded = identity
            s.refused = nil
            s.problem = nil
        }
        let until = renewed.certificateExpiry.map { CertificateWindow.date($0) } ?? "an unknown date"
        // Loaded all the same (the start accepts it too, and a kiosk's clock may be wrong),
        // but a technician who installed an old file should read it here first.
        let lapsed = renewed.certificateExpiry.map { $0 * 1000 < wallClock() } == true ? " (already past by this kiosk's clock: the central server will refuse it)" : ""
        logger.log(.tlsFilesReloaded, "Renewed TLS files loaded without a restart; the client certificate is valid until \(until)\(lapsed); the next upload uses them",
                   metadata: [LogKey.path: "\(settings.clientCertificate)"])
        onReload(renewed.certificateExpiry)
        return .reloaded
    }

    /// Closes the transport in use and any replaced one not yet closed (the uploader's
    /// stop; async-http-client insists on a shut-down client).
    public func shutdown() async {
        let all = state.withLock { s in
            defer { s.retired = [] }
            return s.retired + [s.transport]
        }
        for transport in all { await transport.shutdown() }
    }

    /// Transports replaced since the last call: the uploader shuts them down between its
    /// exchanges, so a request in flight on one is never cut.
    func takeRetired() -> [any IngestTransport] {
        state.withLock { s in
            defer { s.retired = [] }
            return s.retired
        }
    }
}
