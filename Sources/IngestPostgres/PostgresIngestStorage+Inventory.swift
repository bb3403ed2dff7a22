import Ingest
import NIOCore
import PostgresNIO

extension PostgresIngestStorage: IngestInventory {
    public func storedDevices() async throws -> [StoredDevice] {
        // The head record's arrival through the primary key (device_id, sequence): one index
        // probe per device, however many records it has.
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
    }
}
