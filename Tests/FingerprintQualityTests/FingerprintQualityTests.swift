import EnrollCore
import FingerprintQuality
import Foundation
import Imaging
import Testing

/// Non-fingerprints score at the bottom with `no_fingerprint`; hostile sizes do not crash.
@Suite struct FingerprintQualityTests {
    let quality = FingerprintQuality()

    static func image(_ width: Int, _ height: Int, _ value: (Int, Int) -> Double) -> FingerprintImage {
        var pixels = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width { pixels[y * width + x] = UInt8(min(255, max(0, value(x, y)))) }
        }
        return FingerprintImage(width: width, height: height, pixels: pixels)
    }

    static func expectNoFingerprint(_ result: CaptureQuality, _ what: String) {
        #expect(result.score == 0, "\(what): score \(result.score)")
        #expect(result.feedback == [FingerFeedback.noFingerprint], "\(what): \(result.feedback)")
        #expect(!result.acceptable, "\(what)")
    }

    @Test func blankFramesAreNoFingerprint() {
        for value in [0.0, 128, 255] {
            Self.expectNoFingerprint(quality.assess(Self.image(400, 400) { _, _ in value }), "blank \(value)")
        }
    }

    @Test func gradientIsNoFingerprint() {
        Self.expectNoFingerprint(quality.assess(Self.image(400, 400) { x, y in Double(x + y) * 255 / 800 }), "gradient")
    }

    /// A generated landscape: sky gradient, rolling hills, a noisy textured field.
    @Test func landscapeIsNoFingerprint() {
        var noise = SeededNoise(seed: 7)
        let landscape = Self.image(400, 400) { x, y in
            let hills: Double = 30 * sin(Double(x) / 45) + 12 * sin(Double(x) / 13)
            let field: Double = 90 + 40 * sin(Double(x * y) / 900) + noise.next() * 50
            return Double(y) < 180 + hills ? 230 - Double(y) / 3 : field
        }
        Self.expectNoFingerprint(quality.assess(landscape), "landscape")
    }

    @Test func randomNoiseIsNoFingerprint() {
        var noise = SeededNoise(seed: 3)
        Self.expectNoFingerprint(quality.assess(Self.image(400, 400) { _, _ in noise.next() * 255 }), "noise")
    }

    /// Parallel straight stripes at a ridge period are oriented, clear and periodic, but
    /// have no minutiae: a printed pattern held to the reader, not a finger.
    @Test func stripesAreNoFingerprint() {
        Self.expectNoFingerprint(quality.assess(Self.image(400, 400) { x, _ in 128 + 100 * sin(Double(x) * 2 * .pi / 9) }), "stripes")
    }

    @Test func hostileSizesDoNotCrash() {
        for (width, height) in [(0, 0), (1, 1), (15, 15), (16, 16), (1, 5000), (5000, 1), (33, 17)] {
            let result = quality.assess(Self.image(width, height) { x, y in Double((x * 7 + y * 3) % 255) })
            #expect(result.score == 0 && result.feedback == [FingerFeedback.noFingerprint], "\(width)x\(height): \(result)")
        }
    }

    @Test func solidBlackSquareOnWhiteDoesNotHang() {
        // The thinning pass limit bounds a shape that would otherwise take 100 passes.
        let square = Self.image(400, 400) { x, y in (100..<300).contains(x) && (100..<300).contains(y) ? 0 : 255 }
        Self.expectNoFingerprint(quality.assess(square), "black square")
    }
}

/// A small deterministic generator, so the test images are the same on every run.
struct SeededNoise {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
    /// Uniform in 0..<1.
    mutating func next() -> Double {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return Double(state >> 11) / Double(1 << 53)
    }
}
