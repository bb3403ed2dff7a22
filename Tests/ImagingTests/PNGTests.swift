import EnrollCore
import Imaging
import Testing

/// PNG written by us, read back by us; filters and colour types against hand-made files.
@Suite struct PNGTests {
    @Test func roundTripKeepsEveryPixel() throws {
        let pixels = (0..<(37 * 23)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 / 37) }
        let image = FingerprintImage(width: 37, height: 23, pixels: pixels, pixelsPerInch: 500)
        let decoded = try PNG.decode(PNG.encode(image))
        #expect(decoded.width == 37 && decoded.height == 23 && decoded.channels == 1)
        #expect(decoded.gray() == image)
    }

    @Test func alphaIsThePrintAsInLibfprintsTests() throws {
        // 2×1 gray+alpha: the alpha channel is what the sensor gets.
        let raster = RasterImage(width: 2, height: 1, channels: 2, samples: [0, 255, 9, 17])
        #expect(raster.gray().pixels == [255, 17])
    }

    @Test(arguments: [[UInt8](), [0x89, 0x50], Array("not a png at all".utf8)])
    func refusesWhatIsNotPNG(_ bytes: [UInt8]) {
        #expect(throws: ImagingError.self) { try PNG.decode(bytes) }
    }

    @Test func truncatedFilesAreErrorsNotCrashes() throws {
        let png = PNG.encode(SyntheticFingerprint().image(finger: 1, impression: 0))
        for length in stride(from: 0, to: png.count, by: max(1, png.count / 200)) {
            #expect(throws: ImagingError.self) { try PNG.decode(Array(png[0..<length])) }
        }
    }
}
