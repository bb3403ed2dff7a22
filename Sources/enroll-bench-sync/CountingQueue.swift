import EnrollCore
import Store
import Synchronization
import Sync
import Trust

/// The outbox as the uploader sees it, plus a count of the receipts it stored, so the bench
/// learns that the drain is complete without asking the store. Polling `summary()` would
/// be wrong here: it takes the store's one connection lock (stalling the uploader's own
/// reads and receipt writes) and walks every stored envelope's overflow pages to reach the
/// byte count, on the same two cores the uploader needs. The store work runs on a
/// `StoreThread`, as in the daemon.
final class CountingQueue: UploadQueue {
    let store: StoreThread
    private let receipted = Mutex(0)

    init(store: RecordStore) { self.store = StoreThread(store: store) }

    var receiptsStored: Int { receipted.withLock { $0 } }

    func pendingUpload(limit: Int) async throws -> [(sequence: UInt64, envelope: [UInt8])] {
        try await store.pendingUpload(limit: limit)
    }

    func acceptReceipts(_ receipts: [[UInt8]], verifier: ReceiptVerifier, now: Int64) async throws -> (accepted: Int, failure: (any Error)?) {
        let outcome = try await store.acceptReceipts(receipts, verifier: verifier, now: now)
        receipted.withLock { $0 += outcome.accepted }
        return outcome
    }

    func backlog() async throws -> Int { try await store.backlog() }

    func chainHead() async throws -> UInt64 { try await store.chainHead() }

    func noteCentralHead(_ sequence: UInt64, at: Int64) async throws { try await store.noteCentralHead(sequence, at: at) }

    func lowestHeld() async throws -> UInt64? { try await store.lowestHeld() }

    func reopenForResend(from: UInt64, through: UInt64, now: Int64) async throws -> Int {
        try await store.reopenForResend(from: from, through: through, now: now)
    }

    func acceptedLosses() async throws -> [ClosedRange<UInt64>] { try await store.acceptedLosses() }

    func auditEntries(after: Int64, limit: Int) async throws -> [AuditEntry] { try await store.auditEntries(after: after, limit: limit) }

    func auditAcknowledged() async throws -> Int64 { try await store.auditAcknowledged() }

    func noteAuditAcknowledged(_ head: AuditHead, at: Int64) async throws -> Bool { try await store.noteAuditAcknowledged(head, at: at) }

    func auditProgress() async throws -> AuditShippingProgress { try await store.auditProgress() }
}
