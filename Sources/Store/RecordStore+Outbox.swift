import EnrollCore

/// A record the store has committed: safe to acknowledge to the operator.
public struct CommittedRecord: Sendable, Equatable {
    public let sequence: UInt64
    public let recordID: RecordID
    public let hash: [UInt8]
    public let bytes: Int
}

/// The outbox at a glance.
public struct OutboxSummary: Sendable, Equatable {
    /// Records committed and not yet receipted.
    public let depth: Int
    /// Bytes of all envelopes still in the database (unreceipted and within retention).
    public let bytes: Int
    /// Bytes of the envelopes not yet receipted: what the quota counts.
    public let pendingBytes: Int
    /// Commit time (Unix ms) of the oldest unreceipted record.
    public let oldestUnsyncedAt: Int64?
    /// The chain's last sequence number (0 before the first record).
    public let headSequence: UInt64
}

extension RecordStore {
    /// Appends the next record in one transaction: reads the chain head, lets `build` seal
    /// the record for that position (sealing happens before anything is written), inserts
    /// the envelope, advances the head and writes an audit entry. Returns only after COMMIT
    /// (WAL + fsync): only then may the operator be told the record is saved.
    public func append(actor: String, now: Int64, build: (ChainHead) throws -> RecordEnvelope) throws -> CommittedRecord {
        defer { refreshWitness() }
        return try write { c in
            let head = try Self.head(c)
            let envelope = try build(head)
            guard envelope.sequence == head.sequence + 1, envelope.previousHash == head.hash else {
                throw StoreError.chainMismatch("built sequence \(envelope.sequence) after head \(head.sequence)")
            }
            let bytes = envelope.encoded()
            let hash = Self.sha256(bytes)
            try c.prepare("""
                INSERT INTO outbox (sequence, record_id, envelope, envelope_hash, bytes, committed_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                """)
                .bind(.integer(Int64(envelope.sequence)), .blob(envelope.recordID.bytes), .blob(bytes), .blob(hash),
                      .integer(Int64(bytes.count)), .integer(envelope.committedAt))
                .run()
            try c.prepare("UPDATE chain_head SET sequence = ?1, hash = ?2 WHERE id = 1")
                .bind(.integer(Int64(envelope.sequence)), .blob(hash)).run()
            try Self.appendAudit(c, at: now, actor: actor, action: "record.committed", recordID: envelope.recordID)
            return CommittedRecord(sequence: envelope.sequence, recordID: envelope.recordID, hash: hash, bytes: bytes.count)
        }
    }

    /// The chain's head as committed.
    public func head() throws(StoreError) -> ChainHead {
        try read { c throws(StoreError) in try Self.head(c) }
    }

    static func head(_ c: SQLiteConnection) throws(StoreError) -> ChainHead {
        let statement = try c.prepare("SELECT sequence, hash FROM chain_head WHERE id = 1")
        guard try statement.step() else { throw .notFound("chain head") }
        return ChainHead(sequence: UInt64(statement.int64(0)), hash: statement.blob(1))
    }

    /// Stored envelopes with sequence ≥ `from`, in sequence order, at most `limit`.
    public func envelopes(from: UInt64 = 0, limit: Int = 1000) throws(StoreError) -> [(sequence: UInt64, envelope: [UInt8])] {
        try read { c throws(StoreError) in
            let statement = try c.prepare("SELECT sequence, envelope FROM outbox WHERE sequence >= ?1 ORDER BY sequence LIMIT ?2")
                .bind(.integer(Int64(from)), .integer(Int64(limit)))
            var rows: [(UInt64, [UInt8])] = []
            while try statement.step() { rows.append((UInt64(statement.int64(0)), statement.blob(1))) }
            return rows
        }
    }

    /// Envelopes not yet receipted, oldest first: what the uploader sends.
    public func pendingUpload(limit: Int) throws(StoreError) -> [(sequence: UInt64, envelope: [UInt8])] {
        try read { c throws(StoreError) in
            let statement = try c.prepare("""
                SELECT o.sequence, o.envelope FROM outbox o LEFT JOIN receipts r ON r.sequence = o.sequence
                WHERE r.sequence IS NULL ORDER BY o.sequence LIMIT ?1
                """).bind(.integer(Int64(limit)))
            var rows: [(UInt64, [UInt8])] = []
            while try statement.step() { rows.append((UInt64(statement.int64(0)), statement.blob(1))) }
            return rows
        }
    }

    /// Depth, bytes and age of the outbox.
    public func summary() throws(StoreError) -> OutboxSummary {
        try read { c throws(StoreError) in
            let totals = try c.prepare("""
                SELECT count(r.sequence IS NULL OR NULL), coalesce(sum(o.bytes), 0),
                       min(CASE WHEN r.sequence IS NULL THEN o.committed_at END),
                       coalesce(sum(CASE WHEN r.sequence IS NULL THEN o.bytes END), 0)
                FROM outbox o LEFT JOIN receipts r ON r.sequence = o.sequence
                """)
            _ = try totals.step()
            let head = try Self.head(c)
            return OutboxSummary(
                depth: Int(totals.int64(0)), bytes: Int(totals.int64(1)), pendingBytes: Int(totals.int64(3)),
                oldestUnsyncedAt: totals.isNull(2) ? nil : totals.int64(2), headSequence: head.sequence)
        }
    }
}

extension RecordStore {
    /// Appends `count` records in one transaction (one fsync for all): for a backlog
    /// imported at once, and for the benchmark's batched figure.
    public func appendBatch(count: Int, actor: String, now: Int64, build: (ChainHead, Int) throws -> RecordEnvelope) throws -> [CommittedRecord] {
        defer { refreshWitness() }
        return try write { c in
            var head = try Self.head(c)
            var committed: [CommittedRecord] = []
            let insert = try c.prepare("""
                INSERT INTO outbox (sequence, record_id, envelope, envelope_hash, bytes, committed_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                """)
            for index in 0..<count {
                let envelope = try build(head, index)
                guard envelope.sequence == head.sequence + 1, envelope.previousHash == head.hash else {
                    throw StoreError.chainMismatch("built sequence \(envelope.sequence) after head \(head.sequence)")
                }
                let bytes = envelope.encoded()
                let hash = Self.sha256(bytes)
                try insert.bind(.integer(Int64(envelope.sequence)), .blob(envelope.recordID.bytes), .blob(bytes), .blob(hash),
                                .integer(Int64(bytes.count)), .integer(envelope.committedAt)).run()
                try Self.appendAudit(c, at: now, actor: actor, action: "record.committed", recordID: envelope.recordID)
                head = ChainHead(sequence: envelope.sequence, hash: hash)
                committed.append(CommittedRecord(sequence: envelope.sequence, recordID: envelope.recordID, hash: hash, bytes: bytes.count))
            }
            try c.prepare("UPDATE chain_head SET sequence = ?1, hash = ?2 WHERE id = 1")
                .bind(.integer(Int64(head.sequence)), .blob(head.hash)).run()
            return committed
        }
    }
}
