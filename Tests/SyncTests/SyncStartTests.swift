#if canImport(Glibc)
import Glibc
#endif
import Crypto
import EnrollCore
import EventLog
import Foundation
import Logging
import ServiceLifecycle
import Store
import Sync
import Synchronization
import TestSupport
import Testing
import Trust

/// Sync whose TLS files were unusable at start waits for them, and starts without a restart
/// once they are in place: real files, the real receiver over mutual TLS, the sync run in a
/// ServiceGroup as the daemon runs it. As on a new kiosk: installed and started before
/// central IT sent its key.
@Suite(.serialized, .enabled(if: IngestHarness.available, "needs the openssl CLI for the test PKI"))
struct SyncStartTests {
    /// A folder standing for /etc/enrolld/tls, and settings pointing there.
    struct TLSFolder {
        let folder: URL
        let pki: URL
        var settings: SyncSettings

        init(_ fixture: SyncFixture) throws {
            folder = try BuiltProducts.temporaryFolder()
            pki = fixture.harness.pki
            settings = fixture.settings()
            settings.caFile = folder.appendingPathComponent("ca.pem").path
            settings.clientCertificate = folder.appendingPathComponent("kiosk.pem").path
            settings.clientKey = folder.appendingPathComponent("kiosk.key").path
        }

        /// As configuration management does it: written beside, then renamed into place.
        func install(_ source: String, as name: String) throws {
            let beside = folder.appendingPathComponent(".\(name).new")
            try Data(contentsOf: pki.appendingPathComponent(source)).write(to: beside)
            #expect(rename(beside.path, folder.appendingPathComponent(name).path) == 0)
        }
    }

    /// How often the daemon's hook for a late start was called.
    final class LateStarts: Sendable {
        let count = Mutex(0)
    }

    static func start(_ fixture: SyncFixture, _ tls: TLSFolder, log: KeptLog, lateStarts: LateStarts? = nil) throws -> SyncStart {
        var logger = log.logger("sync-test")
        logger.logLevel = .trace
        let key = try Curve25519.Signing.PublicKey(rawRepresentation: fixture.harness.hexFile("receipt.pub"))
        return SyncStart(settings: tls.settings, queue: StoreThread(store: fixture.store), verifier: ReceiptVerifier(receiptKey: key),
                         logger: logger, pollMilliseconds: 200, onLateStart: { _ in lateStarts?.count.withLock { $0 += 1 } })
    }

    @Test func aMissingKeyWaitsAndSyncStartsAndDeliversOnceTheRightFilesAreInPlace() async throws {
        let harness = try IngestHarness()
        try await harness.start()
        let fixture = try SyncFixture(harness: harness, records: 2)
        try harness.register(devicePublicKey: fixture.deviceKey.publicKey)
        let tls = try TLSFolder(fixture)
        try tls.install("ca.pem", as: "ca.pem")
        try tls.install("kiosk.pem", as: "kiosk.pem")
        let log = KeptLog()
        let lateStarts = LateStarts()
        let start = try Self.start(fixture, tls, log: log, lateStarts: lateStarts)

        // Waiting: the key is named, with its file and why; the records wait meanwhile.
        #expect(start.uploader == nil && start.renewal == nil)
        #expect(start.waitingFor == SyncSetupError(key: "central.client_key", path: tls.settings.clientKey, reason: "no such file"))
        let waiting = await start.summary()
        #expect(waiting.state == .waitingForTLSFiles)
        #expect(waiting.backlog == 2)
        #expect(waiting.tlsFilesAwaited == "central.client_key \(tls.settings.clientKey): no such file", "\(waiting)")
        #expect(waiting.lastError?.contains("central.client_key \(tls.settings.clientKey): no such file") == true)
        #expect(start.lookAtFiles() == .unchanged(start.waitingFor!))

        let group = ServiceGroup(configuration: .init(services: [start], logger: Logger(label: "sync-start-test")))
        let running = Task { try await group.run() }
        defer { running.cancel() }

        // Half there: another kiosk's key beside this certificate. Found by the poll,
        // journalled once for this change of the files, and still waiting.
        try tls.install("expired.key", as: "kiosk.key")
        let refound = await UploaderTLSRenewalTests.wait { start.waitingFor?.reason.contains("does not go with the certificate") == true }
        #expect(refound, "\(log.messages)")
        #expect(start.lookAtFiles() == .unchanged(try #require(start.waitingFor)))
        let stillUnusable = log.messages(withID: CatalogEvent.syncNotStarted.messageID)
        #expect(stillUnusable.count == 1 && stillUnusable[0].contains("central.client_key \(tls.settings.clientKey)"), "\(stillUnusable)")
        #expect(fixture.backlog == 2)

        // The right key: sync starts by itself (no SIGHUP here) and delivers over mutual TLS.
        try tls.install("kiosk.key", as: "kiosk.key")
        let delivered = await UploaderTLSRenewalTests.wait { fixture.backlog == 0 }
        #expect(delivered, "\(log.messages)")
        #expect(try await fixture.serverRecords().map(\.sequence) == [1, 2])
        #expect(start.uploader != nil && start.waitingFor == nil)
        #expect(start.renewal?.certificateExpiry != nil)
        #expect(log.messages(withID: CatalogEvent.syncStartedLate.messageID).count == 1, "\(log.messages)")
        #expect(lateStarts.count.withLock { $0 } == 1)
        #expect(start.lookAtFiles() == .running)
        let started = await start.summary()
        #expect(started.state != .waitingForTLSFiles && started.tlsFilesAwaited == nil, "\(started)")

        // The late uploader is part of the group: a graceful stop ends it (and shuts its
        // transport down, which async-http-client insists on).
        await group.triggerGracefulShutdown()
        let stopped = await Self.returns(running)
        #expect(stopped)
    }

    @Test func filesPutInPlaceAfterTheStopStartNothing() async throws {
        let harness = try IngestHarness()
        let fixture = try SyncFixture(harness: harness, records: 1)
        let tls = try TLSFolder(fixture)
        try tls.install("ca.pem", as: "ca.pem")
        let log = KeptLog()
        let start = try Self.start(fixture, tls, log: log)
        #expect(start.waitingFor?.key == "central.client_certificate")

        let group = ServiceGroup(configuration: .init(services: [start], logger: Logger(label: "sync-start-test")))
        let running = Task { try await group.run() }
        defer { running.cancel() }
        await group.triggerGracefulShutdown()
        let stopped = await Self.returns(running)
        #expect(stopped)

        // A SIGHUP during the stop: an uploader started now would never run nor be shut down.
        try tls.install("kiosk.pem", as: "kiosk.pem")
        try tls.install("kiosk.key", as: "kiosk.key")
        #expect(start.lookAtFiles() == .running)
        #expect(start.uploader == nil)
        #expect(log.messages(withID: CatalogEvent.syncStartedLate.messageID).isEmpty)
    }

    /// Whether `task` ends within a generous minute (the test asserts that it ends, not how fast).
    static func returns(_ task: Task<Void, any Error>) async -> Bool {
        await withTaskGroup(of: Bool.self) { waiting in
            waiting.addTask { _ = await task.result; return true }
            waiting.addTask {
                try? await Task.sleep(for: .seconds(60))
                return false
            }
            let first = await waiting.next() ?? false
            waiting.cancelAll()
            return first
        }
    }
}
