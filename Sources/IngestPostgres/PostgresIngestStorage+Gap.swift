import EnrollCore
import Ingest
import Logging
import NIOCore
import PostgresNIO

/// Gaps and the operator's acknowledgements in PostgreSQL. The tables are created on first
/// use (`migrate` stays as it was): a receiver that never sees a gap never needs them.
extension PostgresIngestStorage: IngestGapStorage {
    func migrateGaps() async throws {
        try await client.query("""
            CREATE TABLE IF NOT EXISTS gaps (
                device_id BYTEA PRIMARY KEY, head_sequence BIGINT NOT NULL, next_sequence BIGINT NOT NULL,
                previous_hash BYTEA NOT NULL, seen_at BIGINT NOT NULL)
            """, logger: logger)
        try await client.query("""
            CREATE TABLE IF NOT EXISTS gap_acknowledgements (
                device_id BYTEA NOT NULL, from_sequence BIGINT NOT NULL, through_sequence BIGINT NOT NULL,
                previous_hash BYTEA NOT NULL, acknowledged_at BIGINT NOT NULL, acknowledged_by TEXT NOT NULL,
                PRIMARY KEY (device_id, from_sequence))
            """, logger: logger)
    }

    public func noteGap(device: [UInt8], gap: ChainGap) async throws {
        try await migrateGaps()
        try await client.query("""
            INSERT INTO gaps (device_id, head_sequence, next_sequence, previous_hash, seen_at)
            VALUES (\(Self.buffer(device)), \(Int64(gap.headSequence)), \(Int64(gap.nextSequence)), \(Self.buffer(gap.previousHash)), \(gap.seenAt))
            ON CONFLICT (device_id) DO UPDATE SET head_sequence = excluded.head_sequence, next_sequence = excluded.next_sequence,
                previous_hash = excluded.previous_hash, seen_at = excluded.seen_at
            """, logger: logger)
    }

    public func currentGap(device: [UInt8]) async throws -> ChainGap? {
        try await migrateGaps()
        let logger = self.logger
        guard let gap = try await client.withConnection({ c in try await Self.gap(c, device, logger: logger, lock: false) }) else { return nil }
        return try await head(device: device).sequence == gap.headSequence ? gap : nil
    }

    static func gap(_ c: PostgresConnection, _ device: [UInt8], logger: Logger, lock: Bool) async throws -> ChainGap? {
        let query: PostgresQuery = lock
            ? "SELECT head_sequence, next_sequence, previous_hash, seen_at FROM gaps WHERE device_id = \(buffer(device)) FOR UPDATE"
            : "SELECT head_sequence, next_sequence, previous_hash, seen_at FROM gaps WHERE device_id = \(buffer(device))"
        for try await (head, next, hash, seen) in try await c.query(query, logger: logger).decode((Int64, Int64, ByteBuffer, Int64).self) {
            return ChainGap(headSequence: UInt64(head), nextSequence: UInt64(next), previousHash: Array(hash.readableBytesView), seenAt: seen)
        }
        return nil
    }

    public func acceptGap(device: [UInt8], after: UInt64, at: Int64, by: String) async throws -> ChainGap {
        try await migrateGaps()
        let id = Self.buffer(device)
        let genesis = Self.buffer(ChainHead.genesis.hash)
        let logger = self.logger
        // A refusal is returned, not thrown, out of the transaction (which then changed
        // nothing): PostgresNIO wraps whatever a transaction's body throws.
        let outcome: Result<ChainGap, IngestError> = try await client.withTransaction(logger: logger) { c in
            try await c.query("SET LOCAL synchronous_commit = on", logger: logger)
            // The same lock `store` takes: no batch moves the head while this decides.
            try await c.query("INSERT INTO heads (device_id, sequence, hash) VALUES (\(id), 0, \(genesis)) ON CONFLICT DO NOTHING", logger: logger)
            var head = ChainHead.genesis
            for try await (sequence, hash) in try await c.query("SELECT sequence, hash FROM heads WHERE device_id = \(id) FOR UPDATE", logger: logger)
                .decode((Int64, ByteBuffer).self) {
                head = ChainHead(sequence: UInt64(sequence), hash: Array(hash.readableBytesView))
            }
            let gap = try await Self.gap(c, device, logger: logger, lock: true)
            do { try GapAcceptance.check(gap: gap, head: head, after: after) } catch let refusal as IngestError { return .failure(refusal) }
            let accepted = gap!
            try await c.query("UPDATE heads SET sequence = \(Int64(after)), hash = \(Self.buffer(accepted.previousHash)) WHERE device_id = \(id)", logger: logger)
            try await c.query("""
                INSERT INTO gap_acknowledgements (device_id, from_sequence, through_sequence, previous_hash, acknowledged_at, acknowledged_by)
                VALUES (\(id), \(Int64(accepted.missing.lowerBound)), \(Int64(after)), \(Self.buffer(accepted.previousHash)), \(at), \(by))
                """, logger: logger)
            try await c.query("DELETE FROM gaps WHERE device_id = \(id)", logger: logger)
            return .success(accepted)
        }
        return try outcome.get()
    }
}
