import EnrollCore
import Fingerprint
import Foundation
import Imaging
import Testing
import TestSupport

/// Real impressions: FVC2002 DB1_B (8 per finger) and the NIST example prints, through
/// the virtual reader. Skipped when ../shared/fixtures is absent.
extension VirtualImageReaderTests {
    static func fvc(_ finger: Int, _ impression: Int) throws -> FingerprintImage {
        try ImageFile.read(path: SharedFixtures.path("\(SharedFixtures.fvc2002)/\(finger)_\(impression).tif"))
    }

    @Test(.enabled(if: SharedFixtures.exists(SharedFixtures.fvc2002), "needs ../shared/fixtures/fvc2002"))
    func fvc2002EnrollVerifyAndIdentify() async throws {
        let (reader, feeder) = try await VirtualReader.reader()
        let image = try Self.fvc(101, 1)
        #expect(image.width == 388 && image.height == 374)
        var gallery: [FingerprintTemplate] = []
        for finger in [101, 102, 103] {
            gallery.append(try await VirtualReader.enroll(try (1...5).map { try Self.fvc(finger, $0) }, reader: reader, feeder: feeder).0)
        }
        // FVC2002 DB1 is hard for NBIS (EER ≈ 4 %): accept either later impression matching.
        var genuine: [VerifyOutcome] = []
        for impression in [6, 7] {
            async let outcome = reader.verify(gallery[0])
            try await VirtualReader.present(try Self.fvc(101, impression), on: reader, feeder: feeder)
            genuine.append(try await outcome)
        }
        #expect(genuine.contains(.match), "101_6 and 101_7 against 101_1…5: \(genuine)")

        async let impostor = reader.verify(gallery[0])
        try await VirtualReader.present(try Self.fvc(104, 1), on: reader, feeder: feeder)
        #expect(try await impostor == .noMatch)

        async let found = reader.identify(gallery)
        try await VirtualReader.present(try Self.fvc(103, 8), on: reader, feeder: feeder)
        let outcome = try await found
        #expect(outcome == .match(index: 2) || outcome == .noMatch, "103_8 identified as \(outcome)")
    }

    @Test(.enabled(if: SharedFixtures.exists(SharedFixtures.nistPrints), "needs ../shared/fixtures/nist-example-prints"))
    func nistPrintsWithGeneratedImpressions() async throws {
        let (reader, feeder) = try await VirtualReader.reader()
        let variation = ImpressionVariation()
        var gallery: [FingerprintTemplate] = []
        let names = ["arch", "loop-right", "tented_arch", "whorl"]
        var originals: [FingerprintImage] = []
        for name in names {
            let original = try ImageFile.read(path: SharedFixtures.path("\(SharedFixtures.nistPrints)/\(name).png"))
            originals.append(original)
            let impressions = (0..<5).map { variation.apply(to: original, seed: UInt64($0)) }
            gallery.append(try await VirtualReader.enroll(impressions, reader: reader, feeder: feeder).0)
        }
        // 1:1, each new impression against its own finger's template.
        for (index, original) in originals.enumerated() {
            async let outcome = reader.verify(gallery[index])
            try await VirtualReader.present(variation.apply(to: original, seed: 99), on: reader, feeder: feeder)
            let result = try await outcome
            #expect(result == .match, "\(names[index]) against itself: \(result)")
        }
        // Not asserted with identify: libfprint's identify answers the *first* gallery entry
        // over its threshold (40), and arch vs loop-right was seen to score 41. Large or
        // similar galleries need a best-score search outside libfprint.
    }
}
