import CSQLite

/// A prepared statement; finalized when released.
final class Statement {
    private let handle: OpaquePointer
    private let connection: SQLiteConnection
    /// `SQLITE_TRANSIENT` is a macro Swift does not import: SQLite copies the bound bytes.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(handle: OpaquePointer, connection: SQLiteConnection) {
        self.handle = handle
        self.connection = connection
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds values to `?1`, `?2`, … in order.
    @discardableResult
    func bind(_ values: SQLValue...) throws(StoreError) -> Statement {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (index, value) in values.enumerated() {
            let position = Int32(index + 1)
            let rc: Int32 = switch value {
            case .null: sqlite3_bind_null(handle, position)
            case .integer(let v): sqlite3_bind_int64(handle, position, v)
            case .text(let v): sqlite3_bind_text(handle, position, v, -1, Self.transient)
            case .blob(let v): v.withUnsafeBytes { sqlite3_bind_blob64(handle, position, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1), UInt64($0.count), Self.transient) }
            }
            guard rc == SQLITE_OK else { throw connection.error(rc, "bind") }
        }
        return self
    }

    /// Advances; true while there is a row.
    func step() throws(StoreError) -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = connection.error(rc, "step")
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Steps to completion (INSERT, UPDATE, DELETE).
    func run() throws(StoreError) {
        while try step() {}
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    func text(_ column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(handle, column) else { return nil }
        return String(cString: pointer)
    }

    func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let pointer = sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}

/// A value bound to a statement parameter.
enum SQLValue {
    case null
    case integer(Int64)
    case text(String)
    case blob([UInt8])
}
