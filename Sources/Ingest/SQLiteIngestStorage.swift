import Dispatch
import EnrollCore

/// The default storage: one SQLite file, one connection, one serial queue (blocking SQLite
/// calls stay off Swift's cooperative pool).
public final class SQLiteIngestStorage: IngestStorage, @unchecked Sendable {
    // @unchecked: `database` is touched only on `queue`, a serial queue.
    let database: SQLiteDatabase
    let queue = DispatchQueue(label: "enroll-ingest.sqlite")

    /// The file `serve` stores into, created when it does not exist yet.
    public convenience init(path: String) throws {
        try self.init(database: try SQLiteDatabase(path: path, access: .create))
    }

    /// A receiver database that must exist already (`serve` made it), for the one-off
    /// commands that change it (`erase`, `accept-gap`, `import-outbox`): a wrong path is an
    /// error naming it, never a new empty file.
    public convenience init(existing path: String) throws(IngestError) {
        let database = try ReceiverDatabaseFile.open(path, access: .existing)
        do { try self.init(database: database) } catch {
            throw ReceiverDatabaseFile.failure("cannot bring the receiver database \(ReceiverDatabaseFile.absolute(path)) up to date: \(error)")
        }
    }

    init(database: SQLiteDatabase) throws {
        self.database = database
        try database.makeDurable()
        try database.execute("""
            CREATE TABLE IF NOT EXISTS records (
                device_id BLOB NOT NULL, sequence INTEGER NOT NULL, record_id BLOB NOT NULL UNIQUE,
                envelope_hash BLOB NOT NULL, envelope BLOB NOT NULL, received_at INTEGER NOT NULL,
                PRIMARY KEY (device_id, sequence));
            CREATE TABLE IF NOT EXISTS heads (device_id BLOB PRIMARY KEY, sequence INTEGER NOT NULL, hash BLOB NOT NULL);
            """)
        try database.execute(Self.gapTables)
        try database.execute(SQLiteAuditTables.schema)
    }

    func onQueue<T: Sendable>(_ work: @escaping @Sendable (SQLiteDatabase) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { [database] in continuation.resume(with: Result { try work(database) }) }
        }
    }

    static func head(_ db: SQLiteDatabase, _ device: [UInt8]) throws -> ChainHead {
        guard let row = try db.query("SELECT sequence, hash FROM heads WHERE device_id = ?1", .blob(device)).first else { return .genesis }
        return ChainHead(sequence: UInt64(row[0].int), hash: row[1].bytes)
    }

    public func head(device: [UInt8]) async throws -> ChainHead {
        try await onQueue { try Self.head($0, device) }
    }

    public func store(device: [UInt8], records: [CheckedEnvelope], receivedAt: Int64) async throws -> [IngestDecision] {
        try await onQueue { db in
            try db.execute("BEGIN IMMEDIATE")
            do {
                var head = try Self.head(db, device)
                var decisions: [IngestDecision] = []
                for record in records {
                    let existing = try db.query("SELECT envelope_hash FROM records WHERE record_id = ?1", .blob(record.envelope.recordID.bytes)).first?[0].bytes
                    let decision = IngestRules.decide(record.envelope, hash: record.hash, head: head, storedHashForID: existing)
                    if decision == .store {
                        try db.query("INSERT INTO records (device_id, sequence, record_id, envelope_hash, envelope, received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                     .blob(device), .integer(Int64(record.envelope.sequence)), .blob(record.envelope.recordID.bytes),
                                     .blob(record.hash), .blob(record.bytes), .integer(receivedAt))
                        head = ChainHead(sequence: record.envelope.sequence, hash: record.hash)
                    }
                    decisions.append(decision)
                }
                try db.query("INSERT INTO heads (device_id, sequence, hash) VALUES (?1, ?2, ?3) ON CONFLICT(device_id) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash",
                             .blob(device), .integer(Int64(head.sequence)), .blob(head.hash))
                try db.execute("COMMIT")
                return decisions
            } catch {
                try? db.execute("ROLLBACK")
                throw error
            }
        }
    }

    public func stored(device: [UInt8]) async throws -> [(sequence: UInt64, hash: [UInt8])] {
        try await onQueue { db in
            try db.query("SELECT sequence, envelope_hash FROM records WHERE device_id = ?1 ORDER BY sequence", .blob(device))
                .map { (UInt64($0[0].int), $0[1].bytes) }
        }
    }
}
