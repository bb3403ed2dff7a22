import CSQLite
import EnrollCore

extension RecordStore {
    /// Stores the receipts of one uploaded batch, in order, in one transaction: one fsync
    /// for the batch instead of one per record, which is what held the uploader back (see
    /// README, "Measured"). Each receipt passes `validate` against the envelope it names,
    /// exactly as in `acceptReceipt`. At the first one that does not, the receipts before it
    /// are committed and the rest are left alone, so what is delivered stays a prefix of the
    /// chain; the count stored and that receipt's error are returned. Throws only when the
    /// transaction itself fails, and then nothing was stored.
    public func acceptReceipts(_ receipts: [[UInt8]], now: Int64, validate: (Receipt, _ envelope: [UInt8]) throws -> Void) throws -> (accepted: Int, failure: StoreError?) {
        defer { refreshWitness() }
        return try write { c in
            var accepted = 0
            for bytes in receipts {
                do { try Self.storeReceipt(bytes, in: c, now: now, retention: limits.retentionMilliseconds, validate: validate) } catch let error as StoreError {
                    return (accepted, error)
                }
                accepted += 1
            }
            return (accepted, nil)
        }
    }
}
