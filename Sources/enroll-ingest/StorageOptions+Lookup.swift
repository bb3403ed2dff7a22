import Ingest
import IngestPostgres
import Logging

/// The storage `find` and `export` read, opened as `list` opens it: SQLite read-only beside
/// a running receiver (a wrong path is an error, never a new file), or PostgreSQL without
/// migrating (they change nothing). `close()` stops PostgreSQL's connection pool.
struct OpenedLookup {
    let lookup: any IngestRecordLookup
    private let pool: Task<Void, Never>?

    init(_ options: StorageOptions, logger: Logger) async throws {
        if let pg = try await options.postgresStorage(logger: logger) {
            pool = Task { await pg.run() }
            lookup = pg
        } else {
            pool = nil
            do { lookup = try SQLiteRecordLookup(path: options.database) } catch { throw ValidationFailure(error.message) }
        }
    }

    func close() { pool?.cancel() }
}
