import Foundation
import Testing
@testable import EnrollCore
import TestSupport

/// Fuzz-style: broken, truncated, oversized and random input to every decoder must end in
/// a typed `RecordFormatError` or a value that re-encodes to the same bytes — never a
/// crash, a hang or a different reading of the same bytes.
@Suite("Record decoders under hostile input")
struct RecordDecoderFuzzTests {
    static let seeds: [UInt64] = [1, 2, 3, 4]

    /// True when the bytes decode to a value that re-encodes to them, or the decoder threw
    /// a `RecordFormatError` (any other error type is a failure).
    private func check<T>(_ bytes: [UInt8], decode: ([UInt8]) throws -> T, encode: (T) -> [UInt8]) -> Bool {
        do {
            let value = try decode(bytes)
            return encode(value) == bytes
        } catch {
            return error is RecordFormatError
        }
    }

    @Test("Mutated manifests", arguments: seeds)
    func manifests(seed: UInt64) {
        var rng = Xorshift(seed)
        let base = RecordVectors.manifest.encoded()
        for _ in 0..<2_000 {
            let bytes = rng.mutate(base)
            #expect(check(bytes, decode: { try RecordManifest(decoding: $0) }, encode: { $0.encoded() }))
        }
    }

    @Test("Mutated payloads", arguments: seeds)
    func payloads(seed: UInt64) {
        var rng = Xorshift(seed)
        var payload = RecordVectors.payload
        payload.canonicalize()
        let base = payload.encoded()
        for _ in 0..<2_000 {
            let bytes = rng.mutate(base)
            #expect(check(bytes, decode: { try RecordPayload(decoding: $0) }, encode: { $0.encoded() }))
        }
    }

    @Test("Random bytes to every decoder", arguments: seeds)
    func randomInput(seed: UInt64) {
        var rng = Xorshift(seed)
        for _ in 0..<2_000 {
            let length = Int(rng.next() % 400)
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            #expect(check(bytes, decode: { try RecordManifest(decoding: $0) }, encode: { $0.encoded() }))
            #expect(check(bytes, decode: { try RecordPayload(decoding: $0) }, encode: { $0.encoded() }))
            #expect(check(bytes, decode: { try RecordEnvelope(decoding: $0) }, encode: { $0.encoded() }))
            #expect(check(bytes, decode: { try Receipt(decoding: $0) }, encode: { $0.encoded() }))
        }
    }

    @Test("Envelope headers with magic intact but random fields", arguments: seeds)
    func envelopeHeaders(seed: UInt64) {
        var rng = Xorshift(seed)
        for _ in 0..<2_000 {
            var bytes = Array("ENRE".utf8) + [1, 0]
            let length = Int(rng.next() % 300)
            bytes += (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            #expect(check(bytes, decode: { try RecordEnvelope(decoding: $0) }, encode: { $0.encoded() }))
        }
    }

    @Test("A sealed length above the limit is refused as too large")
    func oversizedEnvelope() {
        var w = ByteWriter()
        w.raw(Array("ENRE".utf8)); w.u8(1); w.u8(0)
        var id = [UInt8](repeating: 0, count: 16); id[6] = 0x70; id[8] = 0x80
        w.raw(id); w.raw([UInt8](repeating: 1, count: 16)); w.u64(1); w.raw([UInt8](repeating: 0, count: 32))
        w.i64(0); w.raw([UInt8](repeating: 0, count: 32)); w.u32(UInt32.max)
        w.raw([UInt8](repeating: 0, count: 64))
        #expect(throws: RecordFormatError.tooLarge("sealed payload")) { try RecordEnvelope(decoding: w.bytes) }
    }
}

/// A tiny seeded generator with the mutations the fuzz tests apply.
struct Xorshift: RandomNumberGenerator {
    private var state: UInt64
    init(_ seed: UInt64) { state = seed * 0x2545F4914F6CDD1D | 1 }

    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }

    /// One to four of: flip a byte, delete a byte, insert a byte, truncate, duplicate a slice.
    mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0...(next() % 4) {
            guard !bytes.isEmpty else { break }
            let at = Int(next() % UInt64(bytes.count))
            switch next() % 5 {
            case 0: bytes[at] ^= UInt8(truncatingIfNeeded: next() | 1)
            case 1: bytes.remove(at: at)
            case 2: bytes.insert(UInt8(truncatingIfNeeded: next()), at: at)
            case 3: bytes.removeLast(bytes.count - at)
            default: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 8)], at: at)
            }
        }
        return bytes
    }
}
