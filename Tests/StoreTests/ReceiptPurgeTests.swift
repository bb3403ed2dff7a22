import Crypto
import EnrollCore
import Foundation
import Store
import TestSupport
import Testing
import Trust

@Suite("Receipts, retention and secure delete")
struct ReceiptPurgeTests {
    let hour: Int64 = 3_600_000

    @Test("Only a valid receipt is stored; purge waits for the retention period")
    func receiptThenRetention() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open(.init(maximumQueueBytes: .max, minimumFreeBytes: 0, retentionMilliseconds: 24 * hour))
        for _ in 0..<3 { try fixture.commit(store) }
        let t = fixture.t0 + hour

        // Forged and malformed receipts are refused.
        let forged = try ReceiptIssuer(signingKey: .init()).issue(for: try RecordEnvelope(decoding: try store.envelopes(from: 1, limit: 1)[0].envelope), issuedAt: t, validity: hour).encoded()
        #expect(throws: StoreError.self) { try store.acceptReceipt(forged, now: t, validate: fixture.validator()) }
        #expect(throws: StoreError.self) { try store.acceptReceipt([1, 2, 3], now: t, validate: fixture.validator()) }
        #expect(try store.purge(now: t + 100 * hour) == 0)
        #expect(try store.summary().depth == 3)

        // A receipt dated long ago (or by a server whose clock is off) still proves the
        // record was stored; retention counts from when the kiosk stored the receipt.
        let old = try fixture.receipt(store, sequence: 1, at: t - 300 * hour, validity: hour)
        try store.acceptReceipt(old, now: t, validate: fixture.validator())
        try store.acceptReceipt(try fixture.receipt(store, sequence: 2, at: t), now: t, validate: fixture.validator())
        #expect(try store.summary().depth == 1)
        let secondHash = RecordEnvelope.chainHash(of: try store.envelopes(from: 2, limit: 1)[0].envelope)
        // The server confirmed its head after the retention ended (PurgeRule).
        try store.noteCentralHead(2, at: t + 24 * hour)
        #expect(try store.purge(now: t + 23 * hour) == 0)
        #expect(try store.purge(now: t + 24 * hour) == 2)
        #expect(try store.envelopes().map(\.sequence) == [3])
        // The head survives the purge: the next record still chains.
        try fixture.commit(store)
        let remaining = try store.envelopes().map(\.envelope)
        #expect(try fixture.verifier.verifyChain(remaining, from: ChainHead(sequence: 2, hash: secondHash)).sequence == 4)
        #expect(try store.auditEntries().filter { $0.action == "record.purged" }.count == 2)
        #expect(try store.verifyAuditLog() > 0)
    }

    @Test("After purge no byte run of a purged envelope is left in the database, WAL or free pages")
    func secureDelete() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        var markers: [[UInt8]] = []
        for _ in 0..<6 {
            let committed = try fixture.commit(store, partBytes: 64 * 1024)
            let envelope = try store.envelopes(from: committed.sequence, limit: 1)[0].envelope
            // Three 32-byte runs from the sealed payload: beginning, middle, end (overflow pages).
            for offset in [200, envelope.count / 2, envelope.count - 40] { markers.append(Array(envelope[offset..<offset + 32])) }
        }
        let keep = try store.envelopes(from: 6, limit: 1)[0].envelope
        #expect(fixture.databaseFiles().values.contains { file in contains(file, markers[0]) }, "markers are findable before the purge")
        for sequence in 1...5 as ClosedRange<UInt64> {
            try store.acceptReceipt(try fixture.receipt(store, sequence: sequence, at: fixture.t0), now: fixture.t0, validate: fixture.validator())
        }
        try store.noteCentralHead(5, at: fixture.t0)
        #expect(try store.purge(now: fixture.t0) == 5)
        let files = fixture.databaseFiles()
        for (index, marker) in markers.enumerated() where index < 15 {
            for (name, bytes) in files { #expect(!contains(bytes, marker), "marker \(index) survives in \(name)") }
        }
        // The kept record is intact and still verifies.
        #expect(try store.envelopes().map(\.envelope) == [keep])
        #expect(try store.integrityCheck() == ["ok"])
    }
}

