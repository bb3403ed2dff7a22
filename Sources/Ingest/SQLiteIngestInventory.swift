import Foundation

/// The SQLite storage read for the operator's report, on a read-only connection of its
/// own: it may run beside a serving receiver (WAL lets it read while that one writes), and
/// a wrong path is an error instead of a new empty database.
public final class SQLiteIngestInventory: IngestInventory, @unchecked Sendable {
    // @unchecked: `database` is touched only on `queue`, a serial queue.
    private let database: SQLiteDatabase
    private let queue = DispatchQueue(label: "enroll-ingest.inventory")
    public let path: String

    public init(path: String) throws(IngestError) {
        self.path = path
        database = try ReceiverDatabaseFile.open(path, access: .readOnly)
    }

    public func storedDevices() async throws -> [StoredDevice] {
        let path = self.path
        return try await withCheckedThrowingContinuation { continuation in
            queue.async { [database] in
                continuation.resume(with: Result { () throws(IngestError) -> [StoredDevice] in
                    do {
                        // The head record's arrival by the primary key (device, sequence):
                        // no scan of a device's records however many there are. -1 for none
                        // (the query layer reads NULL as 0).
                        // A noted gap counts only while the head stands where it was seen. A file
                        // from before gaps were noted has no such table: no gap, and nothing created.
                        let gapsExist = try database.query("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'gaps'").first?[0].int == 1
                        let gapColumn = gapsExist
                            ? "COALESCE((SELECT g.next_sequence FROM gaps g WHERE g.device_id = h.device_id AND g.head_sequence = h.sequence), 0)" : "0"
                        // The audit head by the primary key (device, seq); none in a file an
                        // older serve made.
                        let auditColumn = try SQLiteAuditTables.exists(database)
                            ? "COALESCE((SELECT a.seq FROM audit_entries a WHERE a.device_id = h.device_id ORDER BY a.seq DESC LIMIT 1), 0)" : "0"
                        return try database.query("""
                            SELECT h.device_id, h.sequence,
                                   COALESCE((SELECT r.received_at FROM records r WHERE r.device_id = h.device_id ORDER BY r.sequence DESC LIMIT 1), -1),
                                   \(gapColumn), \(auditColumn)
                            FROM heads h
                            """).map { row in
                            let head = UInt64(max(0, row[1].int))
                            return StoredDevice(deviceID: row[0].bytes, headSequence: head, lastReceivedAt: row[2].int >= 0 ? row[2].int : nil,
                                                missing: StoredDevice.missing(head: head, gapNext: row[3].int), auditHead: row[4].int)
                        }
                    } catch {
                        throw ReceiverDatabaseFile.failure("\(path) is not a readable receiver database: \(error)")
                    }
                })
            }
        }
    }
}
