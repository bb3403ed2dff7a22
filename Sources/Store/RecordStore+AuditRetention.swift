import EnrollCore

extension Migrations {
    static let auditRetention = (name: "2026-12-02-audit-retention", sql: """
        -- The last audit entry let go: entries the central server acknowledged holding may be
        -- deleted after storage.audit_retention_days (the kiosk keeps no more personal
        -- traces than it needs; the centre keeps the trail). The chain goes on from here:
        -- the next entry links to this hash, and verification starts from it.
        CREATE TABLE audit_anchor (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            seq INTEGER NOT NULL,
            hash BLOB NOT NULL
        ) STRICT;
        -- Only entries up to the anchor may be deleted, and the anchor may only move to an
        -- entry the centre acknowledged: nothing the centre lacks can be let go.
        DROP TRIGGER audit_log_no_delete;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            WHEN OLD.seq > COALESCE((SELECT seq FROM audit_anchor WHERE id = 1), 0)
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_anchor_acknowledged_insert BEFORE INSERT ON audit_anchor
            WHEN NEW.seq > COALESCE((SELECT seq FROM audit_shipped WHERE id = 1), 0)
            BEGIN SELECT RAISE(ABORT, 'only audit entries the central server holds may be let go'); END;
        CREATE TRIGGER audit_anchor_acknowledged_update BEFORE UPDATE ON audit_anchor
            WHEN NEW.seq > COALESCE((SELECT seq FROM audit_shipped WHERE id = 1), 0) OR NEW.seq < OLD.seq
            BEGIN SELECT RAISE(ABORT, 'only audit entries the central server holds may be let go'); END;
        """)
}

/// Letting go of audit entries the centre holds.
extension RecordStore {
    /// The last entry let go, from which the chain continues; genesis when none was.
    public func auditAnchor() throws(StoreError) -> AuditHead {
        try read { c throws(StoreError) in try Self.auditAnchor(c) }
    }

    static func auditAnchor(_ c: SQLiteConnection) throws(StoreError) -> AuditHead {
        let s = try c.prepare("SELECT seq, hash FROM audit_anchor WHERE id = 1")
        return try s.step() ? AuditHead(seq: s.int64(0), hash: s.blob(1)) : .genesis
    }

    /// Deletes the entries the central server acknowledged that were written at or before
    /// `writtenBy` (Unix ms), oldest first, in transactions of at most `entriesPerTransaction`
    /// (each moving the anchor to its last entry, then checkpointed: with secure_delete the
    /// zeroed pages pass through the WAL, as in `purge`). Entries after the first one too
    /// young are kept even if older (a clock set back): the log stays one unbroken run.
    /// Returns how many were let go.
    @discardableResult
    public func pruneAudit(writtenBy: Int64, entriesPerTransaction: Int = 20_000) throws -> Int {
        var pruned = 0
        while true {
            let count: Int = try write { c in
                let acknowledged = try c.prepare("SELECT seq FROM audit_shipped WHERE id = 1")
                guard try acknowledged.step() else { return 0 }
                let due = try c.prepare("SELECT seq, at, hash FROM audit_log WHERE seq <= ?1 ORDER BY seq LIMIT ?2")
                    .bind(.integer(acknowledged.int64(0)), .integer(Int64(max(1, entriesPerTransaction))))
                var last: AuditHead?
                var count = 0
                while try due.step(), due.int64(1) <= writtenBy {
                    last = AuditHead(seq: due.int64(0), hash: due.blob(2))
                    count += 1
                }
                guard let last else { return 0 }
                try c.prepare("""
                    INSERT INTO audit_anchor (id, seq, hash) VALUES (1, ?1, ?2)
                    ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash
                    """).bind(.integer(last.seq), .blob(last.hash)).run()
                try c.prepare("DELETE FROM audit_log WHERE seq <= ?1").bind(.integer(last.seq)).run()
                return count
            }
            guard count > 0 else { return pruned }
            try checkpointTruncate()
            pruned += count
        }
    }
}
