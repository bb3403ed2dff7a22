import Ingest
import IngestPostgres
import Logging

/// The storage a one-off command (import-outbox, erase) works on, opened and migrated;
/// `close()` stops PostgreSQL's connection pool.
struct OpenedStorage {
    let storage: any IngestStorage
    private let pool: Task<Void, Never>?

    init(_ options: StorageOptions, logger: Logger) async throws {
        if let pg = try await options.postgresStorage(logger: logger) {
            pool = Task { await pg.run() }
            do { try await pg.migrate() } catch {
                pool?.cancel()
                throw error
            }
            storage = pg
        } else {
            pool = nil
            storage = try SQLiteIngestStorage(path: options.database)
        }
    }

    func close() { pool?.cancel() }
}
