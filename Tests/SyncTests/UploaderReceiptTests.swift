import Crypto
import EnrollCore
import Foundation
import Sync
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
        #expect(summary.lastError?.contains("receipt for sequence 1 refused") == true, "\(summary.lastError ?? "")")
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
}
