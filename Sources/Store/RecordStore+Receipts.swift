import CSQLite
import EnrollCore

extension RecordStore {
    /// Stores the central server's receipt after `validate` accepted it for the stored
    /// envelope it names (signature, expiry, record hash: Trust's `ReceiptVerifier`).
    /// The record becomes purgeable `limits.retentionMilliseconds` after `now`.
    /// A second receipt for the same record is ignored.
    public func acceptReceipt(_ bytes: [UInt8], now: Int64, validate: (Receipt, _ envelope: [UInt8]) throws -> Void) throws {
        defer { refreshWitness() }
        return try write { c in try Self.storeReceipt(bytes, in: c, now: now, retention: limits.retentionMilliseconds, validate: validate) }
    }

    /// One receipt, inside the caller's write transaction.
    static func storeReceipt(_ bytes: [UInt8], in c: SQLiteConnection, now: Int64, retention: Int64,
                             validate: (Receipt, _ envelope: [UInt8]) throws -> Void) throws {
        let receipt: Receipt
        do { receipt = try Receipt(decoding: bytes) } catch {
            throw StoreError.rejected("malformed receipt: \(error)")
        }
        let lookup = try c.prepare("SELECT envelope FROM outbox WHERE sequence = ?1").bind(.integer(Int64(receipt.sequence)))
        guard try lookup.step() else { throw StoreError.notFound("record \(receipt.sequence) in the outbox") }
        do { try validate(receipt, lookup.blob(0)) } catch {
            throw StoreError.rejected("invalid receipt for sequence \(receipt.sequence): \(error)")
        }
        try c.prepare("""
            INSERT OR IGNORE INTO receipts (sequence, record_id, receipt, received_at, purge_after)
            VALUES (?1, ?2, ?3, ?4, ?5)
            """)
            .bind(.integer(Int64(receipt.sequence)), .blob(receipt.recordID.bytes), .blob(bytes),
                  .integer(now), .integer(now + retention))
            .run()
        try appendAudit(c, at: now, actor: "sync", action: "record.receipted", recordID: receipt.recordID)
    }

    /// Deletes records whose receipt is older than the retention period and which the
    /// central server confirmed it still holds after that (`PurgeRule`: a server restored
    /// from an older backup may lack them, and then the kiosk's copy is the only one), then
    /// truncates the WAL. With `secure_delete=ON` the freed pages are zeroed, and the TRUNCATE
    /// checkpoint leaves no old frame in the WAL: no byte of a purged envelope survives in
    /// the database, WAL or free pages. Returns how many records were purged.
    ///
    /// In transactions of about `bytesPerTransaction` of envelopes each (at least one
    /// record), each followed by the checkpoint: the zeroed pages pass through the WAL, so
    /// one transaction over a week's backlog (receipted together after an outage, due
    /// together a retention period later) grew the WAL by the whole backlog's size, failed
    /// on a disk without that much room, and failed the same way at every retry.
    @discardableResult
    public func purge(now: Int64, bytesPerTransaction: Int64 = 16 << 20) throws -> Int {
        var purged = 0
        var after: Int64 = -1
        while true {
            let (count, last): (Int, Int64?) = try write { c in
                let rule = try Self.centralHead(c)
                let due = try c.prepare("""
                    SELECT r.sequence, r.record_id, r.purge_after, o.bytes FROM receipts r JOIN outbox o ON o.sequence = r.sequence
                    WHERE r.purged_at IS NULL AND r.purge_after <= ?1 AND r.sequence > ?2 ORDER BY r.sequence LIMIT 1000
                    """).bind(.integer(now), .integer(after))
                var rows: [(Int64, [UInt8])] = []
                var last: Int64?
                var bytes: Int64 = 0
                while bytes < bytesPerTransaction, try due.step() {
                    let sequence = due.int64(0)
                    // Examined, purged or kept (the server has not confirmed it): the next
                    // round starts after it.
                    last = sequence
                    guard PurgeRule.mayPurge(sequence: UInt64(max(0, sequence)), purgeAfter: due.int64(2), now: now, rule: rule) else { continue }
                    rows.append((sequence, due.blob(1)))
                    bytes += due.int64(3)
                }
                let delete = try c.prepare("DELETE FROM outbox WHERE sequence = ?1")
                let mark = try c.prepare("UPDATE receipts SET purged_at = ?2 WHERE sequence = ?1")
                for (sequence, recordID) in rows {
                    try delete.bind(.integer(sequence)).run()
                    try mark.bind(.integer(sequence), .integer(now)).run()
                    try Self.appendAudit(c, at: now, actor: "retention", action: "record.purged", recordID: RecordID(bytes: recordID))
                }
                return (rows.count, last)
            }
            if count > 0 { try checkpointTruncate() }
            purged += count
            guard let last else { return purged }
            after = last
        }
    }

    /// Copies the WAL into the database and truncates it to zero bytes.
    public func checkpointTruncate() throws(StoreError) {
        try read { c throws(StoreError) in
            let statement = try c.prepare("PRAGMA wal_checkpoint(TRUNCATE)")
            guard try statement.step(), statement.int64(0) == 0 else { throw .io("the WAL checkpoint could not complete") }
        }
    }
}
