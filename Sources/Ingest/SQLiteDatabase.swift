import CSQLite

/// The receiver's one SQLite connection through the C API, in the Store's style: every
/// pragma set here, nothing hidden by a wrapper. Not thread-safe: `SQLiteIngestStorage`
/// uses it from its one serial queue.
final class SQLiteDatabase: @unchecked Sendable {
    // @unchecked: SQLITE_OPEN_NOMUTEX; safe because its one owner touches it only on a serial queue.
    enum Value {
        case integer(Int64)
        case blob([UInt8])
        case text(String)
        case null
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let handle: OpaquePointer
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// How a file is opened: `serve` creates its database; the one-off commands that change
    /// it open an existing one only, and the reports read one beside a running receiver.
    enum Access {
        case create
        case existing
        case readOnly
    }

    init(path: String, access: Access = .create) throws {
        var db: OpaquePointer?
        let flags = switch access {
        case .create: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        case .existing: SQLITE_OPEN_READWRITE
        case .readOnly: SQLITE_OPEN_READONLY
        }
        let rc = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            sqlite3_close_v2(db)
            throw Failure(description: "cannot open \(path): \(String(cString: sqlite3_errstr(rc))) (SQLite error \(rc))")
        }
        handle = db
        // Nothing else here: a file is looked at (`ReceiverDatabaseFile`) before anything is
        // written to it, even the WAL setting in its header.
        try execute("PRAGMA busy_timeout = 5000")
    }

    /// For the connection that stores: a receipt promises the record is durable, so WAL
    /// with a full fsync per commit.
    func makeDurable() throws {
        try execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON")
    }

    deinit { sqlite3_close_v2(handle) }

    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        guard rc == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? ""
            sqlite3_free(message)
            throw Failure(description: "SQLite error \(rc): \(text)")
        }
    }

    /// Runs a query and returns its rows (integers, blobs and text; NULL reads as integer 0).
    @discardableResult
    func query(_ sql: String, _ values: Value...) throws -> [[Value]] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw Failure(description: "prepare: \(String(cString: sqlite3_errmsg(handle)))")
        }
        defer { sqlite3_finalize(statement) }
        for (index, value) in values.enumerated() {
            let position = Int32(index + 1)
            switch value {
            case .integer(let v): sqlite3_bind_int64(statement, position, v)
            case .blob(let v):
                v.withUnsafeBytes { _ = sqlite3_bind_blob64(statement, position, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1), UInt64($0.count), Self.transient) }
            case .text(let v): sqlite3_bind_text(statement, position, v, -1, Self.transient)
            case .null: sqlite3_bind_null(statement, position)
            }
        }
        var rows: [[Value]] = []
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw Failure(description: "step: \(String(cString: sqlite3_errmsg(handle)))") }
            var row: [Value] = []
            for column in 0..<sqlite3_column_count(statement) {
                let type = sqlite3_column_type(statement, column)
                if type == SQLITE_TEXT {
                    // The audit entries' actor and action; no other column is text.
                    row.append(.text(sqlite3_column_text(statement, column).map { String(cString: $0) } ?? ""))
                } else if type == SQLITE_BLOB {
                    let count = Int(sqlite3_column_bytes(statement, column))
                    let pointer = sqlite3_column_blob(statement, column)
                    row.append(.blob(count == 0 || pointer == nil ? [] : Array(UnsafeRawBufferPointer(start: pointer, count: count))))
                } else {
                    row.append(.integer(sqlite3_column_int64(statement, column)))
                }
            }
            rows.append(row)
        }
        return rows
    }
}

extension SQLiteDatabase.Value {
    var int: Int64 { if case .integer(let v) = self { v } else { 0 } }
    var bytes: [UInt8] { if case .blob(let v) = self { v } else { [] } }
    var text: String { if case .text(let v) = self { v } else { "" } }
}
