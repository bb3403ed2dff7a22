import CSQLite

/// One SQLite connection through the C API. Not thread-safe by itself: `RecordStore`
/// owns exactly one and serializes every use behind its mutex.
final class SQLiteConnection {
    private let handle: OpaquePointer

    /// Opens (creating if asked) the database file.
    init(path: String, create: Bool) throws(StoreError) {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw .sqlite("open", code: rc, message: message)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Runs SQL with no results (several statements allowed).
    func execute(_ sql: String) throws(StoreError) {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? ""
            sqlite3_free(message)
            throw error(rc, "exec", text)
        }
    }

    func prepare(_ sql: String) throws(StoreError) -> Statement {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, 0, &statement, nil)
        guard rc == SQLITE_OK, let statement else { throw error(rc, "prepare") }
        return Statement(handle: statement, connection: self)
    }

    /// Makes closing this connection leave the WAL for the next open to recover instead of
    /// checkpointing it into the database first. Returns whether the setting took.
    func skipCheckpointOnClose() -> Bool {
        CSQLite_setNoCheckpointOnClose(handle, 1) == 1
    }

    /// Whether a transaction is open (after a failed COMMIT SQLite may or may not have
    /// rolled back by itself; this tells which).
    var inTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Rows the last INSERT, UPDATE or DELETE changed.
    var changes: Int { Int(sqlite3_changes64(handle)) }

    /// The one text value of a single-row query (PRAGMAs).
    func scalarText(_ sql: String) throws(StoreError) -> String? {
        let statement = try prepare(sql)
        guard try statement.step() else { return nil }
        return statement.text(0)
    }

    /// Every first-column text value of a query.
    func texts(_ sql: String) throws(StoreError) -> [String] {
        let statement = try prepare(sql)
        var rows: [String] = []
        while try statement.step() { rows.append(statement.text(0) ?? "") }
        return rows
    }

    /// Maps an SQLite result code to a `StoreError`; SQLITE_FULL (ENOSPC) gets its own.
    func error(_ rc: Int32, _ operation: String, _ message: String? = nil) -> StoreError {
        let primary = rc & 0xFF
        if primary == SQLITE_FULL { return .diskFull(operation) }
        return .sqlite(operation, code: rc, message: message ?? String(cString: sqlite3_errmsg(handle)))
    }
}
