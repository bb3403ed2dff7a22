import Crypto
import EnrollCore
import Foundation
import Ingest
import Testing
import Trust

@Suite struct RecordIngestorTests {
    let central = Curve25519.KeyAgreement.PrivateKey()

    func receipts(_ reply: IngestReply, for envelopes: [[UInt8]], key: Curve25519.Signing.PublicKey) throws {
        let verifier = ReceiptVerifier(receiptKey: key)
        for (result, bytes) in zip(reply.results, envelopes) {
            let receipt = try #require(result.receipt.flatMap { Data(base64Encoded: $0) })
            let envelope = try RecordEnvelope(decoding: bytes)
            _ = try verifier.verify(Array(receipt), for: envelope, envelopeHash: RecordEnvelope.chainHash(of: bytes))
        }
    }

    @Test(arguments: StorageKind.available)
    func storesAChainAndSignsAReceiptForEach(_ kind: StorageKind) async throws {
        var device = FixtureDevice(seed: 1, central: central)
        let receiver = try await FixtureReceiver(devices: [device], kind: kind)
        let chain = device.chain(5)
        let reply = try await receiver.post(chain, as: device)
        #expect(reply.results.map(\.status) == Array(repeating: .stored, count: 5))
        #expect(reply.results.map(\.sequence) == [1, 2, 3, 4, 5])
        #expect(reply.headSequence == 5)
        #expect(reply.headHash == Hex.encode(RecordEnvelope.chainHash(of: chain[4])))
        try receipts(reply, for: chain, key: receiver.receiptKey.publicKey)
        let stored = try await receiver.storage.stored(device: device.key.deviceID)
        #expect(stored.map(\.sequence) == [1, 2, 3, 4, 5])
    }

    @Test(arguments: StorageKind.available)
    func aReplayedOlderBatchIsDuplicateAndChangesNothing(_ kind: StorageKind) async throws {
        var device = FixtureDevice(seed: 2, central: central)
        let receiver = try await FixtureReceiver(devices: [device], kind: kind)
        let chain = device.chain(6)
        _ = try await receiver.post(chain, as: device)
        let before = try await receiver.storage.stored(device: device.key.deviceID)
        let replay = try await receiver.post(Array(chain[1...3]), as: device)
        #expect(replay.results.map(\.status) == [.duplicate, .duplicate, .duplicate])
        try receipts(replay, for: Array(chain[1...3]), key: receiver.receiptKey.publicKey)
        let after = try await receiver.storage.stored(device: device.key.deviceID)
        #expect(after.map(\.sequence) == before.map(\.sequence))
        #expect(after.map(\.hash) == before.map(\.hash))
        #expect(replay.headSequence == 6)
    }

    @Test(arguments: StorageKind.available)
    func aGapIsRejectedNamingTheExpectedSequence(_ kind: StorageKind) async throws {
        var device = FixtureDevice(seed: 3, central: central)
        let receiver = try await FixtureReceiver(devices: [device], kind: kind)
        let chain = device.chain(5)
        _ = try await receiver.post(Array(chain[0...1]), as: device)
        let reply = try await receiver.post(Array(chain[3...4]), as: device)
        #expect(reply.results.map(\.status) == [.rejected, .rejected])
        #expect(reply.results[0].error == "gap")
        #expect(reply.results[0].expectedSequence == 3)
        #expect(reply.results[0].receipt == nil)
        #expect(reply.headSequence == 2)
    }

    @Test(arguments: StorageKind.available)
    func sameIDWithOtherContentIsRejected(_ kind: StorageKind) async throws {
        var device = FixtureDevice(seed: 4, central: central)
        let receiver = try await FixtureReceiver(devices: [device], kind: kind)
        let chain = device.chain(1)
        _ = try await receiver.post(chain, as: device)
        // The same record id and place, re-signed with another payload: a conflict.
        var envelope = try RecordEnvelope(decoding: chain[0])
        var other = device
        let twin = try RecordEnvelope(decoding: other.chain(1)[0])
        envelope.sealed = twin.sealed
        envelope.sealedDigest = twin.sealedDigest
        envelope.signature = try Array(Curve25519.Signing.PrivateKey(rawRepresentation: device.rawKey).signature(for: envelope.signedHeader()))
        let reply = try await receiver.post([envelope.encoded()], as: device)
        #expect(reply.results[0].status == .rejected)
        #expect(reply.results[0].error == "conflict")
    }

