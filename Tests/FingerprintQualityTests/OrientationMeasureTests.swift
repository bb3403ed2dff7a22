import Foundation
import Testing
@testable import FingerprintQuality

/// NFIQ 2's orientation, region-of-interest and gray-level measures on images built here, whose
/// answers follow from their construction.
@Suite struct OrientationMeasureTests {
    /// Sinusoidal ridges of `period` pixels whose normal points at `angle` (radians).
    static func stripes(width: Int, height: Int, period: Double = 9, angle: (Int, Int) -> Double = { _, _ in 0.3 }) -> GrayMatrix {
        var image = GrayMatrix(width: width, height: height)
        for row in 0..<height {
            for column in 0..<width {
                let theta = angle(row, column)
                let along = Double(column) * cos(theta) + Double(row) * sin(theta)
                image[row, column] = (127.5 + 100 * sin(2 * .pi * along / period)).rounded()
            }
        }
        return image
    }

    static func allMeasures(_ image: GrayMatrix) -> [String: Double] {
        var all = OrientationFlow.measures(image)
        for family in [OrientationCertainty.measures, GrayLevelMeans.measures, RegionOfInterest.measures] {
            all.merge(family(image)) { $1 }
        }
        return all
    }

    @Test func straightRidgesHaveNoOrientationChange() {
        let measures = OrientationFlow.measures(Self.stripes(width: 200, height: 200))
        // Every foreground block agrees with its neighbours: none exceeds the 4° minimum.
        let counts = (0...9).map { measures["OF_Bin10_\($0)"] }
        #expect(counts == [Double?](repeating: 0, count: 10))
    }

    @Test func ridgesTurningBetweenBlocksAreCounted() {
        // The orientation alternates by a right angle from one block column to the next.
        let image = Self.stripes(width: 260, height: 260) { _, column in (column - 2) / 32 % 2 == 0 ? 0 : .pi / 2 }
        let changes = OrientationFlow.localQualities(image)
        #expect(!changes.isEmpty)
        // Six of eight neighbours turned by 90°: (6 · 90° − 4°) / 86°, about 0.6.
        let expected = (6.0 / 8 * 90 - 4) / 86
        let farthest = changes.map { abs($0 - expected) }.max() ?? 0
        #expect(farthest < 0.05)
    }

    @Test func sharedSegmentationGivesTheSameFlow() {
        let image = Self.stripes(width: 200, height: 200) { row, _ in Double(row) / 200 }
        let segmentation = RidgeSegmentation(image, blockSize: 32, threshold: 0.1)
        #expect(OrientationFlow.measures(image, segmentation: segmentation) == OrientationFlow.measures(image))
    }

    @Test func certaintyOfKnownCovariances() {
        #expect(OrientationCertainty.certainty(a: 1, b: 0, c: 0) == 1)
        #expect(OrientationCertainty.certainty(a: 2, b: 2, c: 0) == 0)
        #expect(OrientationCertainty.certainty(a: 0, b: 0, c: 0) == nil)
    }

    @Test func straightRidgesAreCertainAndFlatBlocksSkipped() {
        let certainties = OrientationCertainty.blockCertainties(Self.stripes(width: 100, height: 70))
        // 3 × 2 full blocks; the partial ones at the right and bottom are left out.
        #expect(certainties.count == 6)
        #expect((certainties.min() ?? 0) > 0.95)
        #expect(OrientationCertainty.blockCertainties(GrayMatrix(width: 64, height: 64, repeating: 90)).isEmpty)
    }

    @Test func blockMeansWeighPartialBlocksFully() {
        // A 32-column block of 0 and a 16-column block of 240: Mu = 80, MMB = 120.
        var image = GrayMatrix(width: 48, height: 32)
        for row in 0..<32 { for column in 32..<48 { image[row, column] = 240 } }
        let measures = GrayLevelMeans.measures(image)
        #expect(measures["Mu"] == 80)
        #expect(measures["MMB"] == 120)
    }

    @Test func regionOfInterestIsTheDarkFinger() {
        // A dark disc with ridges, centred on a white 256×256 background.
        var image = GrayMatrix(width: 256, height: 256, repeating: 255)
        let ridges = Self.stripes(width: 256, height: 256)
        for row in 0..<256 {
            for column in 0..<256 where hypot(Double(row) - 128, Double(column) - 128) < 80 {
                image[row, column] = ridges[row, column] * 0.5
            }
        }
        let region = RegionOfInterest(image)
        #expect(region.mask[128 * 256 + 128])
        #expect(!region.mask[0])
        #expect(region.blocks.contains(RegionOfInterest.Block(top: 128, left: 128, height: 32, width: 32)))
        #expect(!region.blocks.contains(RegionOfInterest.Block(top: 0, left: 0, height: 32, width: 32)))
        #expect(region.meanGrayLevel < 128)
    }

