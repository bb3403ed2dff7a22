import Foundation
import Ingest
import IngestPostgres
import Logging

/// The storage a one-off command (import-outbox, erase, accept-gap) works on, opened and
/// migrated; `close()` stops PostgreSQL's connection pool.
struct OpenedStorage {
    let storage: any IngestStorage & IngestGapStorage
    private let pool: Task<Void, Never>?

    /// `mustExist`: refuse a SQLite path where `serve` made no receiver database (missing, a
    /// folder, another kind of file) with a message naming it, instead of creating an empty
    /// one and finding nothing there, or importing into a file the receiver never reads.
    /// Every command wants that (`serve` opens its own storage and creates it); `false`
    /// is for a tool that starts a new receiver database on purpose.
    init(_ options: StorageOptions, logger: Logger, mustExist: Bool = true) async throws {
        if let pg = try await options.postgresStorage(logger: logger) {
            pool = Task { await pg.run() }
            do { try await pg.migrate() } catch {
                pool?.cancel()
                throw error
            }
            storage = pg
        } else {
            pool = nil
            do { storage = mustExist ? try SQLiteIngestStorage(existing: options.database) : try SQLiteIngestStorage(path: options.database) }
            catch let error as IngestError { throw ValidationFailure(error.message) }
        }
    }

    func close() { pool?.cancel() }
}
