import Camera
import Imaging
import Testing
import TestSupport

/// One frame → RGB conversion for every format a camera may be set to, reading rows with
/// the driver's stride: drivers pad rows (to 16 or 64 bytes) and a conversion that ignored
/// `bytesPerLine` would shear the picture, or read past a short frame.
@Suite struct FrameRGBTests {
    static func frame(_ bytes: [UInt8], _ pixelFormat: PixelFormat, width: Int, height: Int, bytesPerLine: Int) -> Frame {
        Frame(bytes: bytes, format: CaptureFormat(size: FrameSize(width: width, height: height), pixelFormat: pixelFormat,
                                                  bytesPerLine: bytesPerLine, sizeImage: bytes.count),
              sequence: 0, timestamp: .zero)
    }

    @Test(arguments: [0, 7, 7 + 9])
    func greyRowsAreReadWithTheirStride(_ padding: Int) throws {
        let width = 7, height = 5, stride = width + padding
        // Pixel (x, y) is 10y + x; padding bytes are 255, which must not show. Drivers may
        // leave the last row's padding off: it is left off in the middle case.
        var bytes = [UInt8]()
        for y in 0..<height {
            bytes += (0..<width).map { UInt8(10 * y + $0) }
            if y < height - 1 || padding > 7 { bytes += [UInt8](repeating: 255, count: padding) }
        }
        let rgb = try Self.frame(bytes, .grey, width: width, height: height, bytesPerLine: padding == 0 ? 0 : stride).rgb()
        #expect(rgb.width == width && rgb.height == height)
        let expected = (0..<height).flatMap { y in (0..<width).flatMap { x in [UInt8](repeating: UInt8(10 * y + x), count: 3) } }
        #expect(rgb.pixels == expected)
    }

    @Test func yuyvRowsAreReadWithTheirStride() throws {
        let width = 4, height = 3, stride = width * 2 + 8
        var generator = SeededGenerator(seed: 42)
        let packed = (0..<(width * 2 * height)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        var padded = [UInt8]()
        for row in 0..<height { padded += packed[(row * width * 2)..<((row + 1) * width * 2)] + [UInt8](repeating: 0xFF, count: 8) }
        let plain = try Self.frame(packed, .yuyv, width: width, height: height, bytesPerLine: width * 2).rgb()
        #expect(try Self.frame(padded, .yuyv, width: width, height: height, bytesPerLine: stride).rgb() == plain)
    }

    @Test func jpegFramesAreDecoded() throws {
        let gray = GrayImage(width: 16, height: 8, pixels: [UInt8](repeating: 128, count: 128))
        let jpeg = try JPEGEncoder().encode(gray)
        let rgb = try Self.frame(jpeg, .mjpeg, width: 16, height: 8, bytesPerLine: 0).rgb(decoder: JPEGDecoder())
        #expect(rgb.width == 16 && rgb.height == 8)
        #expect(rgb.pixels.allSatisfy { abs(Int($0) - 128) <= 2 })
    }

    /// Short, hostile and foreign frames are refused with an error, never a trap.
    @Test(arguments: [
        (PixelFormat.grey, [UInt8](repeating: 0, count: 7 * 5 - 1), 7, 0),      // one byte short
        (PixelFormat.grey, [UInt8](repeating: 0, count: 16 * 4 + 7 - 1), 7, 16), // short with the stride
        (PixelFormat.grey, [UInt8](repeating: 0, count: 64), 7, 3),              // stride below the width
        (PixelFormat.yuyv, [UInt8](repeating: 0, count: 8 * 2 * 5 - 2), 8, 0),   // one pixel pair short
        (PixelFormat.mjpeg, [0xFF, 0xD8, 0xFF, 0xE0, 0, 0], 7, 0),               // a torn JPEG
        (PixelFormat("NV12"), [UInt8](repeating: 0, count: 7 * 5 * 2), 7, 0),    // never chosen
    ])
    func brokenFramesAreRefused(_ format: PixelFormat, _ bytes: [UInt8], _ width: Int, _ bytesPerLine: Int) {
        #expect(throws: ImagingError.self) { try Self.frame(bytes, format, width: width, height: 5, bytesPerLine: bytesPerLine).rgb() }
    }

    @Test func oversizedFramesAreRefusedBeforeAllocating() {
        let huge = Self.frame([0, 0, 0, 0], .grey, width: 100_000, height: 100_000, bytesPerLine: 0)
        #expect(throws: ImagingError.tooLarge("")) { try huge.rgb() }
    }
}