    @Test func blankImageHasNoRegion() {
        let white = RegionOfInterest(GrayMatrix(width: 100, height: 100, repeating: 255))
        #expect(white.blocks.isEmpty)
        #expect(white.meanGrayLevel == 255)
        let measures = RegionOfInterest.measures(GrayMatrix(width: 100, height: 100, repeating: 255))
        #expect(measures["OrientationMap_ROIFilter_CoherenceRel"] == 0)
        #expect(measures["OrientationMap_ROIFilter_CoherenceSum"] == 0)
    }

    @Test func holesAreClosedAndOnlyTheLargestRegionKept() {
        // A 5×5 black ring around one white pixel, and a single black pixel apart from it.
        let width = 8, height = 7
        var black = [Bool](repeating: false, count: width * height)
        for row in 1...5 { for column in 1...5 where row == 1 || row == 5 || column == 1 || column == 5 { black[row * width + column] = true } }
        black[3 * width + 7] = true
        let closed = ByteImage.holesFilled(black, width: width, height: height)
        #expect(closed[3 * width + 3])
        let kept = ByteImage.largestRegion(closed, width: width, height: height)
        #expect(kept.filter { $0 }.count == 25)
        #expect(!kept[3 * width + 7])
    }

    @Test(arguments: [3, 5, 41, 91])
    func gaussianKernelIsSymmetricAndSumsToOne(size: Int) {
        let kernel = ByteImage.fixedPointGaussian(size: size)
        #expect(kernel.reduce(0, +) == 256)
        #expect(kernel == kernel.reversed())
        #expect(kernel[size / 2] == kernel.max())
    }

    /// The blur's vector sums against the plain double sum of the same fixed-point kernel,
    /// on a gray pattern and on a binary one (which takes the 16-bit path in both passes).
    @Test(arguments: [5, 41])
    func blurEqualsTheDirectSum(size: Int) {
        let width = 40, height = 30
        let gray = ByteImage(width: width, height: height, pixels: (0..<(width * height)).map { UInt8(($0 * 37 + $0 / width * 11) % 256) })
        let binary = ByteImage(width: width, height: height, pixels: (0..<(width * height)).map { ($0 % width) > 12 && ($0 / width) % 7 != 3 ? 255 : 0 })
        let kernel = ByteImage.fixedPointGaussian(size: size).map(Int.init)
        let radius = size / 2
        for image in [gray, binary] {
            var direct = [UInt8]()
            for row in 0..<height {
                for column in 0..<width {
                    var sum = 0
                    for i in 0..<size {
                        for j in 0..<size {
                            let source = ByteImage.reflected(row + i - radius, count: height) * width + ByteImage.reflected(column + j - radius, count: width)
                            sum += kernel[i] * kernel[j] * Int(image.pixels[source])
                        }
                    }
                    direct.append(UInt8((sum + 32768) >> 16))
                }
            }
            #expect(image.gaussianBlurred(size: size).pixels == direct)
        }
    }

    @Test func blurKeepsAUniformImage() {
        let image = ByteImage(width: 30, height: 20, pixels: [UInt8](repeating: 77, count: 600))
        #expect(image.gaussianBlurred(size: 91) == image)
    }

    @Test func reflectionStaysInsideNarrowImages() {
        #expect(ByteImage.reflected(-1, count: 5) == 1)
        #expect(ByteImage.reflected(5, count: 5) == 3)
        let landings = Set((-50...50).map { ByteImage.reflected($0, count: 3) })
        #expect(landings == [0, 1, 2])
        #expect(ByteImage.reflected(7, count: 1) == 0)
    }

    @Test func coherenceOfStripesAndOfAFlatBlock() {
        let stripes = Self.stripes(width: 32, height: 32)
        #expect(OrientationMapCoherence.coherence(stripes, top: 0, left: 0, height: 32, width: 32) > 0.9)
        #expect(OrientationMapCoherence.coherence(GrayMatrix(width: 32, height: 32, repeating: 7), top: 0, left: 0, height: 32, width: 32) == 0)
    }

    @Test(arguments: [(20, 20), (2, 2), (1, 40), (0, 0)])
    func smallOrUniformImagesGiveFiniteValues(width: Int, height: Int) {
        for image in [GrayMatrix(width: width, height: height, repeating: 128), Self.stripes(width: width, height: height)] {
            let measures = Self.allMeasures(image)
            #expect(measures.count == 29)
            let notFinite = measures.filter { !$0.value.isFinite }
            #expect(notFinite.isEmpty)
        }
    }
}
