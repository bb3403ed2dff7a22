import EnrollCore
import Store
import Trust

/// The outbox as the uploader sees it: records awaiting a receipt, oldest first, and the
/// place a verified receipt goes. `StoreThread` is the real one: the store's work runs on
/// its thread, never on the cooperative pool the uploader awaits from.
public protocol UploadQueue: Sendable {
    func pendingUpload(limit: Int) async throws -> [(sequence: UInt64, envelope: [UInt8])]
    /// Stores a batch's receipts in order, in one transaction, each after `verifier`
    /// accepted it against the stored envelope: nothing is marked delivered on an
    /// unverified receipt. Stops at the first refused one; returns how many were stored
    /// and why the next was refused. Throws when nothing could be stored.
    func acceptReceipts(_ receipts: [[UInt8]], verifier: ReceiptVerifier, now: Int64) async throws -> (accepted: Int, failure: (any Error)?)
    /// Records not yet receipted.
    func backlog() async throws -> Int
    /// The last sequence committed to the outbox's chain (0 before the first record).
    func chainHead() async throws -> UInt64
    /// Notes the chain head the server reported in an answer read at `at` (kiosk clock):
    /// what the purge rule lets go.
    func noteCentralHead(_ sequence: UInt64, at: Int64) async throws
    /// The lowest sequence whose envelope the outbox still holds, nil when empty.
    func lowestHeld() async throws -> UInt64?
    /// Makes the receipted records `from…through` pending again (all or none); how many.
    func reopenForResend(from: UInt64, through: UInt64, now: Int64) async throws -> Int
    /// The sequences this database lost and a technician accepted (`enrolld
    /// --accept-lost-records`): holes in the outbox no re-send can fill.
    func acceptedLosses() async throws -> [ClosedRange<UInt64>]
    /// Audit entries after `after`, oldest first, at most `limit`.
    func auditEntries(after: Int64, limit: Int) async throws -> [AuditEntry]
    /// The last audit seq the server acknowledged (0 before the first).
    func auditAcknowledged() async throws -> Int64
    /// Notes the audit head the server answered with; false when the kiosk holds no such
    /// entry (then nothing moves).
    func noteAuditAcknowledged(_ head: AuditHead, at: Int64) async throws -> Bool
    /// The acknowledged audit entry and the log's head (status and metrics).
    func auditProgress() async throws -> AuditShippingProgress
}

extension StoreThread: UploadQueue {
    public func pendingUpload(limit: Int) async throws -> [(sequence: UInt64, envelope: [UInt8])] {
        try await run { store throws(StoreError) in try store.pendingUpload(limit: limit) }
    }

    public func acceptReceipts(_ receipts: [[UInt8]], verifier: ReceiptVerifier, now: Int64) async throws -> (accepted: Int, failure: (any Error)?) {
        try await run { store in try store.acceptReceipts(receipts, verifier: verifier, now: now) }
    }

    public func backlog() async throws -> Int {
        try await run { store throws(StoreError) in try store.backlog() }
    }

    public func chainHead() async throws -> UInt64 {
        try await run { store throws(StoreError) in try store.head().sequence }
    }

    public func noteCentralHead(_ sequence: UInt64, at: Int64) async throws {
        try await run { store in try store.noteCentralHead(sequence, at: at) }
    }

    public func lowestHeld() async throws -> UInt64? {
        try await run { store throws(StoreError) in try store.lowestHeldSequence() }
    }

    public func reopenForResend(from: UInt64, through: UInt64, now: Int64) async throws -> Int {
        try await run { store in try store.reopenForResend(from: from, through: through, now: now) }
    }

    public func acceptedLosses() async throws -> [ClosedRange<UInt64>] {
        try await run { store throws(StoreError) in try store.acceptedLosses().map(\.lost) }
    }

    public func auditEntries(after: Int64, limit: Int) async throws -> [AuditEntry] {
        try await run { store throws(StoreError) in try store.auditEntries(after: after, limit: limit) }
    }

    public func auditAcknowledged() async throws -> Int64 {
        try await run { store throws(StoreError) in try store.auditAcknowledged() }
    }

    public func noteAuditAcknowledged(_ head: AuditHead, at: Int64) async throws -> Bool {
        try await run { store in try store.noteAuditAcknowledged(head, at: at) }
    }

    public func auditProgress() async throws -> AuditShippingProgress {
        try await run { store throws(StoreError) in try store.auditShippingProgress() }
    }
}

/// The uploader's operations on the store itself, for `StoreThread`'s conformance and the
/// benches that drive a `RecordStore` directly.
extension RecordStore {
    public func acceptReceipt(_ receipt: [UInt8], verifier: ReceiptVerifier, now: Int64) throws {
        try acceptReceipt(receipt, now: now, validate: verifier.validator())
    }

    public func acceptReceipts(_ receipts: [[UInt8]], verifier: ReceiptVerifier, now: Int64) throws -> (accepted: Int, failure: (any Error)?) {
        let outcome = try acceptReceipts(receipts, now: now, validate: verifier.validator())
        return (outcome.accepted, outcome.failure)
    }

    public func backlog() throws(StoreError) -> Int { try summary().depth }
}
