import EnrollCore
import EventLog
import Logging
import ServiceLifecycle
import Synchronization
import Trust

/// The uploader, once it can start. A new kiosk is usually installed and started before
/// central IT sends its certificates: with a TLS file missing, unreadable or wrong at start,
/// sync waits for it instead of staying off until a restart (which would end the enrollment
/// in progress). While waiting, the files' identity (a `stat`, nothing read) is compared
/// every `pollMilliseconds`, at `systemctl reload enrolld` (`lookAtFiles`) and at
/// `enrollctl sync now`; when they changed they are loaded with the checks of the start, and
/// the uploader starts once they are usable together. Files still unusable after a change
/// are journalled once per change, not at every look.
///
/// A reference shared by everything built at start (status, metrics, the reload and the
/// expiry watch): each sees the uploader that starts later. As a service it takes the
/// uploader's place in the group, so a late uploader is stopped, and its transport shut
/// down, like one started at once.
public final class SyncStart: Service, Sendable {
    /// What a look at the files came to.
    public enum Look: Equatable, Sendable {
        /// The uploader was already running (or sync has stopped): nothing looked at.
        case running
        /// The files are those found unusable before.
        case unchanged(SyncSetupError)
        /// The files changed and are still unusable (journalled).
        case stillUnusable(SyncSetupError)
        /// The files changed and are usable: the uploader has started (journalled).
        case started
    }

    enum Phase: Sendable {
        /// `seen`: the files' identity when they were last found unusable.
        case waiting(seen: TLSFileIdentity, problem: SyncSetupError)
        case started(Uploader, TLSRenewal)
        /// The service ended while waiting: nothing may start now (its transport would never
        /// be shut down).
        case stopped(SyncSetupError)
    }

    let settings: SyncSettings
    let queue: any UploadQueue
    let verifier: ReceiptVerifier
    let logger: Logger
    let timer: any SyncTimer
    /// How often the files are looked at while sync waits for them.
    public let pollMilliseconds: Int64
    let onReload: @Sendable (Int64?) -> Void
    let onOlderDatabase: @Sendable (OlderDatabase) -> Void
    /// Told once when the uploader starts after waiting (the daemon's expiry gauge and check).
    let onLateStart: @Sendable (TLSRenewal) -> Void
    private let phase: Mutex<Phase>
    /// One look at a time (the poll, SIGHUP and the stop may meet); the phase stays readable.
    private let looking = Mutex(())
    /// Ends the wait between two looks early: SIGHUP, `enrollctl sync now`, a late start.
    private let wakeup = Wakeup()

    /// Loads the TLS files as at start; when one is unusable, `waitingFor` says which and why
    /// (the caller journals it: the start's own entry).
    public init(settings: SyncSettings, queue: any UploadQueue, verifier: ReceiptVerifier, logger: Logger,
                pollMilliseconds: Int64 = 30_000, timer: any SyncTimer = SystemSyncTimer(),
                onReload: @escaping @Sendable (Int64?) -> Void = { _ in },
                onLateStart: @escaping @Sendable (TLSRenewal) -> Void = { _ in },
                onOlderDatabase: @escaping @Sendable (OlderDatabase) -> Void = { _ in }) {
        self.settings = settings
        self.queue = queue
        self.verifier = verifier
        self.logger = logger
        self.timer = timer
        self.pollMilliseconds = pollMilliseconds
        self.onReload = onReload
        self.onLateStart = onLateStart
        self.onOlderDatabase = onOlderDatabase
        // Taken before reading: a file replaced while it is read is seen as changed later.
        let identity = TLSFileIdentity.of(settings)
        let first: Phase
        do {
            let renewal = try TLSRenewal(settings: settings, logger: logger, onReload: onReload)
            first = .started(Self.makeUploader(settings: settings, queue: queue, renewal: renewal, verifier: verifier, logger: logger,
                                               timer: timer, onOlderDatabase: onOlderDatabase), renewal)
        } catch {
            first = .waiting(seen: identity, problem: Self.setupError(error, settings))
        }
        phase = Mutex(first)
    }

