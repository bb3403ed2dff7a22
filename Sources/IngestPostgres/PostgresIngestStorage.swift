import EnrollCore
import Foundation
import Ingest
import Logging
import NIOCore
import PostgresNIO

/// Storage on a PostgreSQL server, for a central site that outgrows one SQLite file. Same
/// rules, same transaction shape as `SQLiteIngestStorage`; concurrent batches from one
/// device serialize on its `heads` row (`SELECT … FOR UPDATE`). `client` is a Service:
/// the receiver runs it in its service group.
public final class PostgresIngestStorage: IngestStorage {
    public let client: PostgresClient
    public let endpoint: PostgresEndpoint
    let logger: Logger

    /// `url`: postgres://user[:password]@host[:port]/database[?sslmode=…], with the TLS
    /// settings the URL alone gives (`PostgresEndpoint` has the rules).
    /// `password`, when given, wins over one in the URL: a password in the URL is on the
    /// command line, which every local user can read in /proc.
    public convenience init(url: String, password: String? = nil, logger: Logger) throws {
        try self.init(endpoint: PostgresEndpoint(url: url, password: password), logger: logger)
    }

    /// Connects as `endpoint` says: TLS with the server verified (`verifyFull`), or plain TCP.
    public init(endpoint: PostgresEndpoint, logger: Logger) throws {
        self.endpoint = endpoint
        client = PostgresClient(configuration: try endpoint.clientConfiguration())
        self.logger = logger
    }

    /// Runs the connection pool until cancelled (what the service group does with `client`).
    public func run() async { await client.run() }

    /// Creates the tables if missing (needs `client.run()` going).
    public func migrate() async throws {
        try await client.query("""
            CREATE TABLE IF NOT EXISTS records (
                device_id BYTEA NOT NULL, sequence BIGINT NOT NULL, record_id BYTEA NOT NULL UNIQUE,
                envelope_hash BYTEA NOT NULL, envelope BYTEA NOT NULL, received_at BIGINT NOT NULL,
                PRIMARY KEY (device_id, sequence))
            """, logger: logger)
        try await client.query("CREATE TABLE IF NOT EXISTS heads (device_id BYTEA PRIMARY KEY, sequence BIGINT NOT NULL, hash BYTEA NOT NULL)", logger: logger)
        for statement in Self.auditSchema { try await client.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
    }

    static func buffer(_ bytes: [UInt8]) -> ByteBuffer { ByteBuffer(bytes: bytes) }

    public func head(device: [UInt8]) async throws -> ChainHead {
        let rows = try await client.query("SELECT sequence, hash FROM heads WHERE device_id = \(Self.buffer(device))", logger: logger)
        for try await (sequence, hash) in rows.decode((Int64, ByteBuffer).self) {
            return ChainHead(sequence: UInt64(sequence), hash: Array(hash.readableBytesView))
        }
        return .genesis
    }

    public func store(device: [UInt8], records: [CheckedEnvelope], receivedAt: Int64) async throws -> [IngestDecision] {
        let id = Self.buffer(device)
        let genesis = Self.buffer(ChainHead.genesis.hash)
        let logger = self.logger
        return try await client.withTransaction(logger: logger) { c in
            // Receipts are signed once this commits: a server or role configured with
            // asynchronous commit must not let a receipt out for a record a crash can lose.
            try await c.query("SET LOCAL synchronous_commit = on", logger: logger)
            try await c.query("INSERT INTO heads (device_id, sequence, hash) VALUES (\(id), 0, \(genesis)) ON CONFLICT DO NOTHING", logger: logger)
            var head = ChainHead.genesis
            for try await (sequence, hash) in try await c.query("SELECT sequence, hash FROM heads WHERE device_id = \(id) FOR UPDATE", logger: logger)
                .decode((Int64, ByteBuffer).self) {
                head = ChainHead(sequence: UInt64(sequence), hash: Array(hash.readableBytesView))
            }
            var decisions: [IngestDecision] = []
            for record in records {
                var existing: [UInt8]?
                let recordID = Self.buffer(record.envelope.recordID.bytes)
                for try await hash in try await c.query("SELECT envelope_hash FROM records WHERE record_id = \(recordID)", logger: logger)
                    .decode(ByteBuffer.self) {
                    existing = Array(hash.readableBytesView)
                }
                let decision = IngestRules.decide(record.envelope, hash: record.hash, head: head, storedHashForID: existing)
                if decision == .store {
                    try await c.query("""
                        INSERT INTO records (device_id, sequence, record_id, envelope_hash, envelope, received_at)
                        VALUES (\(id), \(Int64(record.envelope.sequence)), \(recordID), \(Self.buffer(record.hash)), \(Self.buffer(record.bytes)), \(receivedAt))
                        """, logger: logger)
                    head = ChainHead(sequence: record.envelope.sequence, hash: record.hash)
                }
                decisions.append(decision)
            }
            try await c.query("UPDATE heads SET sequence = \(Int64(head.sequence)), hash = \(Self.buffer(head.hash)) WHERE device_id = \(id)", logger: logger)
            return decisions
        }
    }

    public func stored(device: [UInt8]) async throws -> [(sequence: UInt64, hash: [UInt8])] {
        var out: [(sequence: UInt64, hash: [UInt8])] = []
        let rows = try await client.query("SELECT sequence, envelope_hash FROM records WHERE device_id = \(Self.buffer(device)) ORDER BY sequence", logger: logger)
        for try await (sequence, hash) in rows.decode((Int64, ByteBuffer).self) {
            out.append((UInt64(sequence), Array(hash.readableBytesView)))
        }
        return out
    }
}
