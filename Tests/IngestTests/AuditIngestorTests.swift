import Crypto
import EnrollCore
import Ingest
import Testing
import Trust

/// The receiver's acceptance of audit batches on real storage (SQLite, and PostgreSQL where
/// its binaries are installed): chained onto the head per kiosk, re-sent batches answered
/// with the head, and every refusal storing nothing.
@Suite struct AuditIngestorTests {
    let central = Curve25519.KeyAgreement.PrivateKey()
    let now: Int64 = 1_780_000_900_000

    func receiver(_ kind: StorageKind) async throws -> (FixtureReceiver, AuditIngestor, [UInt8]) {
        let device = FixtureDevice(seed: 41, central: central)
        let receiver = try await FixtureReceiver(devices: [device], kind: kind)
        return (receiver, AuditIngestor(storage: receiver.storage), device.key.deviceID)
    }

    @Test(arguments: StorageKind.available)
    func batchesChainAndAReSentBatchIsAnsweredWithTheHead(_ kind: StorageKind) async throws {
        let (receiver, audit, device) = try await receiver(kind)
        let entries = AuditFixture.chain(7)
        let first = try await audit.ingest(body: AuditBatch.encode(Array(entries[0..<4])), device: device, now: now)
        #expect(first == AuditHead(seq: 4, hash: entries[3].hash))
        let again = try await audit.ingest(body: AuditBatch.encode(Array(entries[0..<4])), device: device, now: now)
        #expect(again == first)
        // Overlapping the head: the held part is confirmed, the rest stored.
        let rest = try await audit.ingest(body: AuditBatch.encode(Array(entries[2...])), device: device, now: now)
        #expect(rest == AuditHead(seq: 7, hash: entries[6].hash))
        let stored = try await receiver.storage.auditEntries(device: device, after: 0, limit: 100)
        #expect(stored == entries)
        #expect(try await receiver.storage.auditEntries(device: device, after: 5, limit: 1).map(\.seq) == [6])
        // Another kiosk's chain is its own.
        #expect(try await receiver.storage.auditHead(device: Array(repeating: 1, count: 16)) == .genesis)
    }

    static let refusals: [(String, Int)] = [
        ("gap", 409), ("other history", 409), ("forged hash", 422), ("seq gap inside", 422), ("duplicate seq", 422), ("malformed", 400), ("wrong types", 400),
    ]

    @Test(arguments: StorageKind.available, refusals.map(\.0))
    func refusedBatchesStoreNothing(_ kind: StorageKind, _ name: String) async throws {
        let (receiver, audit, device) = try await receiver(kind)
        let entries = AuditFixture.chain(6)
        let head = try await audit.ingest(body: AuditBatch.encode(Array(entries[0..<3])), device: device, now: now)
        let body: [UInt8] = switch name {
        case "gap": AuditBatch.encode(Array(entries[4...]))
        case "other history": AuditBatch.encode(Array(AuditFixture.chain(5, actor: "op-8")[2...]))
        case "forged hash": AuditBatch.encode([entries[3], AuditFixture.altered(entries[4], actor: "op-2"), entries[5]])
        case "seq gap inside": AuditBatch.encode([entries[3], entries[5]])
        case "duplicate seq": AuditBatch.encode([entries[3], entries[3], entries[4]])
        case "malformed": Array(AuditBatch.encode(Array(entries[3...])).dropLast(3))
        default: Array("{\"entries\":[{\"seq\":\"four\"}]}".utf8)
        }
        do {
            _ = try await audit.ingest(body: body, device: device, now: now)
            Issue.record("\(name) was accepted")
        } catch let refusal as AuditRefusal {
            #expect(refusal.error.status == Self.refusals.first { $0.0 == name }?.1)
            if refusal.error.status == 409 { #expect(refusal.head == head, "a conflict names the head to resume from") }
        }
        #expect(try await receiver.storage.auditEntries(device: device, after: 0, limit: 100) == Array(entries[0..<3]))
        #expect(try await receiver.storage.auditHead(device: device) == head)
    }
}
