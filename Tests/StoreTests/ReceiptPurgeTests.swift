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

    /// A week's backlog receipted together after an outage falls due together: purged in
    /// one transaction its zeroed pages needed the backlog's size again in the WAL, which a
    /// nearly full disk does not have. In slices, each checkpointed, it goes through with
    /// little room, and a failed attempt loses nothing.
    @Test("A backlog larger than the free space is purged in slices on a nearly full disk",
          .enabled(if: SmallFilesystem.available, "cannot mount a small tmpfs here (needs root and mount(8))"))
    func purgeOnANearlyFullDisk() throws {
        let small = try SmallFilesystem(megabytes: 16)
        let state = small.mountPoint.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let fixture = try StoreFixture(folder: state)
        let store = try fixture.open(.init(maximumQueueBytes: .max, minimumFreeBytes: 0, retentionMilliseconds: hour))
        for _ in 0..<24 { try fixture.commit(store, partBytes: 200_000) }
        let stored = Int64(try store.summary().bytes)
        #expect(stored > 4 << 20, "\(stored) bytes of records")
        for sequence in 1...24 as ClosedRange<UInt64> {
            try store.acceptReceipt(try fixture.receipt(store, sequence: sequence, at: fixture.t0), now: fixture.t0, validate: fixture.validator())
        }
        try store.noteCentralHead(24, at: fixture.t0 + hour)
        try store.checkpointTruncate()
        // The rest of the disk taken, but for about a third of the records' size.
        let ballast = small.mountPoint.appendingPathComponent("ballast")
        let free = try Self.freeBytes(small.mountPoint)
        try Data(repeating: 7, count: Int(free - stored / 3)).write(to: ballast)

        // All at once it cannot be done: refused as a full disk, nothing purged or lost.
        let all = #expect(throws: StoreError.self) { try store.purge(now: fixture.t0 + hour, bytesPerTransaction: .max) }
        #expect(all?.isDiskFull == true, "\(String(describing: all))")
        #expect(try store.envelopes(limit: 100).count == 24)
        // In slices of about 512 KiB it goes through, on the same disk, right after the failure.
        #expect(try store.purge(now: fixture.t0 + hour, bytesPerTransaction: 512 << 10) == 24)
        #expect(try store.envelopes(limit: 100).isEmpty)
        #expect(try store.auditEntries().filter { $0.action == "record.purged" }.count == 24)
        #expect(try store.integrityCheck() == ["ok"])
        #expect((fixture.databaseFiles().first { $0.key.hasSuffix("-wal") }?.value.count ?? 0) == 0, "the WAL is truncated")
        withExtendedLifetime(small) {}
    }

    /// A record the server has not confirmed stays, and the slices step over it instead of
    /// reading it again and again.
    @Test("Slices step over records that must stay")
    func slicesStepOverKeptRecords() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open(.init(maximumQueueBytes: .max, minimumFreeBytes: 0, retentionMilliseconds: hour))
        for _ in 0..<7 { try fixture.commit(store) }
        for sequence in 1...7 as ClosedRange<UInt64> {
            try store.acceptReceipt(try fixture.receipt(store, sequence: sequence, at: fixture.t0), now: fixture.t0, validate: fixture.validator())
        }
        // The server confirmed only up to 4 after the retention ended: 5…7 stay.
        try store.noteCentralHead(4, at: fixture.t0 + hour)
        #expect(try store.purge(now: fixture.t0 + hour, bytesPerTransaction: 1) == 4)
        #expect(try store.envelopes().map(\.sequence) == [5, 6, 7])
        #expect(try store.purge(now: fixture.t0 + hour, bytesPerTransaction: 1) == 0)
    }

    static func freeBytes(_ url: URL) throws -> Int64 {
        let attributes = try FileManager.default.attributesOfFileSystem(forPath: url.path)
        return (attributes[.systemFreeSize] as? NSNumber)?.int64Value ?? 0
    }
}
