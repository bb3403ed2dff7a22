import EnrollCore
import EventLog
import Logging
import ServiceLifecycle
import Synchronization
import Trust

/// Drains the outbox to the central server: batches in sequence order, one attempt at a
/// time, a receipt verified and stored for each record before it counts as delivered,
/// back-off with jitter after a failure. Nothing here deletes a record: the retention
/// service purges only receipted ones. After a restart it simply starts again from the
/// outbox (whatever has no receipt is pending), and the receiver's exactly-once by record
/// id turns a re-sent record into "duplicate" with a fresh receipt.
public final class Uploader: Service, Sendable {
    let settings: SyncSettings
    let queue: any UploadQueue
    /// Fixed, or renewed with the TLS files (`TLSRenewal`).
    let transports: Transports
    let verifier: ReceiptVerifier
    let logger: Logger
    let timer: any SyncTimer
    /// Unix milliseconds by the kiosk's clock: when receipts are stored (retention counts
    /// from it) and what their dates are compared with. Never the timer's virtual time.
    let wallClock: @Sendable () -> Int64
    let wakeup = Wakeup()
    let status: Mutex<SyncStatus>
    /// Told once when the server holds a longer chain than the outbox (the daemon then
    /// refuses enrollments).
    let onOlderDatabase: @Sendable (OlderDatabase) -> Void
    private let random = Mutex(SystemRandomNumberGenerator())

    enum Transports: Sendable {
        case fixed(any IngestTransport)
        case renewable(TLSRenewal)
    }

    public convenience init(settings: SyncSettings, queue: any UploadQueue, transport: any IngestTransport, verifier: ReceiptVerifier,
                            logger: Logger, timer: any SyncTimer = SystemSyncTimer(), wallClock: @escaping @Sendable () -> Int64 = WallClock.milliseconds,
                            onOlderDatabase: @escaping @Sendable (OlderDatabase) -> Void = { _ in }) {
        self.init(settings: settings, queue: queue, transports: .fixed(transport), verifier: verifier, logger: logger, timer: timer,
                  wallClock: wallClock, onOlderDatabase: onOlderDatabase)
    }

    /// An uploader whose transport follows the TLS files: before each attempt `renewal`
    /// compares them with those loaded, and a renewed set is used from that attempt on.
    public convenience init(settings: SyncSettings, queue: any UploadQueue, renewal: TLSRenewal, verifier: ReceiptVerifier,
                            logger: Logger, timer: any SyncTimer = SystemSyncTimer(), wallClock: @escaping @Sendable () -> Int64 = WallClock.milliseconds,
                            onOlderDatabase: @escaping @Sendable (OlderDatabase) -> Void = { _ in }) {
        self.init(settings: settings, queue: queue, transports: .renewable(renewal), verifier: verifier, logger: logger, timer: timer,
                  wallClock: wallClock, onOlderDatabase: onOlderDatabase)
    }

    init(settings: SyncSettings, queue: any UploadQueue, transports: Transports, verifier: ReceiptVerifier, logger: Logger,
         timer: any SyncTimer, wallClock: @escaping @Sendable () -> Int64, onOlderDatabase: @escaping @Sendable (OlderDatabase) -> Void) {
        self.settings = settings
        self.queue = queue
        self.transports = transports
        self.verifier = verifier
        self.logger = logger
        self.timer = timer
        self.wallClock = wallClock
        self.onOlderDatabase = onOlderDatabase
        status = Mutex(SyncStatus(server: settings.url))
    }

    /// The transport for the next exchange.
    var transport: any IngestTransport {
        switch transports {
        case .fixed(let transport): transport
        case .renewable(let renewal): renewal.transport
        }
    }

    /// `enrollctl sync now`, and the record keeper after each commit.
    public func syncNow() { wakeup.signal() }

    /// For `/v1/status` and `enrollctl sync`.
    public func summary() async -> SyncSummary {
        let backlog = try? await queue.backlog()
        let audit = try? await queue.auditProgress()
        return status.withLock { s in
            var summary = s.summary(backlog: backlog)
            summary.audit = audit.map { Self.auditSummary($0, problem: s.auditProblem, pausedUntil: s.auditPausedUntil) }
            return summary
        }
    }

    public func run() async throws {
        // Shutdown cancels the loop outright: the request in flight (async-http-client
        // cancels it, and its connect retries against a refused port would otherwise run
        // for the whole connect time-out) and the back-off wait. Nothing is lost: a record
        // without a stored receipt stays pending in the outbox, and receipts are stored in
        // one transaction the store's thread finishes.
        await cancelWhenGracefulShutdown { [self] in await loop() }
        switch transports {
        case .fixed(let transport): await transport.shutdown()
        case .renewable(let renewal): await renewal.shutdown()
        }
    }

    /// Between exchanges (never during one): loads renewed TLS files, and closes the
    /// clients they replaced.
    func renewTransport() async {
        guard case .renewable(let renewal) = transports else { return }
        renewal.check()
        for retired in renewal.takeRetired() { await retired.shutdown() }
    }

