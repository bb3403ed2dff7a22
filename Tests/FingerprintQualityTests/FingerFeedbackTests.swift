import EnrollCore
import FingerprintQuality
import Imaging
import Testing

/// Each defect a person can fix raises its own code, on a synthetic print degraded in the
/// test, and costs score against the clean print.
@Suite struct FingerFeedbackTests {
    let quality = FingerprintQuality()

    static let clean: FingerprintImage = {
        var generator = SyntheticFingerprint()
        generator.width = 400
        generator.height = 400
        return generator.image(finger: 3, impression: 0)
    }()

    static func map(_ image: FingerprintImage, _ transform: (Int, Int, Double) -> Double) -> FingerprintImage {
        var out = image
        for y in 0..<image.height {
            for x in 0..<image.width {
                out.pixels[y * image.width + x] = UInt8(min(255, max(0, transform(x, y, Double(image.pixels[y * image.width + x]))).rounded()))
            }
        }
        return out
    }

    @Test func cleanSyntheticPrintIsAcceptable() {
        let result = quality.assess(Self.clean)
        #expect(result.acceptable, "\(result)")
        #expect(result.feedback.isEmpty, "\(result.feedback)")
    }

    @Test func smallContactIsTooSmall() {
        // Only a 140×140 patch of the finger touched the platen.
        let small = Self.map(Self.clean) { x, y, v in (130..<270).contains(x) && (130..<270).contains(y) ? v : 255 }
        let result = quality.assess(small)
        #expect(result.feedback.contains(FingerFeedback.tooSmall), "\(result.feedback)")
        #expect(result.score < quality.assess(Self.clean).score)
    }

    @Test func printInACornerIsOffCentre() {
        let corner = Self.map(Self.clean) { x, y, v in x < 200 && y < 220 ? v : 255 }
        let result = quality.assess(corner)
        #expect(result.feedback.contains(FingerFeedback.offCentre), "\(result.feedback)")
    }

    @Test func faintPrintIsTooLight() {
        let faint = Self.map(Self.clean) { _, _, v in 255 - (255 - v) * 0.2 }
        let result = quality.assess(faint)
        #expect(result.feedback.contains(FingerFeedback.tooLight) || result.feedback.contains(FingerFeedback.noFingerprint), "\(result.feedback)")
        #expect(result.score < quality.assess(Self.clean).score)
    }

    @Test func pressedTooHardIsTooDark() {
        let dark = Self.map(Self.clean) { _, _, v in v * 0.3 }
        let result = quality.assess(dark)
        #expect(result.feedback.contains(FingerFeedback.tooDark), "\(result.feedback)")
    }

    @Test func lowContrastIsReported() {
        let flat = Self.map(Self.clean) { _, _, v in 128 + (v - 128) * 0.1 }
        let result = quality.assess(flat)
        #expect(result.feedback.contains(FingerFeedback.lowContrast) || result.feedback.contains(FingerFeedback.noFingerprint), "\(result.feedback)")
        #expect(result.score < quality.assess(Self.clean).score)
    }

    @Test func smudgeLowersTheScoreAndIsReported() {
        // A wet smear over the middle: blurred twice over more than a ridge period (one box
        // blur would leave ridges of inverted phase), and dark as wet skin is.
        let c = Self.clean
        func blur(_ image: FingerprintImage) -> FingerprintImage {
            Self.map(image) { x, y, v in
                guard (80..<320).contains(x), (80..<320).contains(y) else { return v }
                var sum = 0.0
                for dy in -5...5 { for dx in -5...5 { sum += Double(image.pixels[(y + dy) * image.width + x + dx]) } }
                return sum / 121
            }
        }
        let smudged = Self.map(blur(blur(c))) { x, y, v in (80..<320).contains(x) && (80..<320).contains(y) ? v * 0.5 : v }
        let result = quality.assess(smudged)
        #expect(result.feedback.contains(FingerFeedback.smudged), "\(result.feedback) \(result.measures)")
        #expect(result.score < quality.assess(c).score)
    }

    @Test func otherResolutionsAreResampledFirst() {
        // The same print stored at 1000 ppi (twice the pixels) must measure like the original.
        let c = Self.clean
        var double = [UInt8](repeating: 0, count: c.width * c.height * 4)
        for y in 0..<(c.height * 2) {
            for x in 0..<(c.width * 2) { double[y * c.width * 2 + x] = c.pixels[(y / 2) * c.width + x / 2] }
        }
        let big = FingerprintImage(width: c.width * 2, height: c.height * 2, pixels: double, pixelsPerInch: 1000)
        let (a, b) = (quality.assess(c), quality.assess(big))
        #expect(abs(a.score - b.score) <= 8, "500 ppi \(a.score), 1000 ppi \(b.score)")
        #expect(abs((a.measures["ridge_period"] ?? 0) - (b.measures["ridge_period"] ?? 0)) <= 1)
    }
}
