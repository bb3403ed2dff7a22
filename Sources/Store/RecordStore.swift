#if canImport(Glibc)
import Glibc
#endif
import Crypto
import EnrollCore
import Foundation

/// The kiosk's database: outbox, receipts, gallery, operators and audit log in one SQLite
/// file, WAL mode, `synchronous=FULL`, `secure_delete=ON`, behind exactly one connection
/// for the whole process (Debian 12's SQLite 3.40.1 has a WAL-reset race between two
/// writers). Every call blocks its caller for at most one transaction and its fsyncs, so
/// async code does not call it directly: the daemon and the uploader go through
/// `StoreThread`, which runs every call on a thread of its own. The crash writer, the
/// benches and the store's tests call it directly.
public final class RecordStore: @unchecked Sendable {
    // @unchecked: the one connection is only touched inside `lock`; everything else is immutable.
    /// The database file's name inside the state directory.
    public static let fileName = "enrolld.sqlite"

    /// Capacity and retention settings.
    public struct Limits: Sendable, Equatable {
        /// The most bytes of envelopes the outbox may hold before new sessions are refused.
        public var maximumQueueBytes: Int
        /// The least free space on the state disk before new sessions are refused.
        public var minimumFreeBytes: Int
        /// How long a receipted record is kept before it is purged.
        public var retentionMilliseconds: Int64

        public init(maximumQueueBytes: Int, minimumFreeBytes: Int, retentionMilliseconds: Int64) {
            self.maximumQueueBytes = maximumQueueBytes
            self.minimumFreeBytes = minimumFreeBytes
            self.retentionMilliseconds = retentionMilliseconds
        }
    }

    public let directory: String
    public let path: String
    public let limits: Limits
    private let connection: SQLiteConnection
    private let lock = NSLock()
    /// The chain witness beside the database (RecordStore+Witness.swift).
    let witness = WitnessKeeper()

    private init(directory: String, path: String, limits: Limits, connection: SQLiteConnection) {
        self.directory = directory
        self.path = path
        self.limits = limits
        self.connection = connection
    }

    /// Opens (or creates) the store in `directory`. An existing database first passes
    /// `PRAGMA quick_check`; one that fails is moved, with its WAL, into
    /// `directory/damaged/<time>/` — never deleted — and `StoreError.damaged` is thrown.
    public static func open(directory: String, limits: Limits) throws(StoreError) -> RecordStore {
        let path = directory + "/" + fileName
        let existed = access(path, F_OK) == 0
        var connection: SQLiteConnection? = try SQLiteConnection(path: path, create: true)
        if existed, let problem = try StoreOpening.damage(in: connection!) {
            connection = nil  // closed before its files move
            let kept = try StoreOpening.keepAside(path: path, directory: directory)
            throw .damaged(keptAt: kept, detail: problem)
        }
        chmod(path, 0o600)
        try StoreOpening.configure(connection!)
        try Migrations.apply(to: connection!)
        return RecordStore(directory: directory, path: path, limits: limits, connection: connection!)
    }

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction on the writer; rolls back on any
    /// error, including a failed COMMIT (ENOSPC), so the connection stays usable.
    func write<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        do {
            try connection.execute("BEGIN IMMEDIATE")
            do {
                let result = try body(connection)
                try connection.execute("COMMIT")
                return result
            } catch {
                if connection.inTransaction { try? connection.execute("ROLLBACK") }
                throw error
            }
        }
    }

    /// Runs a read on the writer connection (there is only one).
    func read<T>(_ body: (SQLiteConnection) throws(StoreError) -> T) throws(StoreError) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(connection)
    }

    /// `PRAGMA integrity_check`'s lines: `["ok"]` for a sound database.
    public func integrityCheck() throws(StoreError) -> [String] {
        try read { c throws(StoreError) in try c.texts("PRAGMA integrity_check") }
    }

    /// The values of the pragmas the store relies on, for tests and diagnostics.
    public func pragmas() throws(StoreError) -> [String: String] {
        try read { c throws(StoreError) in
            var values: [String: String] = [:]
            for name in ["journal_mode", "synchronous", "secure_delete", "foreign_keys"] {
                values[name] = try c.scalarText("PRAGMA \(name)") ?? ""
            }
            return values
        }
    }

    /// The names of the applied migrations, in order.
    public func appliedMigrations() throws(StoreError) -> [String] {
        try read { c throws(StoreError) in try c.texts("SELECT name FROM schema_migrations ORDER BY rowid") }
    }

    static func sha256(_ bytes: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: bytes)) }
}