    func loop() async {
        var failures = 0
        var headChecked = settings.deviceID == nil
        var lastHeadCheck = timer.now()
        // Whether the last failure was the head check's (then its answer ends the episode).
        var headFailed = false
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            await renewTransport()
            if let deviceID = settings.deviceID, !headChecked {
                let check = await checkServerHead(deviceID: deviceID)
                lastHeadCheck = timer.now()
                if Task.isCancelled || Task.isShuttingDownGracefully { break }
                switch check {
                case .answered:
                    headChecked = true
                    if headFailed {
                        headFailed = false
                        failures = 0
                        status.withLock { $0.lastError = nil; $0.failures = 0; $0.state = .idle; $0.nextAttempt = nil }
                        logger.log(.syncRecovered, "The central server answers this kiosk again")
                    }
                case .notAnswered:
                    break
                case .failed(let problem):
                    // An unregistered or revoked kiosk, or a server that cannot be reached,
                    // shows at once (and in `enrollctl sync`), not only once a record is sent.
                    headFailed = true
                    failures += 1
                    await backOff(reason: problem.text, retryAfter: nil, event: problem.event, failures: failures)
                    continue
                }
            }
            // Sending more of a forked chain only collects refusals: wait for the restart
            // that follows the technician's repair.
            if isStoppedByOlderDatabase {
                await wakeup.wait(milliseconds: settings.backoff.capMilliseconds, timer: timer)
                continue
            }
            let outcome = await attempt()
            // Stopping cancels the attempt in flight: that says nothing about the server, and
            // must not replace the last real problem in the status technicians read.
            if Task.isCancelled || Task.isShuttingDownGracefully {
                status.withLock { $0.state = failures > 0 || $0.olderDatabase != nil ? .backingOff : .idle }
                break
            }
            switch outcome {
            case .idle:
                status.withLock { $0.state = .idle; $0.nextAttempt = nil }
                // The outbox is drained: the audit log's turn (it never holds up records).
                await shipAudit()
                if Task.isCancelled || Task.isShuttingDownGracefully { break }
                await wakeup.wait(milliseconds: settings.idlePollMilliseconds, timer: timer)
                // Idle for long: ask the server's head again (a restore shows there, and its
                // answer lets receipted records be purged).
                if settings.deviceID != nil, timer.now() - lastHeadCheck >= settings.headCheckMilliseconds { headChecked = false }
            case .centralGap(let gap):
                if await repair(gap) { continue }
                failures += 1
                // Re-sendable records that could not be re-opened (purged meanwhile, outbox
                // trouble) are an ordinary failure; the next answer decides again.
                let reason = gap.isResend ? "the central server lacks records \(gap.missing.lowerBound)…\(gap.missing.upperBound); they could not be re-opened for sending"
                    : gap.description
                await backOff(reason: reason, retryAfter: nil, event: Self.event(for: gap), failures: failures)
            case .olderDatabase(let finding):
                flag(finding)
            case .delivered:
                headFailed = false
                if failures > 0 {
                    logger.log(.syncRecovered, "Uploads to the central server work again after \(failures) failed attempts")
                }
                failures = 0
            case .failed(let reason, let retryAfter, let event):
                failures += 1
                await backOff(reason: reason, retryAfter: retryAfter, event: event, failures: failures)
            }
        }
    }

    /// Waits out the back-off after the `failures`th failure in a row, showing why.
    private func backOff(reason: String, retryAfter: Int64?, event: CatalogEvent, failures: Int) async {
        let delay = random.withLock { settings.backoff.delay(afterFailures: failures, retryAfterMilliseconds: retryAfter, using: &$0) }
        let next = timer.now() + delay
        // Journalled at the first failure of a run, and again when the kind of failure
        // changes (a refused connection that becomes a refused certificate is news).
        let journal = status.withLock { s in
            defer { s.journalled = event }
            s.state = .backingOff; s.lastError = reason; s.nextAttempt = next; s.failures = failures
            return failures == 1 || event == .receiptRejected || s.journalled != event
        }
        // A central gap is journalled once per episode where it is found (`repair`).
        if event != .centralRecordsLost, event != .centralAwaitsLostRecordsAcknowledgement, journal {
            logger.log(event, "Sync with the central server failed: \(reason); retrying in \(Self.seconds(delay))", metadata: [LogKey.error: "\(reason)"])
        } else {
            logger.debug("upload failed", metadata: [LogKey.error: "\(reason)", "sync.failures": "\(failures)", "sync.delay_ms": "\(delay)"])
        }
        await wakeup.wait(milliseconds: delay, timer: timer)
    }

    /// The catalog entry for a gap the kiosk cannot repair by itself.
    static func event(for gap: CentralGap) -> CatalogEvent {
        switch gap {
        case .resend: .syncFailing
        case .unrepairable: .centralRecordsLost
        case .lostOnKiosk: .centralAwaitsLostRecordsAcknowledgement
        }
    }

    /// A delay as a technician reads it: "2 s", "5 min".
    static func seconds(_ milliseconds: Int64) -> String {
        milliseconds < 120_000 ? "\(max(1, (milliseconds + 999) / 1000)) s" : "\((milliseconds + 59_999) / 60_000) min"
    }
}
