import Dispatch
import EnrollCore

/// The SQLite storage read for `enroll-ingest audit`, on a read-only connection of its own
/// (as `SQLiteRecordLookup`): beside a serving receiver, changing nothing, and a wrong path
/// is an error instead of a new empty database.
public final class SQLiteAuditLookup: AuditReading, @unchecked Sendable {
    // @unchecked: `database` is touched only on `queue`, a serial queue.
    private let database: SQLiteDatabase
    private let queue = DispatchQueue(label: "enroll-ingest.audit-lookup")
    public let path: String

    public init(path: String) throws(IngestError) {
        self.path = path
        database = try ReceiverDatabaseFile.open(path, access: .readOnly)
    }

    public func auditEntries(device: [UInt8], after: Int64, limit: Int) async throws -> [AuditEntry] {
        let path = self.path
        return try await withCheckedThrowingContinuation { continuation in
            queue.async { [database] in
                continuation.resume(with: Result { () throws(IngestError) -> [AuditEntry] in
                    do {
                        // A database an older `serve` made holds no audit entries yet.
                        guard try SQLiteAuditTables.exists(database) else { return [] }
                        return try SQLiteAuditTables.entries(database, device, after: after, limit: limit)
                    } catch {
                        throw ReceiverDatabaseFile.failure("\(path) is not a readable receiver database: \(error)")
                    }
                })
            }
        }
    }
}
