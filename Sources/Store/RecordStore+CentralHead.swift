import EnrollCore

extension Migrations {
    static let centralHead = (name: "2026-11-30-central-head", sql: """
        -- The chain head the central server last confirmed, and when: a receipted record is
        -- purged only at or below it, confirmed after its retention ended (PurgeRule).
        CREATE TABLE central_head (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            sequence INTEGER NOT NULL,
            confirmed_at INTEGER NOT NULL      -- Unix ms, kiosk clock
        ) STRICT;
        -- Receipts of records sent again to a central server restored from an older backup:
        -- the first receipt stays as evidence the centre once held the record.
        CREATE TABLE superseded_receipts (
            sequence INTEGER NOT NULL,
            record_id BLOB NOT NULL,
            receipt BLOB NOT NULL,
            received_at INTEGER NOT NULL,
            superseded_at INTEGER NOT NULL
        ) STRICT;
        """)
}

/// What the central server is known to hold, and re-sending to it after a restore.
extension RecordStore {
    /// Notes the chain head the server reported in an answer read at `at`. The latest
    /// answer wins, also when lower (a restored server); it is clamped to the kiosk's own
    /// head, so a server claiming more confirms nothing the kiosk does not have.
    public func noteCentralHead(_ sequence: UInt64, at: Int64) throws {
        try write { c in
            let local = try Self.head(c).sequence
            try c.prepare("""
                INSERT INTO central_head (id, sequence, confirmed_at) VALUES (1, ?1, ?2)
                ON CONFLICT (id) DO UPDATE SET sequence = excluded.sequence, confirmed_at = excluded.confirmed_at
                """).bind(.integer(Int64(min(sequence, local))), .integer(at)).run()
        }
    }

    /// The last confirmation as the purge rule uses it, nil before the first.
    public func centralHead() throws(StoreError) -> PurgeRule? {
        try read { c throws(StoreError) in try Self.centralHead(c) }
    }

    static func centralHead(_ c: SQLiteConnection) throws(StoreError) -> PurgeRule? {
        let s = try c.prepare("SELECT sequence, confirmed_at FROM central_head WHERE id = 1")
        guard try s.step() else { return nil }
        return PurgeRule(confirmedHead: UInt64(max(0, s.int64(0))), confirmedAt: s.int64(1))
    }

    /// The lowest sequence whose envelope the outbox still holds, nil when it holds none.
    public func lowestHeldSequence() throws(StoreError) -> UInt64? {
        try read { c throws(StoreError) in
            let s = try c.prepare("SELECT min(sequence) FROM outbox")
            guard try s.step(), !s.isNull(0) else { return nil }
            return UInt64(s.int64(0))
        }
    }

    /// Makes the receipted records `from…through` pending again, so the uploader sends their
    /// original envelopes to a central server that lost them; their receipts move to
    /// `superseded_receipts` and the new receipts restart the retention clock. All or
    /// nothing: when any envelope of the range is gone (purged) or not receipted, nothing
    /// changes and 0 is returned. Returns how many records are pending again.
    public func reopenForResend(from: UInt64, through: UInt64, now: Int64) throws -> Int {
        guard from >= 1, from <= through, through < UInt64(Int64.max) else { return 0 }
        return try write { c in
            let expected = Int64(through - from + 1)
            let count = try c.prepare("""
                SELECT count(*) FROM outbox o JOIN receipts r ON r.sequence = o.sequence
                WHERE o.sequence BETWEEN ?1 AND ?2
                """).bind(.integer(Int64(from)), .integer(Int64(through)))
            _ = try count.step()
            guard count.int64(0) == expected else { return 0 }
            let rows = try c.prepare("SELECT sequence, record_id FROM receipts WHERE sequence BETWEEN ?1 AND ?2 ORDER BY sequence")
                .bind(.integer(Int64(from)), .integer(Int64(through)))
            var ids: [[UInt8]] = []
            while try rows.step() { ids.append(rows.blob(1)) }
            try c.prepare("""
                INSERT INTO superseded_receipts (sequence, record_id, receipt, received_at, superseded_at)
                SELECT sequence, record_id, receipt, received_at, ?3 FROM receipts WHERE sequence BETWEEN ?1 AND ?2
                """).bind(.integer(Int64(from)), .integer(Int64(through)), .integer(now)).run()
            try c.prepare("DELETE FROM receipts WHERE sequence BETWEEN ?1 AND ?2")
                .bind(.integer(Int64(from)), .integer(Int64(through))).run()
            for id in ids {
                try Self.appendAudit(c, at: now, actor: "sync", action: "record.resend", recordID: RecordID(bytes: id))
            }
            return ids.count
        }
    }

    /// How many receipts were superseded by a re-send, over the store's life.
    public func supersededReceiptCount() throws(StoreError) -> Int {
        try read { c throws(StoreError) in
            let s = try c.prepare("SELECT count(*) FROM superseded_receipts")
            _ = try s.step()
            return Int(s.int64(0))
        }
    }
}
