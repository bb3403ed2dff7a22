import Foundation
import Testing
@testable import FingerprintQuality

/// NFIQ 2's block-rotation measures (FDA, LCS, RVUP) on inputs built here, whose ridge
/// direction, period and widths are known. Agreement with NIST's own values on real prints is
/// checked against the FVC2002 reference tables elsewhere.
@Suite struct RotatedBlockMeasureTests {
    /// Parallel ridges: a cosine of the distance along `angle` (radians, the direction across
    /// the ridges), gray 128 ± 100.
    static func stripes(width: Int, height: Int, period: Double, angle: Double) -> GrayMatrix {
        var values = [Double]()
        values.reserveCapacity(width * height)
        for row in 0..<height {
            for column in 0..<width {
                let across = Double(column) * cos(angle) + Double(row) * sin(angle)
                values.append((128 + 100 * cos(2 * Double.pi * across / period)).rounded())
            }
        }
        return GrayMatrix(width: width, height: height, values: values)
    }

    static func window(_ pixel: (Int, Int) -> Double) -> RotatedBlocks.Window {
        let side = RotatedBlocks.paddedSide
        let values = (0..<(side * side)).map { pixel($0 / side, $0 % side) }
        return RotatedBlocks.Window(values: values, orientation: 0)
    }

    static let familyNames: [String] = ["FDA_Bin10_", "LCS_Bin10_", "RVUP_Bin10_"].flatMap { prefix in
        (0..<10).map { "\(prefix)\($0)" } + ["\(prefix)Mean", "\(prefix)StdDev"]
    }

    static func allMeasures(_ image: GrayMatrix) -> [String: Double] {
        let blocks = RotatedBlocks(image)
        return FrequencyDomainAnalysis.measures(blocks)
            .merging(LocalClarity.measures(blocks)) { first, _ in first }
            .merging(RidgeValleyUniformity.measures(blocks)) { first, _ in first }
    }

    // MARK: rotation

    @Test func noTurnCropsTheWindowAsIs() {
        let window = Self.window { row, column in Double(row * 40 + column) }
        // Unpadded, the source is the central 36×36: crop (r, c) is window (r + 2, c + 2).
        let plain = RotatedBlock.crop(window, padded: false, angle: 0, rows: 10..<26, columns: 2..<34)
        #expect(plain.width == 32 && plain.height == 16)
        #expect(plain[0, 0] == window.values[12 * 40 + 4])
        #expect(plain[15, 31] == window.values[27 * 40 + 35])
        // Padded, the source is the whole 40×40 window.
        let padded = RotatedBlock.crop(window, padded: true, angle: 0, rows: 2..<34, columns: 10..<26)
        #expect(padded[0, 0] == window.values[2 * 40 + 10])
        #expect(padded[31, 15] == window.values[33 * 40 + 25])
    }

    @Test func quarterTurnMakesRowsColumns() {
        // One bright row of the 36×36 source (window row 20 = source row 18).
        let window = Self.window { row, _ in row == 20 ? 255 : 10 }
        let turned = RotatedBlock.crop(window, padded: false, angle: Double.pi / 2, rows: 10..<26, columns: 2..<34)
        // Turned a quarter about (18, 18), the row becomes column 18 of the result: crop column 16.
        for row in 0..<turned.height {
            #expect(turned[row, 16] == 255)
            #expect(turned[row, 15] == 10 && turned[row, 17] == 10)
        }
    }

    @Test func samplesOutsideTheSourceAreBlack() {
        let window = Self.window { _, _ in 200 }
        // An eighth of a turn carries the crop's corners past the 36×36 source's edge.
        let turned = RotatedBlock.crop(window, padded: false, angle: Double.pi / 4, rows: 0..<36, columns: 0..<36)
        #expect(turned[0, 0] == 0)
        #expect(turned[18, 18] == 200)
    }

    // MARK: ridge-valley structure

    @Test func darkColumnsBelowTheTrendAreRidges() {
        // Square wave of period 8 (4 dark, 4 light) on a rising ramp across the columns.
        var crop = GrayMatrix(width: 32, height: 16)
        for row in 0..<16 {
            for column in 0..<32 { crop[row, column] = Double(column * 2) + ((column / 4) % 2 == 0 ? 50 : 150) }
        }
        let structure = RidgeValleyStructure(crop)
        #expect(structure.isRidge == (0..<32).map { ($0 / 4) % 2 == 0 })
        #expect(structure.threshold.count == 32)
    }

    // MARK: frequency domain analysis

    @Test func fourierTransformFindsTheFrequency() {
        let profile = (0..<32).map { 90 + 40 * cos(2 * Double.pi * 5 * Double($0) / 32) }
        let amplitudes = DiscreteFourier.amplitudes(profile)
        #expect(abs(amplitudes[0] - 90 * 32) < 1e-9)
        #expect(abs(amplitudes[5] - 40 * 16) < 1e-9 && abs(amplitudes[27] - 40 * 16) < 1e-9)
        #expect(amplitudes.enumerated().allSatisfy { [0, 5, 27].contains($0.offset) || $0.element < 1e-9 })
    }

    @Test(arguments: [32, 31, 12])
    func fourierAmplitudesMatchTheDefinition(length: Int) {
        // Power-of-two lengths take the FFT, others the direct sum; both are the DFT.
        let signal = (0..<length).map { Double(($0 * 37 + 5) % 11) * 13 }
        let amplitudes = DiscreteFourier.amplitudes(signal)
        #expect(amplitudes.count == length)
        for k in 0..<length {
            var re = 0.0, im = 0.0
            for (t, value) in signal.enumerated() {
                re += value * cos(2 * Double.pi * Double(k * t) / Double(length))
                im -= value * sin(2 * Double.pi * Double(k * t) / Double(length))
            }
            #expect(abs(amplitudes[k] - (re * re + im * im).squareRoot()) < 1e-9)
        }
    }

