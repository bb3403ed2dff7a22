import EnrollCore

/// The audit entries' table in a SQLite receiver database, and reading its rows; shared by
/// the storing connection and the read-only one of `enroll-ingest audit`.
enum SQLiteAuditTables {
    static let schema = """
        CREATE TABLE IF NOT EXISTS audit_entries (
            device_id BLOB NOT NULL, seq INTEGER NOT NULL, at INTEGER NOT NULL,
            actor TEXT NOT NULL, action TEXT NOT NULL, record_id BLOB,
            previous_hash BLOB NOT NULL, hash BLOB NOT NULL, received_at INTEGER NOT NULL,
            PRIMARY KEY (device_id, seq));
        """

    static let columns = "seq, at, actor, action, record_id, previous_hash, hash"

    static func entry(_ row: [SQLiteDatabase.Value]) -> AuditEntry {
        AuditEntry(seq: row[0].int, at: row[1].int, actor: row[2].text, action: row[3].text, recordID: RecordID(bytes: row[4].bytes),
                   previousHash: row[5].bytes, hash: row[6].bytes)
    }

    static func head(_ db: SQLiteDatabase, _ device: [UInt8]) throws -> AuditHead {
        guard let row = try db.query("SELECT seq, hash FROM audit_entries WHERE device_id = ?1 ORDER BY seq DESC LIMIT 1", .blob(device)).first else { return .genesis }
        return AuditHead(seq: row[0].int, hash: row[1].bytes)
    }

    static func entries(_ db: SQLiteDatabase, _ device: [UInt8], after: Int64, limit: Int) throws -> [AuditEntry] {
        try db.query("SELECT \(columns) FROM audit_entries WHERE device_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
                     .blob(device), .integer(after), .integer(Int64(clamping: limit)))
            .map(entry)
    }

    /// Whether a database made by an older `serve` has the table yet (a read-only reader
    /// cannot create it).
    static func exists(_ db: SQLiteDatabase) throws -> Bool {
        try db.query("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'audit_entries'").first?.first?.int == 1
    }
}
