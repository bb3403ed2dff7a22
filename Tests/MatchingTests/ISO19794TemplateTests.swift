import Testing
@testable import Matching

@Suite struct ISO19794TemplateTests {
    let template = FingerprintTemplate(width: 388, height: 374, minutiae: [
        Minutia(x: 100, y: 203, angle: 1.178, kind: .ending, quality: 12),
        Minutia(x: 117, y: 140, angle: 3.534, kind: .bifurcation, quality: 44),
        Minutia(x: 0, y: 0, angle: 0, kind: .other, quality: 100),
    ])

    @Test func roundTripKeepsPositionsKindsAndQualities() throws {
        let decoded = try ISO19794Template.decode(ISO19794Template.encode(template))
        #expect(decoded.width == 388 && decoded.height == 374)
        #expect(decoded.minutiae.count == 3)
        for (a, b) in zip(decoded.minutiae, template.minutiae) {
            #expect(abs(a.x - b.x) < 0.6 && abs(a.y - b.y) < 0.6)
            #expect(abs(Cylinder.difference(a.angle, b.angle)) <= 2 * .pi / 256)
            #expect(a.kind == b.kind && a.quality == b.quality)
        }
    }

    /// The layout, byte for byte, for a one-minutia record (ISO/IEC 19794-2:2005).
    @Test func headerLayout() {
        let one = FingerprintTemplate(width: 388, height: 374, minutiae: [Minutia(x: 100, y: 203, angle: .pi / 2, kind: .ending, quality: 50)])
        let bytes = ISO19794Template.encode(one, fingerPosition: 2, fingerQuality: 60)
        #expect(bytes == [
            0x46, 0x4D, 0x52, 0x00, 0x20, 0x32, 0x30, 0x00,  // "FMR\0", " 20\0"
            0x00, 0x00, 0x00, 0x24,  // 36 bytes in all
            0x00, 0x00,  // capture equipment
            0x01, 0x84, 0x01, 0x76,  // 388 × 374
            0x00, 0xC5, 0x00, 0xC5,  // 197 pixels per cm (500 ppi)
            0x01, 0x00,  // one view, reserved
            0x02, 0x00, 0x3C, 0x01,  // right index, view 0, quality 60, one minutia
            0x40, 0x64, 0x00, 0xCB, 0x40, 0x32,  // ending at (100, 203), 64/256 of a turn, quality 50
            0x00, 0x00,  // no extended data
        ])
    }

    @Test func recordsAt569PPIAreScaledTo500() throws {
        var bytes = ISO19794Template.encode(FingerprintTemplate(width: 569, height: 569, minutiae: [Minutia(x: 569, y: 0, angle: 0, kind: .ending, quality: 1)]))
        bytes[18] = 0; bytes[19] = 224; bytes[20] = 0; bytes[21] = 224  // 224 px/cm ≈ 569 ppi
        let decoded = try ISO19794Template.decode(bytes)
        #expect(abs(decoded.minutiae[0].x - 500) < 1.5)
    }

    @Test(arguments: [
        ([UInt8](), "truncated record: 0 bytes, the header alone is 24"),
        (Array("ABC\0 20\0".utf8) + [UInt8](repeating: 0, count: 24), "not a finger minutiae record (no \"FMR\" identifier)"),
        (Array("FMR\0 30\0".utf8) + [UInt8](repeating: 0, count: 24), "unsupported version; only ISO/IEC 19794-2:2005 (\" 20\") is read"),
    ])
    func refused(_ bytes: [UInt8], _ reason: String) {
        #expect(throws: ISO19794Template.Failure(reason)) { try ISO19794Template.decode(bytes) }
    }

    @Test func lengthFieldMustMatch() {
        var bytes = ISO19794Template.encode(template)
        bytes[11] &+= 1
        #expect(throws: ISO19794Template.Failure.self) { try ISO19794Template.decode(bytes) }
    }

    @Test func announcedMinutiaeMustFit() {
        var bytes = ISO19794Template.encode(template)
        bytes[27] = 200
        #expect(throws: ISO19794Template.Failure.self) { try ISO19794Template.decode(bytes) }
    }

    @Test func oversizedRecordsAreRefusedBeforeParsing() {
        #expect(throws: ISO19794Template.Failure.self) {
            try ISO19794Template.decode([UInt8](repeating: 0, count: ISO19794Template.maximumRecordSize + 1))
        }
    }

    /// Every truncation and random corruption is refused or decoded, never a trap.
    @Test func truncatedAndCorruptRecordsNeverTrap() {
        let whole = ISO19794Template.encode(template)
        for length in 0..<whole.count { _ = try? ISO19794Template.decode(Array(whole.prefix(length))) }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            var bytes = whole
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            _ = try? ISO19794Template.decode(bytes)
            _ = try? ISO19794Template.decode((0..<Int.random(in: 0...80, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) })
        }
    }
}

extension ISO19794Template.Failure {
    init(_ text: String, test: Void = ()) { self.init(text) }
}

/// Export → import → export must not drift: a record at 197 px/cm is read as exactly
/// 500 ppi (the fuzzer found coordinates shrinking by 0.08 % per round trip before).
@Suite struct ISO19794RoundTripStabilityTests {
    @Test func exportImportIsAFixedPoint() throws {
        let template = FingerprintTemplate(width: 400, height: 400, minutiae: [
            Minutia(x: 281, y: 338, angle: 0, kind: .ending, quality: 80),
            Minutia(x: 399, y: 12, angle: 4.712389, kind: .bifurcation, quality: 60),
        ])
        let once = ISO19794Template.encode(template)
        let decoded = try ISO19794Template.decode(once)
        #expect(decoded == template)
        #expect(ISO19794Template.encode(decoded) == once)
    }
}
