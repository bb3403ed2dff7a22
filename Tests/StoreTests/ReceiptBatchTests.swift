import Crypto
import EnrollCore
import Foundation
import Store
import TestSupport
import Testing
import Trust

@Suite("Receipts stored a batch at a time")
struct ReceiptBatchTests {
    @Test("A batch stops at its first bad receipt and keeps the good ones before it")
    func prefixUpToTheFirstBadReceipt() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        for _ in 0..<5 { try fixture.commit(store) }
        let t = fixture.t0
        let good = try (1...5 as ClosedRange<UInt64>).map { try fixture.receipt(store, sequence: $0, at: t) }
        let forged = try ReceiptIssuer(signingKey: .init()).issue(for: try RecordEnvelope(decoding: try store.envelopes(from: 3, limit: 1)[0].envelope), issuedAt: t, validity: 3_600_000).encoded()

        let first = try store.acceptReceipts([good[0], good[1], forged, good[3]], now: t, validate: fixture.validator())
        #expect(first.accepted == 2)
        #expect(first.failure?.isRejected == true)
        #expect(try store.pendingUpload(limit: 10).map(\.sequence) == [3, 4, 5])
        #expect(try store.auditEntries().filter { $0.action == "record.receipted" }.count == 2)

        let rest = try store.acceptReceipts(Array(good[2...]), now: t, validate: fixture.validator())
        #expect(rest.accepted == 3 && rest.failure == nil)
        #expect(try store.summary().depth == 0)
        #expect(try store.verifyAuditLog() > 0)
    }

    @Test("Truncated, empty, garbage, unknown-record and foreign-key receipts are refused without losing the batch's good prefix",
          arguments: ["truncated", "empty", "garbage", "unknown record", "foreign key", "sequence past 2^63"])
    func hostileReceipts(kind: String) throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        for _ in 0..<2 { try fixture.commit(store) }
        let t = fixture.t0
        let good = try fixture.receipt(store, sequence: 1, at: t)
        let bad: [UInt8]
        switch kind {
        case "truncated": bad = Array(try fixture.receipt(store, sequence: 2, at: t).dropLast(7))
        case "empty": bad = []
        case "garbage": bad = Array(repeating: 0xFF, count: 4096)
        case "unknown record":
            // A well-signed receipt naming sequence 3, which this outbox never held.
            let other = try StoreFixture()
            let otherStore = try other.open()
            for _ in 0..<3 { try other.commit(otherStore) }
            bad = try ReceiptIssuer(signingKey: fixture.receiptKey).issue(
                for: try RecordEnvelope(decoding: try otherStore.envelopes(from: 3, limit: 1)[0].envelope), issuedAt: t, validity: 3_600_000).encoded()
        case "sequence past 2^63":
            // A hostile server's sequence the store cannot hold: malformed, not a trap (the
            // daemon would crash on every retry after restart).
            var bytes = try fixture.receipt(store, sequence: 2, at: t)
            bytes.replaceSubrange(38..<46, with: [0x80, 0, 0, 0, 0, 0, 0, 2])
            bad = bytes
        default:
            bad = try ReceiptIssuer(signingKey: .init()).issue(
                for: try RecordEnvelope(decoding: try store.envelopes(from: 2, limit: 1)[0].envelope), issuedAt: t, validity: 3_600_000).encoded()
        }
        let outcome = try store.acceptReceipts([good, bad], now: t, validate: fixture.validator())
        #expect(outcome.accepted == 1)
        #expect(outcome.failure != nil)
        #expect(try store.pendingUpload(limit: 10).map(\.sequence) == [2])
        #expect(try store.integrityCheck() == ["ok"])
    }

    @Test("An empty batch stores nothing; a receipt repeated in a batch is stored once")
    func emptyAndRepeated() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        try fixture.commit(store)
        let t = fixture.t0
        let none = try store.acceptReceipts([], now: t, validate: fixture.validator())
        #expect(none.accepted == 0 && none.failure == nil)
        #expect(try store.summary().depth == 1)
        let receipt = try fixture.receipt(store, sequence: 1, at: t)
        let twice = try store.acceptReceipts([receipt, receipt], now: t, validate: fixture.validator())
        #expect(twice.failure == nil)
        #expect(try store.summary().depth == 0)
    }
}
