import EnrollCore
import Ingest
import Logging
import NIOCore
import PostgresNIO

// `AuditStorage`, which `IngestStorage` includes.
extension PostgresIngestStorage {
    /// The audit tables, created by `migrate`: the entries, and one head row per device that
    /// concurrent batches of that device lock (`FOR UPDATE`), as `heads` does for records.
    static let auditSchema = [
        """
        CREATE TABLE IF NOT EXISTS audit_entries (
            device_id BYTEA NOT NULL, seq BIGINT NOT NULL, at BIGINT NOT NULL,
            actor TEXT NOT NULL, action TEXT NOT NULL, record_id BYTEA,
            previous_hash BYTEA NOT NULL, hash BYTEA NOT NULL, received_at BIGINT NOT NULL,
            PRIMARY KEY (device_id, seq))
        """,
        "CREATE TABLE IF NOT EXISTS audit_heads (device_id BYTEA PRIMARY KEY, seq BIGINT NOT NULL, hash BYTEA NOT NULL)",
    ]

    public func auditHead(device: [UInt8]) async throws -> AuditHead {
        let rows = try await client.query("SELECT seq, hash FROM audit_heads WHERE device_id = \(Self.buffer(device))", logger: logger)
        for try await (seq, hash) in rows.decode((Int64, ByteBuffer).self) {
            return AuditHead(seq: seq, hash: Array(hash.readableBytesView))
        }
        return .genesis
    }

    public func storeAudit(device: [UInt8], entries: [AuditEntry], receivedAt: Int64) async throws -> AuditHead {
        let id = Self.buffer(device)
        let genesis = Self.buffer(AuditHead.genesis.hash)
        let logger = self.logger
        // A refusal rolls the transaction back; postgres-nio wraps it, callers want it as is.
        do { return try await storeAudit(id: id, genesis: genesis, entries: entries, receivedAt: receivedAt, logger: logger) } catch let error as PostgresTransactionError {
            if let refusal = error.closureError as? AuditChainError { throw refusal }
            throw error
        }
    }

    private func storeAudit(id: ByteBuffer, genesis: ByteBuffer, entries: [AuditEntry], receivedAt: Int64, logger: Logger) async throws -> AuditHead {
        try await client.withTransaction(logger: logger) { c in
            try await c.query("SET LOCAL synchronous_commit = on", logger: logger)
            try await c.query("INSERT INTO audit_heads (device_id, seq, hash) VALUES (\(id), 0, \(genesis)) ON CONFLICT DO NOTHING", logger: logger)
            var head = AuditHead.genesis
            for try await (seq, hash) in try await c.query("SELECT seq, hash FROM audit_heads WHERE device_id = \(id) FOR UPDATE", logger: logger)
                .decode((Int64, ByteBuffer).self) {
                head = AuditHead(seq: seq, hash: Array(hash.readableBytesView))
            }
            // The hashes held where the batch overlaps what is stored (a re-sent batch).
            var held: [Int64: [UInt8]] = [:]
            if let first = entries.first?.seq, first <= head.seq {
                let last = min(entries.last?.seq ?? first, head.seq)
                for try await (seq, hash) in try await c.query("""
                    SELECT seq, hash FROM audit_entries WHERE device_id = \(id) AND seq BETWEEN \(first) AND \(last)
                    """, logger: logger).decode((Int64, ByteBuffer).self) {
                    held[seq] = Array(hash.readableBytesView)
                }
            }
            let fresh = try AuditChain.newEntries(entries, onto: head) { held[$0] }
            for entry in fresh {
                let recordID: ByteBuffer? = entry.recordID.map { Self.buffer($0.bytes) }
                try await c.query("""
                    INSERT INTO audit_entries (device_id, seq, at, actor, action, record_id, previous_hash, hash, received_at)
                    VALUES (\(id), \(entry.seq), \(entry.at), \(entry.actor), \(entry.action), \(recordID), \(Self.buffer(entry.previousHash)),
                            \(Self.buffer(entry.hash)), \(receivedAt))
                    """, logger: logger)
            }
            guard let last = fresh.last else { return head }
            try await c.query("UPDATE audit_heads SET seq = \(last.seq), hash = \(Self.buffer(last.hash)) WHERE device_id = \(id)", logger: logger)
            return AuditHead(seq: last.seq, hash: last.hash)
        }
    }

    public func auditEntries(device: [UInt8], after: Int64, limit: Int) async throws -> [AuditEntry] {
        var out: [AuditEntry] = []
        let rows = try await client.query("""
            SELECT seq, at, actor, action, record_id, previous_hash, hash FROM audit_entries
            WHERE device_id = \(Self.buffer(device)) AND seq > \(after) ORDER BY seq LIMIT \(Int64(clamping: limit))
            """, logger: logger)
        for try await (seq, at, actor, action, recordID, previous, hash) in rows.decode((Int64, Int64, String, String, ByteBuffer?, ByteBuffer, ByteBuffer).self) {
            out.append(AuditEntry(seq: seq, at: at, actor: actor, action: action, recordID: recordID.flatMap { RecordID(bytes: Array($0.readableBytesView)) },
                                  previousHash: Array(previous.readableBytesView), hash: Array(hash.readableBytesView)))
        }
        return out
    }
}
