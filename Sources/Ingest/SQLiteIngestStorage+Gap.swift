import EnrollCore

/// Gaps and the operator's acknowledgements in the SQLite file.
extension SQLiteIngestStorage: IngestGapStorage {
    static let gapTables = """
        CREATE TABLE IF NOT EXISTS gaps (
            device_id BLOB PRIMARY KEY, head_sequence INTEGER NOT NULL, next_sequence INTEGER NOT NULL,
            previous_hash BLOB NOT NULL, seen_at INTEGER NOT NULL);
        -- Records an operator declared lost (`enroll-ingest accept-gap`): the chain resumed
        -- after through_sequence with previous_hash taken on trust.
        CREATE TABLE IF NOT EXISTS gap_acknowledgements (
            device_id BLOB NOT NULL, from_sequence INTEGER NOT NULL, through_sequence INTEGER NOT NULL,
            previous_hash BLOB NOT NULL, acknowledged_at INTEGER NOT NULL, acknowledged_by TEXT NOT NULL,
            PRIMARY KEY (device_id, from_sequence));
        """

    public func noteGap(device: [UInt8], gap: ChainGap) async throws {
        try await onQueue { db in
            try db.query("""
                INSERT INTO gaps (device_id, head_sequence, next_sequence, previous_hash, seen_at) VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT(device_id) DO UPDATE SET head_sequence = excluded.head_sequence, next_sequence = excluded.next_sequence,
                    previous_hash = excluded.previous_hash, seen_at = excluded.seen_at
                """, .blob(device), .integer(Int64(gap.headSequence)), .integer(Int64(gap.nextSequence)), .blob(gap.previousHash), .integer(gap.seenAt))
        }
    }

    public func currentGap(device: [UInt8]) async throws -> ChainGap? {
        try await onQueue { db in
            guard let gap = try Self.gap(db, device) else { return nil }
            return try Self.head(db, device).sequence == gap.headSequence ? gap : nil
        }
    }

    static func gap(_ db: SQLiteDatabase, _ device: [UInt8]) throws -> ChainGap? {
        guard let row = try db.query("SELECT head_sequence, next_sequence, previous_hash, seen_at FROM gaps WHERE device_id = ?1", .blob(device)).first
        else { return nil }
        return ChainGap(headSequence: UInt64(row[0].int), nextSequence: UInt64(row[1].int), previousHash: row[2].bytes, seenAt: row[3].int)
    }

    public func acceptGap(device: [UInt8], after: UInt64, at: Int64, by: String) async throws -> ChainGap {
        try await onQueue { db in
            try db.execute("BEGIN IMMEDIATE")
            do {
                let head = try Self.head(db, device)
                let gap = try Self.gap(db, device)
                try GapAcceptance.check(gap: gap, head: head, after: after)
                let accepted = gap!
                try db.query("INSERT INTO heads (device_id, sequence, hash) VALUES (?1, ?2, ?3) ON CONFLICT(device_id) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash",
                             .blob(device), .integer(Int64(after)), .blob(accepted.previousHash))
                try db.query("""
                    INSERT INTO gap_acknowledgements (device_id, from_sequence, through_sequence, previous_hash, acknowledged_at, acknowledged_by)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                    """, .blob(device), .integer(Int64(accepted.missing.lowerBound)), .integer(Int64(after)), .blob(accepted.previousHash),
                    .integer(at), .text(by))
                try db.query("DELETE FROM gaps WHERE device_id = ?1", .blob(device))
                try db.execute("COMMIT")
                return accepted
            } catch {
                try? db.execute("ROLLBACK")
                throw error
            }
        }
    }
}
