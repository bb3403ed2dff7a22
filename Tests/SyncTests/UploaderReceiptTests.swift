import Crypto
import EnrollCore
import EventLog
import Foundation
import Sync
import Synchronization
import TestSupport
import Testing
import Trust

/// Receipts are verified and stored a batch at a time: a receipt that does not verify
/// delivers nothing, and the next good answer delivers everything, batch by batch.
@Suite(.serialized, .enabled(if: IngestHarness.available, "needs the openssl CLI for the test PKI"))
struct UploaderReceiptTests {
    @Test func receiptsUnderAnotherKeyDeliverNothingUntilTheRightKey() async throws {
        let harness = try IngestHarness()
        let fixture = try SyncFixture(harness: harness, records: 12)
        try harness.register(devicePublicKey: fixture.deviceKey.publicKey)
        try await harness.start()

        // A long back-off keeps the first failure as the last error until the run ends.
        var patient = fixture.settings(batch: 5)
        patient.backoff = BackoffPolicy(initialMilliseconds: 60_000, capMilliseconds: 60_000)
        let wrong = try fixture.uploader(patient, receiptKey: Curve25519.Signing.PrivateKey().publicKey)
        let failed = await SyncFixture.run(wrong, timeout: .seconds(60)) { await wrong.summary().lastError != nil }
        #expect(failed)
        let summary = await wrong.summary()
        // Said as the kiosk's key problem, not as if the server had refused the record.
        #expect(summary.lastError?.contains("the receipt for record 1 is not signed by the key in central.receipt_public_key") == true,
                "\(summary.lastError ?? "")")
        #expect(summary.lastError?.contains("rejected") == false)
        #expect(summary.delivered == 0)
        #expect(fixture.backlog == 12)
        // The receiver stored the first batch; only the kiosk refused to believe it.
        #expect(try await fixture.serverRecords().count == 5)

        // The right key: the first batch comes back "duplicate" with good receipts, and the
        // last, short batch (12 = 5 + 5 + 2) is delivered too.
        let right = try fixture.uploader(fixture.settings(batch: 5))
        #expect(await SyncFixture.run(right, timeout: .seconds(120)) { fixture.backlog == 0 })
        #expect(await right.summary().delivered == 12)
        #expect(try await fixture.serverRecords().map(\.sequence) == Array(1...12))
        #expect(try fixture.localRecords().count == 12)
    }

    @Test func aKioskClockAnHourBehindStillDeletesAfterReceiptsAndSaysSoOnce() async throws {
        let harness = try IngestHarness()
        let fixture = try SyncFixture(harness: harness, records: 12)
        try harness.register(devicePublicKey: fixture.deviceKey.publicKey)
        try await harness.start()

        // The kiosk's clock is an hour behind the server's (which is this machine's); once
        // the 12 records are delivered it is corrected and two more are committed.
        let offset = Mutex<Int64>(-3_600_000)
        let skewed = Mutex<SyncSummary?>(nil)
        let log = KeptLog()
        let uploader = try fixture.uploader(fixture.settings(batch: 5), wallClock: { WallClock.milliseconds() + offset.withLock { $0 } }, log: log)
        let done = await SyncFixture.run(uploader, timeout: .seconds(120)) {
            guard fixture.backlog == 0 else { return false }
            if skewed.withLock({ $0 }) != nil { return await uploader.summary().delivered == 14 }
            // The receipts are committed before the uploader counts them: the backlog can
            // read 0 a moment before the summary says 12 (seen once in CI).
            let summary = await uploader.summary()
            guard summary.delivered == 12 else { return false }
            skewed.withLock { $0 = summary }
            offset.withLock { $0 = 0 }
            try? fixture.commitMore(2)
            uploader.syncNow()
            return false
        }
        #expect(done)
        let summary = try #require(skewed.withLock { $0 })
        #expect(summary.delivered == 12 && summary.lastError == nil)
        let skew = try #require(summary.clockSkew)
        #expect(abs(skew - 3600) < 60, "\(skew)")
        // Three batches, one journal entry: it is repeated hourly, not per batch.
        #expect(log.messages(withID: CatalogEvent.clockSkewed.messageID) == ["This kiosk's clock is 60 min behind the central server's"])
        #expect(log.entries.first { $0.id == CatalogEvent.clockSkewed.messageID }?.metadata["clock.skew_ms"] != nil)

        // Corrected: the next receipt clears it, and says so once.
        let after = await uploader.summary()
        #expect(after.delivered == 14 && after.clockSkew == nil)
        #expect(log.messages.filter { $0 == "The kiosk's clock agrees with the central server's again" }.count == 1)
        #expect(log.messages(withID: CatalogEvent.clockSkewed.messageID).count == 1)
    }
}
