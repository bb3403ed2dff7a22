import Crypto
import EnrollCore
import Foundation
import Ingest
import Testing
import Trust

/// A central database restored from an older backup, whose kiosk purged the records in
/// between: the receiver notes the gap it refuses, and an operator's acknowledgement of
/// exactly that gap lets the chain resume, in both storages.
@Suite struct GapAcceptanceTests {
    let central = Curve25519.KeyAgreement.PrivateKey()

    func gaps(_ receiver: FixtureReceiver) throws -> any IngestGapStorage {
        try #require(receiver.storage as? any IngestGapStorage)
    }

    @Test(arguments: StorageKind.available)
    func aNotedGapIsAcknowledgedAndTheChainResumes(_ kind: StorageKind) async throws {
        var device = FixtureDevice(seed: 11, central: central)
        let receiver = try await FixtureReceiver(devices: [device], kind: kind)
        let chain = device.chain(8)
        _ = try await receiver.post(Array(chain[0...2]), as: device)
        let refused = try await receiver.post(Array(chain[5...7]), as: device)
        #expect(refused.results.map(\.error) == ["gap", "gap", "gap"])
        let storage = try gaps(receiver)
        let gap = try #require(try await storage.currentGap(device: device.key.deviceID))
        #expect(gap.headSequence == 3)
        #expect(gap.nextSequence == 6)
        #expect(gap.missing == 4...5)
        #expect(gap.previousHash == RecordEnvelope.chainHash(of: chain[4]))

        let accepted = try await storage.acceptGap(device: device.key.deviceID, after: 5, at: 1_780_000_600_000, by: "tester")
        #expect(accepted == gap)
        #expect(try await storage.currentGap(device: device.key.deviceID) == nil)
        let resumed = try await receiver.post(Array(chain[5...7]), as: device)
        #expect(resumed.results.map(\.status) == [.stored, .stored, .stored])
        #expect(resumed.headSequence == 8)
        #expect(try await receiver.storage.stored(device: device.key.deviceID).map(\.sequence) == [1, 2, 3, 6, 7, 8])
        // Acknowledged once: a second time there is no gap left.
        await #expect(throws: IngestError.self) {
            _ = try await storage.acceptGap(device: device.key.deviceID, after: 5, at: 1_780_000_700_000, by: "tester")
        }
    }

    @Test(arguments: StorageKind.available)
    func anythingButTheCurrentGapIsRefused(_ kind: StorageKind) async throws {
        var device = FixtureDevice(seed: 12, central: central)
        let receiver = try await FixtureReceiver(devices: [device], kind: kind)
        let storage = try gaps(receiver)
        let chain = device.chain(9)
        _ = try await receiver.post(Array(chain[0...1]), as: device)
        // No gap seen yet.
        await #expect(throws: IngestError.self) { _ = try await storage.acceptGap(device: device.key.deviceID, after: 2, at: 1, by: "t") }
        // An unknown device has no gap either.
        await #expect(throws: IngestError.self) { _ = try await storage.acceptGap(device: Array(repeating: 7, count: 16), after: 2, at: 1, by: "t") }
        _ = try await receiver.post(Array(chain[6...8]), as: device)
        for wrong: UInt64 in [0, 2, 3, 5, 7, 8, .max] {
            await #expect(throws: IngestError.self, "after \(wrong)") {
                _ = try await storage.acceptGap(device: device.key.deviceID, after: wrong, at: 1, by: "t")
            }
        }
        // The kiosk sent what was missing meanwhile: the noted gap is no longer current.
        _ = try await receiver.post(Array(chain[2...3]), as: device)
        #expect(try await storage.currentGap(device: device.key.deviceID) == nil)
        await #expect(throws: IngestError.self) { _ = try await storage.acceptGap(device: device.key.deviceID, after: 6, at: 1, by: "t") }
        // Nothing changed by the refusals: the chain continues normally.
        let rest = try await receiver.post(Array(chain[4...8]), as: device)
        #expect(rest.results.map(\.status) == Array(repeating: .stored, count: 5))
    }

    @Test("The noted gap is the lowest-sequence gap refusal of a batch")
    func firstGapOfABatch() throws {
        var device = FixtureDevice(seed: 13, central: central)
        let chain = device.chain(4)
        let records = try chain.map { bytes in
            CheckedEnvelope(envelope: try RecordEnvelope(decoding: bytes), bytes: bytes, hash: RecordEnvelope.chainHash(of: bytes))
        }
        let gap = IngestDecision.rejected(IngestRejection("gap", expectedSequence: 2))
        let noted = ChainGap.first(in: records, decisions: [.store, .rejected(IngestRejection("sequence_taken", expectedSequence: 2)), gap, gap], at: 5)
        #expect(noted?.nextSequence == 3)
        #expect(noted?.headSequence == 1)
        #expect(noted?.previousHash == RecordEnvelope.chainHash(of: chain[1]))
        #expect(ChainGap.first(in: records, decisions: [.store, .store, .store, .store], at: 5) == nil)
        // A hostile expected sequence of 0 or one not below the record is no gap to note.
        #expect(ChainGap.first(in: records, decisions: Array(repeating: .rejected(IngestRejection("gap", expectedSequence: 0)), count: 4), at: 5) == nil)
        #expect(ChainGap.first(in: records, decisions: Array(repeating: .rejected(IngestRejection("gap", expectedSequence: 9)), count: 4), at: 5) == nil)
    }

    @Test("The pure check: exactly the current gap")
    func pureCheck() throws {
        let gap = ChainGap(headSequence: 3, nextSequence: 7, previousHash: Array(repeating: 1, count: 32), seenAt: 0)
        let head = ChainHead(sequence: 3, hash: Array(repeating: 2, count: 32))
        try GapAcceptance.check(gap: gap, head: head, after: 6)
        #expect(throws: IngestError.self) { try GapAcceptance.check(gap: nil, head: head, after: 6) }
        #expect(throws: IngestError.self) { try GapAcceptance.check(gap: gap, head: head, after: 5) }
        #expect(throws: IngestError.self) { try GapAcceptance.check(gap: gap, head: head, after: 7) }
        #expect(throws: IngestError.self) { try GapAcceptance.check(gap: gap, head: ChainHead(sequence: 4, hash: head.hash), after: 6) }
    }
}
