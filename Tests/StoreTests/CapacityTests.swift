#if canImport(Glibc)
import Glibc
#endif
import Crypto
import EnrollCore
import Foundation
import Store
import TestSupport
import Testing
import Trust

@Suite("Quota, low disk and a full disk")
struct CapacityTests {
    @Test("A new session is refused when the queue would pass its quota")
    func quota() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open(.init(maximumQueueBytes: 20_000, minimumFreeBytes: 0, retentionMilliseconds: 0))
        try store.admit(expectedRecordBytes: 8_000)
        try fixture.commit(store, partBytes: 8_000)
        try fixture.commit(store, partBytes: 8_000)
        let error = try #require(throws: StoreError.self) { try store.admit(expectedRecordBytes: 8_000) }
        #expect(error.isQuotaExceeded && error.isCapacityRefusal)
        #expect(error.description.contains("storage.max_queue_mib"), "\(error)")
        #expect(store.admission(expectedRecordBytes: 8_000).accepted == false)
    }

    @Test("Receipted records waiting out their retention do not count against the quota")
    func receiptedRecordsFreeTheQuota() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open(.init(maximumQueueBytes: 20_000, minimumFreeBytes: 0, retentionMilliseconds: 7 * 86_400_000))
        try fixture.commit(store, partBytes: 8_000)
        try fixture.commit(store, partBytes: 8_000)
        #expect(throws: StoreError.self) { try store.admit(expectedRecordBytes: 8_000) }
        // The first is receipted: still on disk for a week, but no longer queued.
        let t = fixture.t0
        try store.acceptReceipt(try fixture.receipt(store, sequence: 1, at: t), now: t, validate: fixture.validator())
        #expect(try store.envelopes().count == 2)
        try store.admit(expectedRecordBytes: 8_000)
        let admission = store.admission(expectedRecordBytes: 8_000)
        #expect(admission.accepted)
        #expect(admission.queuedBytes < 12_000, "\(admission.queuedBytes) bytes counted as queued")
    }

    @Test("A new session is refused when free disk would drop below the minimum")
    func lowDisk() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open(.init(maximumQueueBytes: .max, minimumFreeBytes: Int.max / 2, retentionMilliseconds: 0))
        let error = try #require(throws: StoreError.self) { try store.admit(expectedRecordBytes: 1) }
        #expect(error.isLowDisk)
        #expect(error.description.contains("storage.min_free_mib"), "\(error)")
    }

    @Test("A quota refusal names the key and the room a record needs, not only the outbox's size")
    func quotaRefusalSaysWhy() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open(.init(maximumQueueBytes: 3 << 20, minimumFreeBytes: 0, retentionMilliseconds: 0))
        let error = try #require(throws: StoreError.self) { try store.admit(expectedRecordBytes: 4 << 20) }
        #expect(error.isQuotaExceeded)
        // An empty outbox is refused because a record would not fit: the text says both.
        #expect(error.description.contains("holds 0.0 MiB") && error.description.contains("limit of 3.0 MiB"), "\(error)")
        #expect(error.description.contains("up to 4.0 MiB") && error.description.contains("storage.max_queue_mib"), "\(error)")
    }

    @Test("ENOSPC on a 3 MiB tmpfs fails the commit cleanly; nothing committed is lost; it recovers once space returns",
          .enabled(if: SmallFilesystem.available, "cannot mount a small tmpfs here (needs root and mount(8))"))
    func diskFull() throws {
        let small = try SmallFilesystem(megabytes: 3)
        let mountPoint = small.mountPoint
        let state = mountPoint.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let fixture = try StoreFixture(folder: state)
        let store = try fixture.open()
        // Something else on the disk, removed later: that is how space "returns".
        let ballast = mountPoint.appendingPathComponent("ballast")
        try Data(repeating: 1, count: 1 << 20).write(to: ballast)
        var committed: [CommittedRecord] = []
        var diskFull: StoreError?
        while diskFull == nil, committed.count < 200 {
            do { committed.append(try fixture.commit(store, partBytes: 100_000)) } catch let error as StoreError {
                diskFull = error
            }
        }
        let error = try #require(diskFull, "the 3 MiB disk never filled")
        #expect(error.isDiskFull, "got \(error)")
        #expect(committed.count >= 5)

        // The store still answers, and everything acknowledged is there and verifies.
        let stored = try store.envelopes(limit: 1000)
        #expect(stored.map(\.sequence) == committed.map(\.sequence))
        #expect(try fixture.verifier.verifyChain(stored.map(\.envelope)).sequence == UInt64(committed.count))
        #expect(try store.head().sequence == UInt64(committed.count))

        // A second attempt on the full disk fails the same clean way.
        #expect(throws: StoreError.self) { try fixture.commit(store, partBytes: 100_000) }

        // Space returns: no restart, the next commit succeeds and chains on.
        try FileManager.default.removeItem(at: ballast)
        let next = try fixture.commit(store, partBytes: 100_000)
        #expect(next.sequence == UInt64(committed.count + 1))
        committed.append(next)

        #expect(try store.integrityCheck() == ["ok"])
        withExtendedLifetime(small) {}
    }
}
