import EnrollCore
import Store
import Trust

/// The outbox as the uploader sees it: records awaiting a receipt, oldest first, and the
/// place a verified receipt goes. `RecordStore` is the real one.
public protocol UploadQueue: Sendable {
    func pendingUpload(limit: Int) throws -> [(sequence: UInt64, envelope: [UInt8])]
    /// Stores a receipt after `verifier` accepted it against the stored envelope, in the
    /// same transaction: nothing is marked delivered on an unverified receipt.
    func acceptReceipt(_ receipt: [UInt8], verifier: ReceiptVerifier, now: Int64) throws
    /// Records not yet receipted.
    func backlog() throws -> Int
}

extension RecordStore: UploadQueue {
    public func acceptReceipt(_ receipt: [UInt8], verifier: ReceiptVerifier, now: Int64) throws {
        try acceptReceipt(receipt, now: now, validate: verifier.validator(now: now))
    }

    public func backlog() throws -> Int { try summary().depth }
}
