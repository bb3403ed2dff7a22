#if canImport(Glibc)
import Glibc
#endif
import Crypto
import EnrollCore
import EventLog
import Foundation
import Logging
import Store
import Sync
import TestSupport
import Testing
import Trust

/// A running uploader picks up renewed TLS files without a restart, against the real
/// receiver over mutual TLS: the kiosk's certificate has expired (the receiver refuses it),
/// a renewal for the same key is dropped in place, and the next attempt delivers. A
/// renewal copied halfway (a key that is not the certificate's) is refused while uploads
/// go on with the certificate loaded before.
@Suite(.serialized, .enabled(if: IngestHarness.available, "needs the openssl CLI for the test PKI"))
struct UploaderTLSRenewalTests {
    @Test func aRenewedCertificateIsUsedAtTheNextAttemptAndAHalfCopiedOneIsRefused() async throws {
        let harness = try IngestHarness()
        try await harness.start()
        let fixture = try SyncFixture(harness: harness, records: 2)
        // Registered by the key of the expired certificate: the receiver pins keys.
        try harness.register(devicePublicKey: fixture.deviceKey.publicKey, certificate: "expired")
        let tls = try BuiltProducts.temporaryFolder()
        func install(_ source: String, as name: String) throws {
            let beside = tls.appendingPathComponent(".\(name).new")
            try Data(contentsOf: harness.pki.appendingPathComponent(source)).write(to: beside)
            #expect(rename(beside.path, tls.appendingPathComponent(name).path) == 0)
        }
        try install("ca.pem", as: "ca.pem")
        try install("expired.pem", as: "kiosk.pem")
        try install("expired.key", as: "kiosk.key")
        var settings = fixture.settings()
        settings.caFile = tls.appendingPathComponent("ca.pem").path
        settings.clientCertificate = tls.appendingPathComponent("kiosk.pem").path
        settings.clientKey = tls.appendingPathComponent("kiosk.key").path

        let log = KeptLog()
        var logger = log.logger("sync-test")
        logger.logLevel = .trace
        let renewal = try TLSRenewal(settings: settings, logger: logger)
        let key = try Curve25519.Signing.PublicKey(rawRepresentation: harness.hexFile("receipt.pub"))
        let uploader = Uploader(settings: settings, queue: StoreThread(store: fixture.store), renewal: renewal,
                                verifier: ReceiptVerifier(receiptKey: key), logger: logger)
        let running = Task { try await uploader.run() }
        defer { running.cancel() }

        let refused = await Self.wait { await uploader.summary().lastError?.contains("as expired") == true }
        let summary = await uploader.summary()
        #expect(refused, "\(summary)")
        #expect(fixture.backlog == 2)
        #expect(try await fixture.serverRecords().isEmpty)

        // The renewal, as `provision-issue renew` makes it, put in place while it runs.
        try harness.renew("expired")
        try install("expired.pem", as: "kiosk.pem")
        let renewedDelivered = await Self.wait { fixture.backlog == 0 }
        #expect(renewedDelivered, "\(log.messages)")
        #expect(try await fixture.serverRecords().map(\.sequence) == [1, 2])
        #expect(log.messages(withID: CatalogEvent.tlsFilesReloaded.messageID).count == 1, "\(log.messages)")

        // Half copied: another kiosk's key beside this certificate. Refused once; the
        // certificate and key loaded before still deliver.
        try install("kiosk.key", as: "kiosk.key")
        try fixture.commitMore(2)
        uploader.syncNow()
        let oldDelivered = await Self.wait { fixture.backlog == 0 }
        #expect(oldDelivered, "\(log.messages)")
        #expect(try await fixture.serverRecords().map(\.sequence) == [1, 2, 3, 4])
        // Several attempts later (the idle uploader looks every 200 ms), still one entry.
        try await Task.sleep(for: .seconds(1))
        let refusals = log.messages(withID: CatalogEvent.tlsFilesRefused.messageID)
        #expect(refusals.count == 1 && refusals[0].contains("central.client_key \(settings.clientKey): does not go with the certificate"), "\(refusals)")
        #expect(renewal.problem?.key == "central.client_key")

        running.cancel()
        _ = await running.result
    }

    /// Waits for `condition`, looking every 100 ms for at most a minute.
    static func wait(_ condition: @Sendable () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(60)
        while !(await condition()) {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return true
    }
}
