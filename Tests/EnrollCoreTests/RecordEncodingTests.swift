import Foundation
import Testing
@testable import EnrollCore
import TestSupport

@Suite("Record canonical encoding")
struct RecordEncodingTests {
    @Test("The manifest encodes to the checked-in vector and decodes back")
    func manifestVector() throws {
        let encoded = RecordVectors.manifest.encoded()
        let vector = try #require(RecordVectors.read("manifest.hex"), "vectors/manifest.hex is missing")
        #expect(encoded == vector)
        #expect(try RecordManifest(decoding: vector) == RecordVectors.manifest)
    }

    @Test("The payload encodes to the checked-in vector and decodes back")
    func payloadVector() throws {
        var payload = RecordVectors.payload
        payload.canonicalize()
        let vector = try #require(RecordVectors.read("payload.hex"), "vectors/payload.hex is missing")
        #expect(payload.encoded() == vector)
        #expect(try RecordPayload(decoding: vector) == payload)
    }

    @Test("Unsorted subject fields or fingers are not canonical")
    func notCanonical() throws {
        var manifest = RecordVectors.manifest
        manifest.subjectFields.reverse()
        #expect(throws: RecordFormatError.notCanonical) { try RecordManifest(decoding: manifest.encoded()) }
        manifest.canonicalize()
        #expect(try RecordManifest(decoding: manifest.encoded()) == RecordVectors.manifest)

        var duplicated = RecordVectors.manifest
        duplicated.fingers.append(duplicated.fingers[1])
        #expect(throws: RecordFormatError.notCanonical) { try RecordManifest(decoding: duplicated.encoded()) }
    }

    @Test("Out-of-domain values are refused with the field named")
    func domains() throws {
        var manifest = RecordVectors.manifest
        manifest.fingers[0].position = 11
        #expect(throws: RecordFormatError.invalidValue("finger position")) { try RecordManifest(decoding: manifest.encoded()) }
        manifest = RecordVectors.manifest
        manifest.fingers[0].quality = 101
        #expect(throws: RecordFormatError.invalidValue("finger quality")) { try RecordManifest(decoding: manifest.encoded()) }
        manifest = RecordVectors.manifest
        manifest.sequence = 0
        #expect(throws: RecordFormatError.invalidValue("sequence")) { try RecordManifest(decoding: manifest.encoded()) }
        // Stores keep sequences as signed 64-bit integers: beyond that is malformed everywhere.
        manifest.sequence = UInt64(Int64.max) + 1
        #expect(throws: RecordFormatError.invalidValue("sequence")) { try RecordManifest(decoding: manifest.encoded()) }
        manifest.sequence = UInt64(Int64.max)
        #expect(try RecordManifest(decoding: manifest.encoded()).sequence == UInt64(Int64.max))
        let receipt = Receipt(recordID: manifest.recordID, deviceID: manifest.deviceID, sequence: .max, recordHash: [UInt8](repeating: 1, count: 32),
                              issuedAt: 0, notAfter: 1, signature: [UInt8](repeating: 0, count: 64))
        #expect(throws: RecordFormatError.invalidValue("sequence")) { try Receipt(decoding: receipt.encoded()) }
    }

    @Test("A length field larger than the limit is refused before anything is allocated")
    func oversized() throws {
        var bytes = RecordVectors.manifest.encoded()
        // The operator id's u32 length follows 4+2+16+16+8+32+8+8 = 94 bytes.
        bytes.replaceSubrange(94..<98, with: [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(throws: RecordFormatError.tooLarge("operator id")) { try RecordManifest(decoding: bytes) }
    }

    @Test("Trailing bytes and every truncation are refused")
    func truncationsAndTrailing() {
        let bytes = RecordVectors.manifest.encoded()
        #expect(throws: RecordFormatError.trailingBytes) { try RecordManifest(decoding: bytes + [0]) }
        for length in 0..<bytes.count {
            #expect(throws: RecordFormatError.self) { try RecordManifest(decoding: Array(bytes.prefix(length))) }
        }
    }

    @Test("UUIDv7 ids carry their version bits and round-trip as text")
    func recordIDs() throws {
        var generator = SystemRandomNumberGenerator()
        let id = RecordID(unixMilliseconds: 1_764_460_800_000, using: &generator)
        #expect(id.isVersion7)
        #expect(RecordID(id.description) == id)
        #expect(id.description.count == 36)
        #expect(RecordID("not-an-id") == nil)
    }
}
