import EnrollCore

// `AuditStorage`, which `IngestStorage` includes.
extension SQLiteIngestStorage {
    public func auditHead(device: [UInt8]) async throws -> AuditHead {
        try await onQueue { try SQLiteAuditTables.head($0, device) }
    }

    public func storeAudit(device: [UInt8], entries: [AuditEntry], receivedAt: Int64) async throws -> AuditHead {
        try await onQueue { db in
            // IMMEDIATE: the head read and the inserts are one decision.
            try db.execute("BEGIN IMMEDIATE")
            do {
                let head = try SQLiteAuditTables.head(db, device)
                let fresh = try AuditChain.newEntries(entries, onto: head) { seq in
                    try db.query("SELECT hash FROM audit_entries WHERE device_id = ?1 AND seq = ?2", .blob(device), .integer(seq)).first?[0].bytes
                }
                for entry in fresh {
                    try db.query("""
                        INSERT INTO audit_entries (device_id, seq, at, actor, action, record_id, previous_hash, hash, received_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                        """, .blob(device), .integer(entry.seq), .integer(entry.at), .text(entry.actor), .text(entry.action),
                        entry.recordID.map { .blob($0.bytes) } ?? .null, .blob(entry.previousHash), .blob(entry.hash), .integer(receivedAt))
                }
                try db.execute("COMMIT")
                return fresh.last.map { AuditHead(seq: $0.seq, hash: $0.hash) } ?? head
            } catch {
                try? db.execute("ROLLBACK")
                throw error
            }
        }
    }

    public func auditEntries(device: [UInt8], after: Int64, limit: Int) async throws -> [AuditEntry] {
        try await onQueue { try SQLiteAuditTables.entries($0, device, after: after, limit: limit) }
    }
}
