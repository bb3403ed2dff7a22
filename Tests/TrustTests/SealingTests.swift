import Crypto
import EnrollCore
import Foundation
import TestSupport
import Testing
import Trust

@Suite("Sign, seal, verify, open")
struct SealingTests {
    let fixtures = TrustFixtures()

    @Test("A sealed record verifies without opening and opens to the same payload")
    func roundTrip() throws {
        var generator = SeededGenerator(seed: 9)
        let payload = SyntheticRecords.payload(partBytes: 4096, now: 1_764_460_800_000, using: &generator)
        let envelope = try fixtures.sealer.seal(payload, after: .genesis, committedAt: 1_764_460_801_000)
        let bytes = envelope.encoded()
        let checked = try fixtures.verifier.verify(bytes)
        #expect(checked.sequence == 1 && checked.previousHash == ChainHead.genesis.hash)
        #expect(checked.deviceID == fixtures.device.deviceID)
        let opened = try fixtures.verifier.open(bytes, with: fixtures.central)
        var expected = payload
        expected.canonicalize()
        expected.manifest.deviceID = fixtures.device.deviceID
        expected.manifest.committedAt = 1_764_460_801_000
        #expect(opened == expected)
    }

    @Test("No part of the plaintext appears in the envelope")
    func plaintextNotInEnvelope() throws {
        let marker = Array("SUBJECT-MARKER-4f1c9e".utf8)
        var payload = RecordVectors.payload
        payload.parts[0].bytes = marker + marker
        payload.manifest.subjectFields[1].value = String(decoding: marker, as: UTF8.self)
        let bytes = try fixtures.sealer.seal(payload, after: .genesis, committedAt: 1).encoded()
        #expect(!contains(bytes, marker))
        #expect(!contains(bytes, Array("op-042".utf8)))
    }

    @Test("The wrong central key cannot open a record")
    func wrongCentralKey() throws {
        let bytes = try fixtures.chain(1)[0]
        let other = Curve25519.KeyAgreement.PrivateKey()
        #expect(throws: VerificationFailure(.cannotOpen, sequence: 1)) { try fixtures.verifier.open(bytes, with: other) }
    }

    @Test("Another device's key rejects the envelope as the wrong device")
    func wrongDeviceKey() throws {
        let bytes = try fixtures.chain(1)[0]
        let stranger = RecordVerifier(devicePublicKey: Curve25519.Signing.PrivateKey().publicKey)
        #expect(throws: VerificationFailure(.wrongDevice, sequence: 1)) { try stranger.verify(bytes) }
    }

    @Test("A sealed payload moved into another envelope is caught")
    func movedPayload() throws {
        let chain = try fixtures.chain(2)
        let first = try RecordEnvelope(decoding: chain[0])
        var second = try RecordEnvelope(decoding: chain[1])
        second.sealed = first.sealed
        // Digest first: the signed header still names the old digest.
        #expect(throws: VerificationFailure(.digestMismatch, sequence: 2)) { try fixtures.verifier.verify(second.encoded()) }
    }

    @Test("The checked-in envelope and receipt vectors verify and open")
    func vectors() throws {
        let env = ProcessInfo.processInfo.environment["ENROLLD_WRITE_VECTORS"] == "1"
        let device = try DeviceKey(rawPrivateKey: RecordVectors.devicePrivateKey)
        let central = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: RecordVectors.centralPrivateKey)
        let receiptKey = try Curve25519.Signing.PrivateKey(rawRepresentation: RecordVectors.receiptPrivateKey)
        if env {
            var payload = RecordVectors.payload
            payload.canonicalize()
            try RecordVectors.write("manifest.hex", RecordVectors.manifest.encoded())
            try RecordVectors.write("payload.hex", payload.encoded())
            let sealer = RecordSealer(deviceKey: device, recipient: central.publicKey)
            let envelope = try sealer.seal(
                RecordVectors.payload, after: ChainHead(sequence: 6, hash: RecordVectors.manifest.previousHash),
                committedAt: RecordVectors.manifest.committedAt)
            try RecordVectors.write("envelope.hex", envelope.encoded())
            let receipt = try ReceiptIssuer(signingKey: receiptKey).issue(for: envelope, issuedAt: 1_764_461_000_000, validity: 30 * 86_400_000)
            try RecordVectors.write("receipt.hex", receipt.encoded())
            try RecordVectors.write("keys.hex", device.publicKey + central.publicKey.rawRepresentation + receiptKey.publicKey.rawRepresentation)
        }
        let bytes = try #require(RecordVectors.read("envelope.hex"), "vectors/envelope.hex is missing")
        let verifier = RecordVerifier(devicePublicKey: try Curve25519.Signing.PublicKey(rawRepresentation: device.publicKey))
        let opened = try verifier.open(bytes, with: central)
        var expected = RecordVectors.manifest
        expected.deviceID = device.deviceID
        #expect(opened.manifest == expected)
        #expect(opened.parts.count == 3)

        let keys = try #require(RecordVectors.read("keys.hex"))
        #expect(Array(keys[0..<32]) == device.publicKey)
        #expect(Array(keys[32..<64]) == Array(central.publicKey.rawRepresentation))
        #expect(Array(keys[64..<96]) == Array(receiptKey.publicKey.rawRepresentation))

        let receiptBytes = try #require(RecordVectors.read("receipt.hex"))
        let envelope = try RecordEnvelope(decoding: bytes)
        let receipt = try ReceiptVerifier(receiptKey: receiptKey.publicKey)
            .verify(receiptBytes, for: envelope, envelopeHash: envelope.chainHash)
        #expect(receipt.sequence == 7)
    }

    @Test("The device key is created mode 0600, reloaded unchanged, and a damaged file is refused")
    func deviceKeyFile() throws {
        let folder = try BuiltProducts.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try DeviceKey.loadOrCreate(in: folder.path)
        let path = folder.appendingPathComponent(DeviceKey.fileName).path
        let mode = try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        #expect(try DeviceKey.loadOrCreate(in: folder.path).publicKey == first.publicKey)
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: path))
        #expect(throws: TrustError.self) { try DeviceKey.loadOrCreate(in: folder.path) }
    }

    @Test("Gallery templates open only with their key and entry id")
    func galleryCipher() throws {
        let folder = try BuiltProducts.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cipher = try GalleryCipher.loadOrCreate(in: folder.path)
        let template: [UInt8] = Array(0..<200)
        let sealed = try cipher.seal(template, entryID: [1])
        #expect(!contains(sealed, Array(template[10..<40])))
        #expect(try GalleryCipher.loadOrCreate(in: folder.path).open(sealed, entryID: [1]) == template)
        #expect(cipher.open(sealed, entryID: [2]) == nil)
        #expect(GalleryCipher(key: SymmetricKey(size: .bits256)).open(sealed, entryID: [1]) == nil)
    }
}

func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard needle.count <= haystack.count else { return false }
    for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
        if Array(haystack[start..<start + needle.count]) == needle { return true }
    }
    return false
}
