import Crypto
import EnrollCore
import EventLog
import Foundation
import Logging
import Store
import Sync
import Synchronization
import TestSupport
import Testing
import Trust

/// `gap` answers a restored server would never give, from a fake server against a real
/// outbox: the kiosk must not re-send for ever, re-open what it should not, or crash.
// Serialized, with a long limit: each case spins an uploader against a server that answers at
// once; nine of them side by side, beside the whole test run, starved each other past 60 s.
@Suite(.serialized) struct UploaderHostileGapTests {
    final class Flag: Sendable {
        private let value = Mutex(false)
        var isSet: Bool { value.withLock { $0 } }
        func set() { value.withLock { $0 = true } }
    }

    /// An outbox of 12 records, 1…10 receipted (as by an earlier, honest server), and an
    /// uploader posting to `transport`.
    static func kiosk(_ transport: FakeIngestTransport, log: KeptLog, onOlderDatabase: @escaping @Sendable (OlderDatabase) -> Void = { _ in }) throws -> (RecordStore, Uploader) {
        let folder = try BuiltProducts.temporaryFolder()
        let store = try RecordStore.open(directory: folder.path, limits: .init(maximumQueueBytes: .max, minimumFreeBytes: 0, retentionMilliseconds: 86_400_000))
        let sealer = RecordSealer(deviceKey: DeviceKey(), recipient: Curve25519.KeyAgreement.PrivateKey().publicKey)
        var generator = SeededGenerator(seed: 9)
        _ = try store.appendBatch(count: 12, actor: "test", now: 1_780_000_000_000) { head, _ in
            try sealer.seal(SyntheticRecords.payload(partBytes: 200, now: 1_780_000_000_000, using: &generator), after: head, committedAt: 1_780_000_000_000)
        }
        let receiptKey = Curve25519.Signing.PrivateKey()
        let verifier = ReceiptVerifier(receiptKey: receiptKey.publicKey)
        let now = WallClock.milliseconds()
        for entry in try store.envelopes(from: 1, limit: 10) {
            let receipt = try ReceiptIssuer(signingKey: receiptKey).issue(for: try RecordEnvelope(decoding: entry.envelope), issuedAt: now, validity: 86_400_000)
            try store.acceptReceipt(receipt.encoded(), verifier: verifier, now: now)
        }
        var settings = SyncSettings(url: "https://fake.invalid", caFile: "", clientCertificate: "", clientKey: "")
        settings.backoff = BackoffPolicy(initialMilliseconds: 1, capMilliseconds: 5)
        settings.idlePollMilliseconds = 5
        let uploader = Uploader(settings: settings, queue: StoreThread(store: store), transport: transport, verifier: verifier,
                                logger: log.logger("hostile"), onOlderDatabase: onOlderDatabase)
        return (store, uploader)
    }

    static func run(_ uploader: Uploader, until transport: FakeIngestTransport, posts: Int, or stopped: Flag? = nil) async -> Bool {
        await SyncFixture.run(uploader, timeout: .seconds(300)) { transport.firstSequences.count >= posts || stopped?.isSet == true }
    }

    @Test("Expected sequences that mean no restore re-open nothing", arguments: [
        (UInt64(0), UInt64(0)), (UInt64(11), UInt64(10)), (UInt64(13), UInt64(12)), (UInt64(5_000), UInt64(4_999)),
        (UInt64.max, UInt64.max - 1), (UInt64.max, UInt64(0)), (UInt64(5), UInt64(9)),
    ])
    func nothingReopened(_ answer: (UInt64, UInt64)) async throws {
        let transport = FakeIngestTransport { _ in answer }
        let log = KeptLog()
        // A head beyond the kiosk's own is the older-database finding: uploads stop there.
        let stopped = Flag()
        let (store, uploader) = try Self.kiosk(transport, log: log, onOlderDatabase: { _ in stopped.set() })
        #expect(await Self.run(uploader, until: transport, posts: 20, or: stopped))
        #expect(stopped.isSet == (answer.1 > 12))
        #expect(Set(transport.firstSequences) == [11], "only the pending records are sent")
        #expect(try store.pendingUpload(limit: 100).map(\.sequence) == [11, 12])
        let summary = await uploader.summary()
        #expect(summary.resent == 0)
        #expect(summary.centralMissing == nil)
        // An ordinary failure (the state itself is whatever the stopped loop left).
        #expect(summary.lastError != nil || stopped.isSet, "\(summary)")
        #expect(log.messages(withID: CatalogEvent.centralRecordsResent.messageID).isEmpty)
    }

    @Test("The same gap answered again after a re-send is not re-sent again")
    func oneResendPerAnswer() async throws {
        let transport = FakeIngestTransport { _ in (5, 4) }
        let log = KeptLog()
        let (store, uploader) = try Self.kiosk(transport, log: log)
        #expect(await Self.run(uploader, until: transport, posts: 20))
        #expect(transport.firstSequences.first == 11)
        #expect(Set(transport.firstSequences.dropFirst()) == [5])
        #expect(try store.supersededReceiptCount() == 6)
        #expect(await uploader.summary().resent == 6)
        #expect(log.messages(withID: CatalogEvent.centralRecordsResent.messageID).count == 1)
    }

    @Test("A server that keeps asking for one record less is followed down to the first record, then no further")
    func creepingServerIsBounded() async throws {
        let transport = FakeIngestTransport { first in first > 1 ? (first - 1, first - 2) : (0, 0) }
        let log = KeptLog()
        let (store, uploader) = try Self.kiosk(transport, log: log)
        #expect(await Self.run(uploader, until: transport, posts: 40))
        #expect(try store.supersededReceiptCount() == 10, "each receipted record re-opened at most once")
        #expect(await uploader.summary().resent == 10)
        #expect(Set(transport.firstSequences.suffix(10)) == [1])
        #expect(log.messages(withID: CatalogEvent.centralRecordsResent.messageID).count == 1, "one episode")
    }
}
