import Crypto
import EnrollCore
import Foundation
import Ingest
import Testing
import TestSupport
import Trust

/// A record erased at the centre: its envelope gone, its place and hash in the chain kept.
@Suite struct ErasureTests {
    let central = Curve25519.KeyAgreement.PrivateKey()

    @Test(arguments: StorageKind.available)
    func theEnvelopeGoesThePlaceInTheChainStays(_ kind: StorageKind) async throws {
        var device = FixtureDevice(seed: 41, central: central)
        let receiver = try await FixtureReceiver(devices: [device], kind: kind)
        let chain = device.chain(4)
        _ = try await receiver.post(Array(chain[0..<3]), as: device)
        let before = try await receiver.storage.stored(device: device.key.deviceID)
        let second = try RecordEnvelope(decoding: chain[1])

        let erased = try #require(try await receiver.storage.erase(recordID: second.recordID.bytes))
        #expect(erased == ErasedRecord(deviceID: device.key.deviceID, sequence: 2, alreadyErased: false))
        #expect(try await receiver.storage.erase(recordID: second.recordID.bytes)?.alreadyErased == true, "the envelope is empty now")
        #expect(try await receiver.storage.erase(recordID: RecordID(unixMilliseconds: 1_780_000_000_000).bytes) == nil)
        #expect(try await receiver.storage.stored(device: device.key.deviceID).map(\.hash) == before.map(\.hash), "hashes kept")

        // The kiosk sends it again (a retry, a restore): already there, not stored anew.
        let again = try await receiver.post([chain[1]], as: device)
        #expect(again.results.map(\.status) == [.duplicate])
        #expect(try await receiver.storage.erase(recordID: second.recordID.bytes)?.alreadyErased == true)
        // And the chain goes on across the erased record.
        let next = try await receiver.post([chain[3]], as: device)
        #expect(next.results.map(\.status) == [.stored] && next.headSequence == 4)
    }

    @Test func noByteOfTheErasedEnvelopeStaysInTheSQLiteFiles() async throws {
        var device = FixtureDevice(seed: 42, central: central)
        let folder = try BuiltProducts.temporaryFolder()
        let path = folder.appendingPathComponent("ingest.sqlite").path
        let storage = try SQLiteIngestStorage(path: path)
        let ingestor = RecordIngestor(storage: storage, devices: RegisteredDevices([device.registration]), receiptKey: .init(), openKeys: [])
        let chain = device.chain(3, partBytes: 6_000)
        _ = try await ingestor.ingest(body: RecordBatch.encode(chain), from: try ingestor.authenticate(clientKeyHash: device.clientKeyHash), now: 1)
        let envelope = try RecordEnvelope(decoding: chain[1])
        // 48 bytes of the sealed part: random-looking, found nowhere by chance.
        let marker = Array(envelope.sealed[1_000..<1_048])
        func onDisk() throws -> Bool {
            try [path, path + "-wal"].contains { file in
                guard let data = FileManager.default.contents(atPath: file) else { return false }
                return Array(data).firstRange(of: marker) != nil
            }
        }
        #expect(try onDisk(), "the marker is found before the erasure")
        _ = try await storage.erase(recordID: envelope.recordID.bytes)
        #expect(try !onDisk(), "no copy in the database or its WAL")
    }
}
