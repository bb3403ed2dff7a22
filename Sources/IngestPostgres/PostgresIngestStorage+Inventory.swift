import Ingest
import NIOCore
import PostgresNIO

extension PostgresIngestStorage: IngestInventory {
    public func storedDevices() async throws -> [StoredDevice] {
        do {
            // The head record's arrival through the primary key (device_id, sequence): one
            // index probe per device, however many records it has.
            let rows = try await client.query("""
                SELECT h.device_id, h.sequence,
                       (SELECT r.received_at FROM records r WHERE r.device_id = h.device_id ORDER BY r.sequence DESC LIMIT 1)
                FROM heads h
                """, logger: logger)
            var out: [StoredDevice] = []
            for try await (id, sequence, received) in rows.decode((ByteBuffer, Int64, Int64?).self) {
                out.append(StoredDevice(deviceID: Array(id.readableBytesView), headSequence: UInt64(max(0, sequence)), lastReceivedAt: received))
            }
            return out
        } catch let error as PSQLError where error.code == .server {
            // PSQLError's own description hides the server's words; they are what helps here
            // (no such table: a database serve or import-outbox never used).
            let message = error.serverInfo?[.message] ?? "no message"
            throw PostgresConnectionError(.refusedByServer, "PostgreSQL at \(endpoint.address): \(message); is this the receiver's database (serve or import-outbox create its tables)?")
        } catch let error as PSQLError {
            throw endpoint.explain(error)
        }
    }
}