    @Test(arguments: StorageKind.available)
    func aRecordSignedByAnotherDevicesKeyIsRefused(_ kind: StorageKind) async throws {
        let device = FixtureDevice(seed: 5, central: central)
        var intruder = FixtureDevice(seed: 6, central: central)
        let receiver = try await FixtureReceiver(devices: [device, intruder], kind: kind)
        // The intruder's records presented on the device's connection.
        let reply = try await receiver.post(intruder.chain(2), as: device)
        #expect(reply.results.map(\.error) == ["wrong_device", "wrong_device"])
        // The device's id in the header but the intruder's signature.
        var forged = try RecordEnvelope(decoding: intruder.chain(1)[0])
        forged.deviceID = device.key.deviceID
        let forgedReply = try await receiver.post([forged.encoded()], as: device)
        #expect(forgedReply.results[0].error == "bad_signature")
        #expect(try await receiver.storage.stored(device: device.key.deviceID).isEmpty)
    }

    @Test func anUnregisteredClientIsRefused() async throws {
        let device = FixtureDevice(seed: 7, central: central)
        let receiver = try await FixtureReceiver(devices: [])
        #expect(throws: IngestError.self) { try receiver.ingestor.authenticate(clientKeyHash: device.clientKeyHash) }
        #expect(throws: IngestError.self) { try receiver.ingestor.authenticate(clientKeyHash: nil) }
    }

    @Test(arguments: StorageKind.available)
    func garbageIsA4xxOrAPerRecordRejection(_ kind: StorageKind) async throws {
        var device = FixtureDevice(seed: 8, central: central)
        let receiver = try await FixtureReceiver(devices: [device], kind: kind)
        let who = try receiver.ingestor.authenticate(clientKeyHash: device.clientKeyHash)
        // A frame running past the end of the body: the whole batch is a 400.
        do {
            _ = try await receiver.ingestor.ingest(body: [0, 0, 0, 10, 1, 2], from: who, now: 0)
            Issue.record("a truncated batch was accepted")
        } catch let error as IngestError {
            #expect(error.status == 400 && error.code == "malformed_batch")
        }
        let good = device.chain(1)[0]
        let truncated = Array(good.prefix(good.count - 7))
        var flipped = good
        flipped[150] ^= 0x40
        let reply = try await receiver.post([Array("garbage".utf8), truncated, flipped], as: device)
        #expect(reply.results.map(\.status) == [.rejected, .rejected, .rejected])
        #expect(reply.results[0].error == "malformed")
        #expect(reply.results[1].error == "malformed")
        #expect(reply.results[2].error == "bad_signature")
    }

    @Test(arguments: StorageKind.available)
    func withTheOpenKeyTheInnerSignatureIsChecked(_ kind: StorageKind) async throws {
        var device = FixtureDevice(seed: 9, central: central)
        let opener = try await FixtureReceiver(devices: [device], openKeys: [central], kind: kind)
        #expect(try await opener.post(device.chain(2), as: device).results.map(\.status) == [.stored, .stored])
        // Sealed to another central key: the envelope verifies, the payload does not open.
        var stranger = FixtureDevice(seed: 9, central: Curve25519.KeyAgreement.PrivateKey())
        let other = try await FixtureReceiver(devices: [stranger], openKeys: [central], kind: kind)
        #expect(try await other.post(stranger.chain(1), as: stranger).results.map(\.error) == ["cannot_open"])
    }

    /// While the central sealing key changes, records sealed to the old key and to the new
    /// one are both opened; one sealed to neither is still refused.
    @Test func duringASealingKeyChangeEitherKeyOpens() async throws {
        let next = Curve25519.KeyAgreement.PrivateKey()
        var old = FixtureDevice(seed: 11, central: central)
        var new = FixtureDevice(seed: 12, central: next)
        var stray = FixtureDevice(seed: 13, central: Curve25519.KeyAgreement.PrivateKey())
        let receiver = try await FixtureReceiver(devices: [old, new, stray], openKeys: [central, next])
        #expect(try await receiver.post(old.chain(2), as: old).results.map(\.status) == [.stored, .stored])
        #expect(try await receiver.post(new.chain(2), as: new).results.map(\.status) == [.stored, .stored])
        #expect(try await receiver.post(stray.chain(1), as: stray).results.map(\.error) == ["cannot_open"])
    }
}
