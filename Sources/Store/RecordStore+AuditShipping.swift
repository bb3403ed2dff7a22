import EnrollCore

extension Migrations {
    static let auditShipped = (name: "2026-12-01-audit-shipped", sql: """
        -- The audit entry the central server last acknowledged holding: the uploader sends
        -- the entries after it. Shipping never deletes an audit entry.
        CREATE TABLE audit_shipped (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            seq INTEGER NOT NULL,
            acknowledged_at INTEGER NOT NULL   -- Unix ms, kiosk clock
        ) STRICT;
        """)
}

/// How far the audit log has reached the central server: for `enrollctl sync` and metrics.
public struct AuditShippingProgress: Sendable, Equatable {
    /// The last seq the server acknowledged (0 before the first), and when (Unix ms).
    public var acknowledged: Int64
    public var acknowledgedAt: Int64?
    /// The last seq written here (0: an empty log). Seqs are consecutive from 1.
    public var head: Int64
    /// The last entry let go after the centre acknowledged it (0: none).
    public var letGoThrough: Int64

    public init(acknowledged: Int64, acknowledgedAt: Int64?, head: Int64, letGoThrough: Int64 = 0) {
        self.acknowledged = acknowledged
        self.acknowledgedAt = acknowledgedAt
        self.head = head
        self.letGoThrough = letGoThrough
    }

    /// Entries the server does not hold yet.
    public var unshipped: Int64 { max(0, head - acknowledged) }
}

/// How far the audit log has reached the central server.
extension RecordStore {
    /// The acknowledged entry and the log's head, read together.
    public func auditShippingProgress() throws(StoreError) -> AuditShippingProgress {
        try read { c throws(StoreError) in
            let shipped = try c.prepare("SELECT seq, acknowledged_at FROM audit_shipped WHERE id = 1")
            let (acknowledged, at): (Int64, Int64?) = try shipped.step() ? (shipped.int64(0), shipped.int64(1)) : (0, nil)
            let anchor = try Self.auditAnchor(c)
            let head = try c.prepare("SELECT MAX(seq) FROM audit_log")
            let last = try head.step() && !head.isNull(0) ? head.int64(0) : anchor.seq
            return AuditShippingProgress(acknowledged: acknowledged, acknowledgedAt: at, head: last, letGoThrough: anchor.seq)
        }
    }

    /// The last audit seq the server acknowledged (0 before the first).
    public func auditAcknowledged() throws(StoreError) -> Int64 {
        try read { c throws(StoreError) in
            let s = try c.prepare("SELECT seq FROM audit_shipped WHERE id = 1")
            return try s.step() ? s.int64(0) : 0
        }
    }

    /// Notes the head the server answered with, when it is an entry this kiosk holds with
    /// that very hash; returns whether it was taken. A head the kiosk cannot confirm (a
    /// server holding another history, or more than the kiosk has) moves nothing.
    @discardableResult
    public func noteAuditAcknowledged(_ head: AuditHead, at: Int64) throws -> Bool {
        try write { c in
            let anchor = try Self.auditAnchor(c)
            if head.seq <= anchor.seq {
                // At or before the entries let go: only the anchor itself can be confirmed.
                guard head == anchor else { return false }
            } else {
                let s = try c.prepare("SELECT hash FROM audit_log WHERE seq = ?1").bind(.integer(head.seq))
                guard try s.step(), s.blob(0) == head.hash else { return false }
            }
            try c.prepare("""
                INSERT INTO audit_shipped (id, seq, acknowledged_at) VALUES (1, ?1, ?2)
                ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, acknowledged_at = excluded.acknowledged_at
                """).bind(.integer(head.seq), .integer(at)).run()
            return true
        }
    }
}
