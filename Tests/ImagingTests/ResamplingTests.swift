import EnrollCore
import Imaging
import Testing

/// Resampling and colour helpers the quality checks rely on, and the colour reader on bad files.
@Suite struct ResamplingTests {
    @Test func resampledToHalfThePPIHalvesTheSizeAndKeepsFlatGray() {
        let image = FingerprintImage(width: 100, height: 60, pixels: [UInt8](repeating: 77, count: 6000), pixelsPerInch: 1000)
        let half = image.resampled(toPPI: 500)
        #expect(half.width == 50 && half.height == 30 && half.pixelsPerInch == 500)
        #expect(half.pixels.allSatisfy { $0 == 77 })
        let same = FingerprintImage(width: 10, height: 10, pixels: [UInt8](repeating: 1, count: 100), pixelsPerInch: 502)
        #expect(same.resampled(toPPI: 500) == same)  // within 1 %: left alone
    }

    @Test func resizedKeepsARampMonotonic() {
        let ramp = GrayImage(width: 256, height: 4, pixels: (0..<1024).map { UInt8($0 % 256) })
        for width in [17, 100, 128, 300] {
            let small = ramp.resized(width: width, height: 3)
            let row = Array(small.pixels.prefix(width))
            #expect(zip(row, row.dropFirst()).allSatisfy { $0 <= $1 }, "width \(width)")
            #expect(small.width == width && small.height == 3)
        }
        #expect(GrayImage(width: 1, height: 1, pixels: [9]).resized(width: 5, height: 5).pixels == [UInt8](repeating: 9, count: 25))
    }

    @Test func lumaUsesRec601() {
        let rgb = RGBImage(width: 3, height: 1, pixels: [255, 0, 0, 0, 255, 0, 0, 0, 255])
        #expect(rgb.luma.pixels == [76, 150, 29])
    }

    @Test(arguments: [
        [UInt8](), [0xFF, 0xD8], [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46], [0x89, 0x50, 0x4E, 0x47],
        [0x49, 0x49, 42, 0, 8, 0, 0, 0, 0xFF, 0xFF], Array("GIF89a".utf8), [UInt8](repeating: 0, count: 4096),
    ])
    func brokenFilesAreRefusedWithAReason(_ bytes: [UInt8]) {
        #expect(throws: ImagingError.self) { try ImageFile.rgb(bytes) }
    }
}
