import EnrollCore
import Store
import Synchronization
import Sync
import Trust

/// The outbox as the uploader sees it, plus a count of the receipts it stored, so the bench
/// learns that the drain is complete without asking the store. Polling `summary()` would
/// be wrong here: it takes the store's one connection lock (stalling the uploader's own
/// reads and receipt writes) and walks every stored envelope's overflow pages to reach the
/// byte count, on the same two cores the uploader needs.
final class CountingQueue: UploadQueue {
    let store: RecordStore
    private let receipted = Mutex(0)

    init(store: RecordStore) { self.store = store }

    var receiptsStored: Int { receipted.withLock { $0 } }

    func pendingUpload(limit: Int) throws -> [(sequence: UInt64, envelope: [UInt8])] {
        try store.pendingUpload(limit: limit)
    }

    func acceptReceipts(_ receipts: [[UInt8]], verifier: ReceiptVerifier, now: Int64) throws -> (accepted: Int, failure: (any Error)?) {
        let outcome = try store.acceptReceipts(receipts, verifier: verifier, now: now)
        receipted.withLock { $0 += outcome.accepted }
        return outcome
    }

    func backlog() throws -> Int { try store.backlog() }
}