    @Test func flatProfileHasExactlyNoFrequencies() {
        // Exact zeros, as NFIQ 2's FFT gives: then no peak stands out and the block scores 1.
        #expect(DiscreteFourier.amplitudes([Double](repeating: 255, count: 32)).dropFirst().allSatisfy { $0 == 0 })
        #expect(FrequencyDomainAnalysis.score(profile: [Double](repeating: 255, count: 32)) == 1)
    }

    @Test func singleFrequencyScoresOneAndTwoEqualOnesHalf() {
        let pure = (0..<32).map { 128 + 60 * sin(2 * Double.pi * 4 * Double($0) / 32) }
        #expect(abs(FrequencyDomainAnalysis.score(profile: pure) - 1) < 1e-12)
        // Two equal frequencies share the denominator: (1 + 0) / 2.
        let two = (0..<32).map { 128 + 30 * cos(2 * Double.pi * 4 * Double($0) / 32) + 30 * cos(2 * Double.pi * 9 * Double($0) / 32) }
        #expect(abs(FrequencyDomainAnalysis.score(profile: two) - 0.5) < 1e-12)
    }

    // MARK: local clarity and uniformity

    @Test func cleanStripesAreClearAndThinOnesAreNot() {
        func bars(width: Int) -> GrayMatrix {
            var crop = GrayMatrix(width: 32, height: 16)
            for row in 0..<16 {
                for column in 0..<32 { crop[row, column] = (column / width) % 2 == 0 ? 40 : 220 }
            }
            return crop
        }
        // 8 px ridges and valleys: every pixel on its side of the line.
        #expect(LocalClarity.score(bars(width: 8)) == 1)
        // 1 px ridges are thinner than any ridge NFIQ 2 accepts at 500 ppi.
        #expect(LocalClarity.score(bars(width: 1)) == 0)
        // No change across the block: no structure at all.
        #expect(LocalClarity.score(GrayMatrix(width: 32, height: 16, repeating: 90)) == 0)
    }

    @Test func evenRidgesAndValleysGiveRatiosOfOne() {
        let even = (0..<32).map { ($0 / 4) % 2 == 0 }
        let ratios = RidgeValleyUniformity.ratios(even)
        #expect(!ratios.isEmpty && ratios.allSatisfy { $0 == 1 })
        // Ridges twice as wide as valleys: every ratio is ridge over valley.
        let uneven = (0..<32).map { $0 % 9 < 6 }
        let unevenRatios = RidgeValleyUniformity.ratios(uneven)
        #expect(!unevenRatios.isEmpty && unevenRatios.allSatisfy { $0 == 2 })
        #expect(RidgeValleyUniformity.ratios([Bool](repeating: true, count: 32)).isEmpty)
    }

    // MARK: whole prints

    /// Gray noise from a fixed linear congruential sequence, so every run sees the same image.
    static func noise(width: Int, height: Int) -> GrayMatrix {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let values = (0..<(width * height)).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 56)
        }
        return GrayMatrix(width: width, height: height, values: values)
    }

    @Test(arguments: [0.0, 0.5, 1.2, 2.4])
    func tiltedStripesScoreAsClearUniformRidges(angle: Double) {
        // A period of 8 px puts exactly four ridges in the 32-sample profile.
        let measures = Self.allMeasures(Self.stripes(width: 200, height: 200, period: 8, angle: angle))
        // Blocks start at 2, 34, …, 162 on each axis: 6 × 6 of them, all ridge area.
        for prefix in ["FDA_Bin10_", "LCS_Bin10_"] {
            #expect((0..<10).map { measures["\(prefix)\($0)"] ?? 0 }.reduce(0, +) == 36)
        }
        #expect(measures["FDA_Bin10_Mean"]! > 0.7)
        #expect(measures["LCS_Bin10_Mean"]! > 0.8)
        #expect(abs(measures["RVUP_Bin10_Mean"]! - 1) < 0.1)
    }

    @Test func noiseScoresBelowStripes() {
        let noise = Self.allMeasures(Self.noise(width: 200, height: 200))
        let stripes = Self.allMeasures(Self.stripes(width: 200, height: 200, period: 8, angle: 0.5))
        #expect(noise["FDA_Bin10_Mean"]! < stripes["FDA_Bin10_Mean"]! - 0.3)
        #expect(noise["LCS_Bin10_Mean"]! < stripes["LCS_Bin10_Mean"]! - 0.5)
        #expect(noise["RVUP_Bin10_StdDev"]! > stripes["RVUP_Bin10_StdDev"]!)
    }

    @Test func namesAreNFIQ2s() {
        let measures = Self.allMeasures(Self.stripes(width: 120, height: 120, period: 10, angle: 0.3))
        #expect(Set(measures.keys) == Set(Self.familyNames))
    }

    @Test(arguments: [(20, 20), (35, 400), (100, 100), (1, 1)])
    func blankAndTinyImagesGiveEmptyHistograms(width: Int, height: Int) {
        for gray in [0.0, 128, 255] {
            let measures = Self.allMeasures(GrayMatrix(width: width, height: height, repeating: gray))
            #expect(Set(measures.keys) == Set(Self.familyNames))
            #expect(measures.values.allSatisfy { $0 == 0 })
        }
    }

    @Test func noiseAndLargePrintsStayFinite() {
        for image in [Self.noise(width: 150, height: 130), Self.stripes(width: 1100, height: 900, period: 8, angle: 0.7)] {
            let measures = Self.allMeasures(image)
            #expect(measures.values.allSatisfy { $0.isFinite })
        }
    }
}
