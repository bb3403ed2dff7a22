import CSQLite

/// Reads the envelopes of a kiosk's outbox database (its `enrolld.sqlite`), read-only and
/// in sequence order, for `import-outbox`. A damaged file is read as far as SQLite can:
/// what came before the first unreadable row is kept, and the error says where it stopped.
struct OutboxReader {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The envelopes read, and why reading stopped early (nil when it read them all).
    static func read(path: String) throws(Failure) -> (envelopes: [[UInt8]], stopped: String?) {
        var db: OpaquePointer?
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, nil) == SQLITE_OK else {
            defer { sqlite3_close_v2(db) }
            throw Failure(description: "cannot open \(path): \(message(db))")
        }
        defer { sqlite3_close_v2(db) }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, "SELECT sequence, envelope FROM outbox ORDER BY sequence", -1, &statement, nil) == SQLITE_OK else {
            throw Failure(description: "\(path) is not a readable enrolld outbox: \(message(db))")
        }
        defer { sqlite3_finalize(statement) }
        var envelopes: [[UInt8]] = []
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { return (envelopes, nil) }
            guard rc == SQLITE_ROW else {
                let after = envelopes.isEmpty ? "before the first record" : "after \(envelopes.count) records"
                return (envelopes, "reading stopped \(after): \(message(db))")
            }
            let count = Int(sqlite3_column_bytes(statement, 1))
            if count > 0, let pointer = sqlite3_column_blob(statement, 1) {
                envelopes.append(Array(UnsafeRawBufferPointer(start: pointer, count: count)))
            } else {
                envelopes.append([])
            }
        }
    }

    private static func message(_ db: OpaquePointer?) -> String {
        db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
    }
}
