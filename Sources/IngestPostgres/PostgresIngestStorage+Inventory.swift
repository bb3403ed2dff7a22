import Ingest
import NIOCore
import PostgresNIO

extension PostgresIngestStorage: IngestInventory {
    public func storedDevices() async throws -> [StoredDevice] {
        do {
            // The gaps table is made when the first gap is noted (PostgresIngestStorage+Gap):
            // the report, which changes nothing, asks whether it exists instead of creating it.
            var gapsExist = false
            for try await exists in try await client.query("SELECT to_regclass('gaps') IS NOT NULL", logger: logger).decode(Bool.self) {
                gapsExist = exists
            }
            var auditExists = false
            for try await exists in try await client.query("SELECT to_regclass('audit_heads') IS NOT NULL", logger: logger).decode(Bool.self) {
                auditExists = exists
            }
            let auditColumn = auditExists ? "COALESCE((SELECT a.seq FROM audit_heads a WHERE a.device_id = h.device_id), 0)" : "0::BIGINT"
            let gapColumn = gapsExist
                ? "COALESCE((SELECT g.next_sequence FROM gaps g WHERE g.device_id = h.device_id AND g.head_sequence = h.sequence), 0)"
                : "0::BIGINT"
            // The head record's arrival through the primary key (device_id, sequence): one
            // index probe per device, however many records it has.
            let rows = try await client.query("""
                SELECT h.device_id, h.sequence,
                       (SELECT r.received_at FROM records r WHERE r.device_id = h.device_id ORDER BY r.sequence DESC LIMIT 1),
                       \(unescaped: gapColumn), \(unescaped: auditColumn)
                FROM heads h
                """, logger: logger)
            var out: [StoredDevice] = []
            for try await (id, sequence, received, gapNext, auditHead) in rows.decode((ByteBuffer, Int64, Int64?, Int64, Int64).self) {
                let head = UInt64(max(0, sequence))
                out.append(StoredDevice(deviceID: Array(id.readableBytesView), headSequence: head, lastReceivedAt: received,
                                        missing: StoredDevice.missing(head: head, gapNext: gapNext), auditHead: auditHead))
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
