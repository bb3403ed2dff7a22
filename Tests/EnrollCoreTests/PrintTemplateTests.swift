@testable import EnrollCore
import Testing
import TestSupport

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
        // Seeded, so a failure can be replayed. Random data may by chance form a print, so
        // "nearly all" rather than all; none may trap, and each refusal must come from
        // reading the body (the header was right and the input small).
        var random = SeededGenerator(seed: 0x5052_494E_54)
        let tries = 20_000
        var refused = 0
        for _ in 0..<tries {
            let body = (0..<Int.random(in: 0..<300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            do throws(PrintParseError) {
                _ = try PrintTemplate(serialized: Array("FP3".utf8) + body)
            } catch {
                refused += 1
                #expect(error != .badMagic() && error != .tooLarge(""), "\(error)")
            }
        }
        #expect(refused >= tries * 99 / 100, "\(tries - refused) of \(tries) random bodies parsed as prints")
    }

    @Test func oversizedInputIsRefusedBeforeParsing() {
        let huge = Array("FP3".utf8) + [UInt8](repeating: 0, count: PrintTemplate.maximumBytes)
        #expect(throws: PrintParseError.self) { try PrintTemplate(serialized: huge) }
    }
}
