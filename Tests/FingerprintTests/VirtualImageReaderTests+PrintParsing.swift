import EnrollCore
import Fingerprint
import Imaging
import Testing

/// The NBIS print parser against real libfprint output, and against that output broken:
/// every truncation, bit flips and random splices must give a parse or a typed error,
/// never a crash.
extension VirtualImageReaderTests {
    @Test func printParserReadsLibfprintOutputAndSurvivesBrokenCopies() async throws {
        let (reader, feeder) = try await VirtualReader.reader()
        let images = (0..<5).map { synthetic.image(finger: 71, impression: UInt64($0)) }
        let (template, _) = try await VirtualReader.enroll(images, reader: reader, feeder: feeder, finger: .leftMiddle)
        let bytes = template.bytes
        let parsed = try PrintTemplate(serialized: bytes)
        #expect(parsed.kind == .nbis)
        #expect(parsed.libfprintFinger == 3)  // libfprint: left middle
        #expect(parsed.deviceStored == false)
        // libfprint leaves the date unset unless the application sets one; we do not.
        #expect(parsed.enrollJulianDay == nil)
        for set in parsed.minutiaeSets {
            #expect(set.count > 0)
            // Coordinates lie within the 300×400 image; angles are bozorth3's degrees, -180…180.
            #expect(set.allSatisfy { (0..<300).contains($0.x) && (0..<400).contains($0.y) && (-180...180).contains($0.angle) })
        }

        var outcomes = (parsed: 0, refused: 0)
        func attempt(_ candidate: [UInt8]) {
            do {
                _ = try PrintTemplate(serialized: candidate)
                outcomes.parsed += 1
            } catch {
                outcomes.refused += 1
            }
        }
        for length in 0..<bytes.count { attempt(Array(bytes[0..<length])) }
        var random = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            var broken = bytes
            for _ in 0..<Int.random(in: 1...8, using: &random) {
                let index = Int.random(in: 0..<broken.count, using: &random)
                broken[index] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &random)
            }
            attempt(broken)
        }
        for _ in 0..<500 {
            let cut = Int.random(in: 3..<bytes.count, using: &random)
            attempt(Array(bytes[0..<cut]) + (0..<Int.random(in: 0..<200, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
        }
        // Truncations must all be refused: a shorter print is never a valid one here.
        #expect(outcomes.refused >= bytes.count)
        #expect(outcomes.parsed + outcomes.refused == bytes.count + 3500)
    }
}
