import EnrollCore
import Foundation
import Imaging
import Testing
@testable import FingerprintQuality

/// The assessor with NIST's forest: which model scored is said, the native measures are
/// reported, and hostile images neither crash nor leave NaN in what the forest is given.
@Suite(.enabled(if: NFIQ2Reference.haveForest, "needs NFIQ 2's forest (scripts/install-nfiq2-model)"))
struct ForestQualityTests {
    static let forest = try? QualityForest(contentsOf: URL(fileURLWithPath: NFIQ2Reference.forestPath))

    static func synthetic(finger: UInt64, width: Int = 400, height: Int = 400) -> FingerprintImage {
        var generator = SyntheticFingerprint()
        generator.width = width
        generator.height = height
        return generator.image(finger: finger, impression: 1)
    }

    @Test func aPrintIsScoredByTheForestWithEveryNativeMeasure() throws {
        let quality = FingerprintQuality(forest: try #require(Self.forest))
        let result = quality.assess(Self.synthetic(finger: 3))
        #expect(result.measures[FingerprintQuality.forestMeasure] == 1)
        let native = result.measures.keys.filter { $0.hasPrefix(NativeQualityMeasures.prefix) }
        #expect(native.count == 69)
        #expect(native.allSatisfy { result.measures[$0]?.isFinite == true })
        #expect((0...100).contains(result.score))
        // Without the forest the same print gets the linear score, and says so.
        let linear = FingerprintQuality().assess(Self.synthetic(finger: 3))
        #expect(linear.measures[FingerprintQuality.forestMeasure] == 0)
        #expect(!linear.measures.keys.contains { $0.hasPrefix(NativeQualityMeasures.prefix) })
    }

    @Test func blankAndHostileImagesGiveNoFingerprintOrFiniteMeasures() throws {
        let quality = FingerprintQuality(forest: try #require(Self.forest))
        var noise = SeededNoise(seed: 11)
        let cases: [(String, FingerprintImage)] = [
            ("white", FingerprintQualityTests.image(400, 400) { _, _ in 255 }),
            ("black", FingerprintQualityTests.image(400, 400) { _, _ in 0 }),
            ("gray", FingerprintQualityTests.image(400, 400) { _, _ in 128 }),
            ("noise", FingerprintQualityTests.image(400, 400) { _, _ in noise.next() * 255 }),
            ("one block", FingerprintQualityTests.image(32, 32) { x, _ in Double(x % 9) * 28 }),
            ("under a block", FingerprintQualityTests.image(31, 400) { x, _ in Double(x % 9) * 28 }),
            ("a line", FingerprintQualityTests.image(2000, 1) { x, _ in Double(x % 9) * 28 }),
            ("tall strip", Self.synthetic(finger: 2, width: 40, height: 1200)),
        ]
        for (name, image) in cases {
            let result = quality.assess(image)
            #expect((0...100).contains(result.score), "\(name)")
            #expect(result.measures.values.allSatisfy { !$0.isNaN }, "\(name): \(result.measures.filter { $0.value.isNaN }.keys.sorted())")
            if ["white", "black", "gray", "noise"].contains(name) { #expect(result.feedback == [FingerFeedback.noFingerprint], "\(name)") }
        }
    }

    /// NFIQ 2 refuses prints with fewer than ten blocks of ridges; the kiosk gives them the
    /// lowest score and asks for more of the finger.
    @Test func aPrintNFIQ2CannotMeasureScoresZeroAndSaysTooSmall() throws {
        let quality = FingerprintQuality(forest: try #require(Self.forest))
        // A 96×96 patch of ridges on a white platen: at most nine blocks.
        let strip = FingerprintQualityTests.image(400, 400) { x, y in (152..<248).contains(y) && (152..<248).contains(x) ? 128 + 90 * sin(Double(x + y / 3) * 0.7) : 255 }
        #expect(NativeQualityMeasures(strip, minutiae: .typical, skeleton: []) == nil)
        let result = quality.assess(strip)
        #expect(result.score == 0 && !result.acceptable)
        #expect(result.feedback.contains(FingerFeedback.tooSmall) || result.feedback == [FingerFeedback.noFingerprint], "\(result.feedback)")
        #expect(result.measures[FingerprintQuality.forestMeasure] == 1)
    }

    @Test func tooLittleInsideTheFrameIsNotMeasured() {
        // All near-white but a 20×20 patch: NFIQ 2 has nothing to measure.
        let patch = FingerprintQualityTests.image(400, 400) { x, y in (190..<210).contains(x) && (190..<210).contains(y) ? Double((x + y) % 8) * 30 : 255 }
        #expect(NativeQualityMeasures(patch, minutiae: .typical, skeleton: []) == nil)
        #expect(NativeQualityMeasures(FingerprintQualityTests.image(400, 400) { _, _ in 255 }, minutiae: .typical, skeleton: []) == nil)
    }

    @Test func skeletonMinutiaeStandInWhenAsked() throws {
        let print = Self.synthetic(finger: 5)
        let measures = FingerMeasures(measuring: print)
        #expect(!measures.minutiaPoints.isEmpty)
        let typical = try #require(NativeQualityMeasures(print, minutiae: .typical, skeleton: measures.minutiaPoints))
        let skeleton = try #require(NativeQualityMeasures(print, minutiae: .skeleton, skeleton: measures.minutiaPoints))
        #expect(typical.values["FingerJetFX_MinutiaeCount"] == MinutiaeMeasures.typical["FingerJetFX_MinutiaeCount"])
        #expect(skeleton.values["FingerJetFX_MinutiaeCount"] == Double(measures.minutiaPoints.count))
        #expect((0...1).contains(skeleton.values["FJFXPos_OCL_MinutiaeQuality_80"] ?? -1))
        // The other 65 do not depend on the minutiae.
        for name in NativeMeasureNames.forestOrder where !NativeMeasureNames.minutiae.contains(name) {
            #expect(typical.values[name] == skeleton.values[name], "\(name)")
        }
    }
}
