import EnrollCore
import Ingest
import NIOCore
import PostgresNIO

extension PostgresIngestStorage: IngestRecordLookup {
    public func records(matching reference: RecordReference) async throws -> [StoredRecord] {
        let query: PostgresQuery = switch reference {
        case .full(let id):
            "SELECT record_id, device_id, sequence, received_at, length(envelope) = 0 FROM records WHERE record_id = \(Self.buffer(id.bytes))"
        case .short(let tail):
            // A scan of the record ids, as in SQLite (README, "Measured"); the bytes are a
            // bound parameter, compared as bytes.
            """
            SELECT record_id, device_id, sequence, received_at, length(envelope) = 0 FROM records
            WHERE length(record_id) = 16 AND substring(record_id FROM 13 FOR 4) = \(Self.buffer(tail)) ORDER BY record_id
            """
        }
        return try await lookup {
            var out: [StoredRecord] = []
            for try await row in try await client.query(query, logger: logger).decode((ByteBuffer, ByteBuffer, Int64, Int64, Bool).self) {
                if let record = Self.record(row) { out.append(record) }
            }
            return out
        }
    }

    public func envelope(recordID: RecordID) async throws -> (record: StoredRecord, envelope: [UInt8])? {
        try await lookup {
            let rows = try await client.query("""
                SELECT record_id, device_id, sequence, received_at, length(envelope) = 0, envelope FROM records
                WHERE record_id = \(Self.buffer(recordID.bytes))
                """, logger: logger)
            for try await (id, device, sequence, received, erased, envelope) in rows.decode((ByteBuffer, ByteBuffer, Int64, Int64, Bool, ByteBuffer).self) {
                guard let record = Self.record((id, device, sequence, received, erased)) else { return nil }
                return (record, Array(envelope.readableBytesView))
            }
            return nil
        }
    }

    static func record(_ row: (ByteBuffer, ByteBuffer, Int64, Int64, Bool)) -> StoredRecord? {
        guard let id = RecordID(bytes: Array(row.0.readableBytesView)) else { return nil }
        return StoredRecord(recordID: id, deviceID: Array(row.1.readableBytesView), sequence: UInt64(max(0, row.2)), receivedAt: row.3, erased: row.4)
    }

    /// The server's own words for a refusal (no such table: not the receiver's database),
    /// as `storedDevices` reports them.
    private func lookup<T>(_ work: () async throws -> T) async throws -> T {
        do { return try await work() } catch let error as PSQLError where error.code == .server {
            let message = error.serverInfo?[.message] ?? "no message"
            throw PostgresConnectionError(.refusedByServer, "PostgreSQL at \(endpoint.address): \(message); is this the receiver's database (serve or import-outbox create its tables)?")
        } catch let error as PSQLError {
            throw endpoint.explain(error)
        }
    }
}
