import Matching
import Testing
import TestSupport
@testable import EnrollDaemon

/// The plaintext of a gallery row: round trip, and every truncation, bit flips and random
/// bytes refused without a crash.
@Suite struct GalleryTemplatesTests {
    let templates = [
        FingerprintTemplate(width: 300, height: 400, minutiae: (0..<30).map { Minutia(x: Float($0 * 9), y: Float(400 - $0 * 11), angle: Float($0) / 5, kind: .ending, quality: 50) }),
        FingerprintTemplate(width: 300, height: 400, minutiae: (0..<12).map { Minutia(x: Float($0 * 20), y: Float($0 * 30), angle: Float($0), kind: .bifurcation, quality: 0) }),
    ]

    @Test func roundTrip() throws {
        let bytes = GalleryTemplates.encode(templates, fingerPosition: 2)
        let back = try GalleryTemplates.decode(bytes)
        #expect(back.count == 2)
        #expect(back.map(\.minutiae.count) == [30, 12])
        #expect(GalleryTemplates.encode(back, fingerPosition: 2) == bytes)
    }

    @Test func everyTruncationIsRefused() {
        let bytes = GalleryTemplates.encode(templates, fingerPosition: 2)
        for length in 0..<bytes.count {
            #expect(throws: GalleryTemplates.Failure.self) { try GalleryTemplates.decode(Array(bytes.prefix(length))) }
        }
        #expect(throws: GalleryTemplates.Failure.self) { try GalleryTemplates.decode(bytes + [0]) }
    }

    @Test func hostileCountsAndLengthsAreRefused() {
        #expect(throws: GalleryTemplates.Failure.self) { try GalleryTemplates.decode(Array("EGT1".utf8) + [0]) }
        #expect(throws: GalleryTemplates.Failure.self) { try GalleryTemplates.decode(Array("EGT1".utf8) + [17]) }
        #expect(throws: GalleryTemplates.Failure.self) { try GalleryTemplates.decode(Array("EGT1".utf8) + [1, 0xFF, 0xFF, 0xFF, 0xFF]) }
        #expect(throws: GalleryTemplates.Failure.self) { try GalleryTemplates.decode(Array("EGT2".utf8) + [1]) }
        #expect(throws: GalleryTemplates.Failure.self) { try GalleryTemplates.decode([UInt8](repeating: 0, count: 1 << 20)) }
    }

    @Test func flippedAndRandomBytesNeverCrash() {
        var g = SeededGenerator(seed: 9)
        let bytes = GalleryTemplates.encode(templates, fingerPosition: 2)
        for _ in 0..<2000 {
            var damaged = bytes
            damaged[Int.random(in: 0..<damaged.count, using: &g)] ^= UInt8.random(in: 1...255, using: &g)
            _ = try? GalleryTemplates.decode(damaged)
            let random = (0..<Int.random(in: 0..<200, using: &g)).map { _ in UInt8.random(in: 0...255, using: &g) }
            #expect(throws: GalleryTemplates.Failure.self) { try GalleryTemplates.decode(random) }
        }
    }
}
