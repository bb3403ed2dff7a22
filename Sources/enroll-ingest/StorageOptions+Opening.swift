import Foundation
import Ingest
import IngestPostgres
import Logging

/// The storage a one-off command (import-outbox, erase, accept-gap) works on, opened and
/// migrated; `close()` stops PostgreSQL's connection pool.
struct OpenedStorage {
    let storage: any IngestStorage & IngestGapStorage
    private let pool: Task<Void, Never>?

    /// `mustExist`: a command that only changes what is stored (erase, accept-gap) refuses a
    /// SQLite path with no database, instead of creating an empty one and finding nothing.
    init(_ options: StorageOptions, logger: Logger, mustExist: Bool = false) async throws {
        if let pg = try await options.postgresStorage(logger: logger) {
            pool = Task { await pg.run() }
            do { try await pg.migrate() } catch {
                pool?.cancel()
                throw error
            }
            storage = pg
        } else {
            if mustExist && !FileManager.default.fileExists(atPath: options.database) {
                throw ValidationFailure("no database at \(options.database)")
            }
            pool = nil
            storage = try SQLiteIngestStorage(path: options.database)
        }
    }

    func close() { pool?.cancel() }
}
