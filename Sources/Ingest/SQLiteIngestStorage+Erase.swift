extension SQLiteIngestStorage {
    /// The envelope becomes an empty blob with `secure_delete` on, so SQLite zeroes the freed
    /// bytes, and the WAL is checkpointed and truncated so no old frame keeps them (a running
    /// `serve` may hold it open for a moment; the next checkpoint then finishes the job).
    public func erase(recordID: [UInt8]) async throws -> ErasedRecord? {
        try await onQueue { db in
            try db.execute("PRAGMA secure_delete = ON")
            try db.execute("BEGIN IMMEDIATE")
            let erased: ErasedRecord?
            do {
                if let row = try db.query("SELECT device_id, sequence, length(envelope) FROM records WHERE record_id = ?1", .blob(recordID)).first {
                    let already = row[2].int == 0
                    if !already { try db.query("UPDATE records SET envelope = x'' WHERE record_id = ?1", .blob(recordID)) }
                    erased = ErasedRecord(deviceID: row[0].bytes, sequence: UInt64(row[1].int), alreadyErased: already)
                } else {
                    erased = nil
                }
                try db.execute("COMMIT")
            } catch {
                try? db.execute("ROLLBACK")
                throw error
            }
            try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return erased
        }
    }
}