    /// The uploader, once started.
    public var uploader: Uploader? {
        phase.withLock { if case .started(let uploader, _) = $0 { uploader } else { nil } }
    }

    /// Its TLS files, reloaded when renewed in place; nil until the uploader has started.
    public var renewal: TLSRenewal? {
        phase.withLock { if case .started(_, let renewal) = $0 { renewal } else { nil } }
    }

    /// The TLS file sync waits for, while it waits.
    public var waitingFor: SyncSetupError? {
        phase.withLock { p in
            switch p {
            case .waiting(_, let problem), .stopped(let problem): problem
            case .started: nil
            }
        }
    }

    /// `enrollctl sync now` and each commit: an attempt at once, or a look at the files.
    public func syncNow() {
        if let uploader { uploader.syncNow() } else { wakeup.signal() }
    }

    /// Compares the files with those found unusable, and starts the uploader when they
    /// changed and can be used.
    @discardableResult
    public func lookAtFiles() -> Look {
        looking.withLock { _ in lookAlone() }
    }

    private func lookAlone() -> Look {
        guard case .waiting(let seen, let problem) = phase.withLock({ $0 }) else { return .running }
        let identity = TLSFileIdentity.of(settings)
        if identity == seen { return .unchanged(problem) }
        let renewal: TLSRenewal
        do { renewal = try TLSRenewal(settings: settings, logger: logger, onReload: onReload) } catch {
            let problem = Self.setupError(error, settings)
            phase.withLock { $0 = .waiting(seen: identity, problem: problem) }
            logger.log(.syncNotStarted, "The TLS files changed, but sync still cannot start: \(problem)",
                       metadata: [LogKey.error: "\(problem.reason)", LogKey.path: "\(problem.path)", "tls.key": "\(problem.key)"])
            return .stillUnusable(problem)
        }
        let uploader = Self.makeUploader(settings: settings, queue: queue, renewal: renewal, verifier: verifier, logger: logger,
                                         timer: timer, onOlderDatabase: onOlderDatabase)
        phase.withLock { $0 = .started(uploader, renewal) }
        let until = renewal.certificateExpiry.map { CertificateWindow.date($0) } ?? "an unknown date"
        logger.log(.syncStartedLate, "The TLS files are usable now: sync has started without a restart; the client certificate is valid until \(until)",
                   metadata: [LogKey.path: "\(settings.clientCertificate)"])
        onLateStart(renewal)
        // The service's wait ends, and it runs the uploader.
        wakeup.signal()
        return .started
    }

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully && uploader == nil {
            await cancelWhenGracefulShutdown { [self] in await wakeup.wait(milliseconds: pollMilliseconds, timer: timer) }
            if Task.isCancelled || Task.isShuttingDownGracefully { break }
            lookAtFiles()
        }
        // From here on nothing starts: this service is the only one that runs an uploader
        // and shuts its transport down. One already started runs (and stops at once if the
        // group is stopping), so its transport is shut down too.
        let started: Uploader? = looking.withLock { _ in
            phase.withLock { p in
                switch p {
                case .started(let uploader, _): return uploader
                case .waiting(_, let problem), .stopped(let problem):
                    p = .stopped(problem)
                    return nil
                }
            }
        }
        try await started?.run()
    }

    static func makeUploader(settings: SyncSettings, queue: any UploadQueue, renewal: TLSRenewal, verifier: ReceiptVerifier, logger: Logger,
                             timer: any SyncTimer, onOlderDatabase: @escaping @Sendable (OlderDatabase) -> Void) -> Uploader {
        Uploader(settings: settings, queue: queue, renewal: renewal, verifier: verifier, logger: logger, timer: timer,
                 onOlderDatabase: onOlderDatabase)
    }

    /// `TLSRenewal` throws `SyncSetupError`; anything else is said against the certificate.
    static func setupError(_ error: any Error, _ settings: SyncSettings) -> SyncSetupError {
        error as? SyncSetupError ?? SyncSetupError(key: "central.client_certificate", path: settings.clientCertificate, reason: "\(error)")
    }
}
