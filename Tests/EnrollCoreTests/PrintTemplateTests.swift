import EnrollCore
import Testing

/// Foreign and random bytes are refused with a typed error, never a crash. Real libfprint
/// output (and broken copies of it) is tested in FingerprintTests, which can make some.
@Suite struct PrintTemplateTests {
    @Test(arguments: [[UInt8](), [0x46], [0x46, 0x50], Array("FP2xxxxxxxx".utf8), Array("{\"minutiae\":[]}".utf8)])
    func refusesWhatIsNotAnFP3Print(_ bytes: [UInt8]) {
        #expect(throws: PrintParseError.self) { try PrintTemplate(serialized: bytes) }
    }

    @Test func headerAloneIsTruncatedOrMalformed() {
        #expect(throws: PrintParseError.self) { try PrintTemplate(serialized: Array("FP3".utf8)) }
    }

    @Test func randomBytesAfterTheHeaderAreRefused() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let body = (0..<Int.random(in: 0..<300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            // Random data may by chance form a print; what matters is no crash, so just run it.
            _ = try? PrintTemplate(serialized: Array("FP3".utf8) + body)
        }
    }

    @Test func oversizedInputIsRefusedBeforeParsing() {
        let huge = Array("FP3".utf8) + [UInt8](repeating: 0, count: PrintTemplate.maximumBytes)
        #expect(throws: PrintParseError.self) { try PrintTemplate(serialized: huge) }
    }
}
