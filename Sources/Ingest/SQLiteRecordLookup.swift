import EnrollCore
import Foundation

/// The SQLite storage read for `find` and `export`, on a read-only connection of its own
/// (as `SQLiteIngestInventory`): it runs beside a serving receiver, changes nothing, and a
/// wrong path is an error instead of a new empty database.
public final class SQLiteRecordLookup: IngestRecordLookup, @unchecked Sendable {
    // @unchecked: `database` is touched only on `queue`, a serial queue.
    private let database: SQLiteDatabase
    private let queue = DispatchQueue(label: "enroll-ingest.lookup")
    public let path: String

    public init(path: String) throws(IngestError) {
        self.path = path
        database = try ReceiverDatabaseFile.open(path, access: .readOnly)
    }

    private func read<T: Sendable>(_ work: @escaping @Sendable (SQLiteDatabase) throws -> T) async throws -> T {
        let path = self.path
        return try await withCheckedThrowingContinuation { continuation in
            queue.async { [database] in
                continuation.resume(with: Result { () throws(IngestError) -> T in
                    do { return try work(database) } catch {
                        throw ReceiverDatabaseFile.failure("\(path) is not a readable receiver database: \(error)")
                    }
                })
            }
        }
    }

    static let columns = "record_id, device_id, sequence, received_at, length(envelope) = 0"

    static func record(_ row: [SQLiteDatabase.Value]) -> StoredRecord? {
        guard let id = RecordID(bytes: row[0].bytes) else { return nil }
        return StoredRecord(recordID: id, deviceID: row[1].bytes, sequence: UInt64(max(0, row[2].int)), receivedAt: row[3].int, erased: row[4].int != 0)
    }

    public func records(matching reference: RecordReference) async throws -> [StoredRecord] {
        try await read { db in
            let rows: [[SQLiteDatabase.Value]]
            switch reference {
            case .full(let id):
                rows = try db.query("SELECT \(Self.columns) FROM records WHERE record_id = ?1", .blob(id.bytes))
            case .short(let tail):
                // The inner query scans only the record-id index (SQLite: "USING COVERING
                // INDEX"), 16 bytes a record; the table, whose rows carry the envelopes, is
                // read for the matches alone. Byte positions: a blob compares exactly.
                rows = try db.query("""
                    SELECT \(Self.columns) FROM records WHERE record_id IN
                        (SELECT record_id FROM records WHERE length(record_id) = 16 AND substr(record_id, 13, 4) = ?1)
                    ORDER BY record_id
                    """, .blob(tail))
            }
            return rows.compactMap(Self.record)
        }
    }

    public func envelope(recordID: RecordID) async throws -> (record: StoredRecord, envelope: [UInt8])? {
        try await read { db in
            guard let row = try db.query("SELECT \(Self.columns), envelope FROM records WHERE record_id = ?1", .blob(recordID.bytes)).first,
                  let record = Self.record(row)
            else { return nil }
            return (record, row[5].bytes)
        }
    }
}
