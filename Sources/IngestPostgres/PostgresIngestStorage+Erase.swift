import Ingest
import PostgresNIO

extension PostgresIngestStorage {
    /// The envelope becomes empty in one transaction (the row locked against a concurrent
    /// upload of the same record), then `VACUUM records` lets PostgreSQL reuse the old row
    /// version's space. The bytes stay in the data files until reused, and in base backups
    /// and archived WAL until those expire (README, "Erasing a record").
    public func erase(recordID: [UInt8]) async throws -> ErasedRecord? {
        let id = Self.buffer(recordID)
        let logger = self.logger
        let erased: ErasedRecord? = try await client.withTransaction(logger: logger) { c in
            try await c.query("SET LOCAL synchronous_commit = on", logger: logger)
            var found: ErasedRecord?
            for try await (device, sequence, length) in try await c.query(
                "SELECT device_id, sequence, length(envelope) FROM records WHERE record_id = \(id) FOR UPDATE", logger: logger
            ).decode((ByteBuffer, Int64, Int32).self) {
                found = ErasedRecord(deviceID: Array(device.readableBytesView), sequence: UInt64(sequence), alreadyErased: length == 0)
            }
            if let found, !found.alreadyErased {
                try await c.query("UPDATE records SET envelope = '\\x'::bytea WHERE record_id = \(id)", logger: logger)
            }
            return found
        }
        if erased?.alreadyErased == false { try await client.query("VACUUM records", logger: logger) }
        return erased
    }
}
