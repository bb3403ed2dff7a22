import Testing
import TestSupport
@testable import Imaging

@Suite struct YUYVConverterTests {
    /// A frame where every pixel pair is (y0, u, y1, v).
    static func frame(width: Int, height: Int, _ pair: (UInt8, UInt8, UInt8, UInt8)) -> [UInt8] {
        [pair.0, pair.1, pair.2, pair.3].repeated(width * height / 2)
    }

    @Test(arguments: [
        // (Y, U, V) → RGB, BT.601 limited range
        ((16, 128, 128), (0, 0, 0)),
        ((235, 128, 128), (255, 255, 255)),
        ((126, 128, 128), (128, 128, 128)),
        ((81, 90, 240), (255, 0, 0)),
        ((145, 54, 34), (0, 255, 1)),
        ((41, 240, 110), (0, 0, 255)),
    ] as [((UInt8, UInt8, UInt8), (UInt8, UInt8, UInt8))])
    func knownColours(_ yuv: (UInt8, UInt8, UInt8), _ rgb: (UInt8, UInt8, UInt8)) throws {
        // 34 pixels wide: two SIMD steps of 16 and a scalar tail of 2.
        let width = 34, height = 3
        let bytes = Self.frame(width: width, height: height, (yuv.0, yuv.1, yuv.0, yuv.2))
        let (gray, image) = try YUYVConverter.convert(bytes, width: width, height: height)
        #expect(gray.pixels.allSatisfy { $0 == yuv.0 })
        for pixel in 0..<(width * height) {
            let got = (image.pixels[pixel * 3], image.pixels[pixel * 3 + 1], image.pixels[pixel * 3 + 2])
            #expect(abs(Int(got.0) - Int(rgb.0)) <= 1 && abs(Int(got.1) - Int(rgb.1)) <= 1 && abs(Int(got.2) - Int(rgb.2)) <= 1,
                    "pixel \(pixel): \(got) for YUV \(yuv)")
        }
    }

    /// The SIMD path and a plain scalar formula agree on random data, with a padded stride.
    @Test(arguments: [(16, 2), (18, 3), (640, 4), (50, 5)])
    func simdMatchesScalarReference(_ width: Int, _ height: Int) throws {
        var generator = SeededGenerator(seed: UInt64(width * 1000 + height))
        let stride = width * 2 + 12
        let bytes = (0..<(stride * height)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let (gray, rgb) = try YUYVConverter.convert(bytes, width: width, height: height, bytesPerLine: stride)
        #expect(try YUYVConverter.gray(bytes, width: width, height: height, bytesPerLine: stride) == gray)
        for row in 0..<height {
            for x in 0..<width {
                let base = row * stride + (x / 2) * 4
                let y = Int32(bytes[base + (x % 2) * 2]), u = Int32(bytes[base + 1]) - 128, v = Int32(bytes[base + 3]) - 128
                let c = (y - 16) * 298 + 128
                let expected = [(c + 409 * v) >> 8, (c - 100 * u - 208 * v) >> 8, (c + 516 * u) >> 8].map { UInt8(min(max($0, 0), 255)) }
                let index = (row * width + x) * 3
                #expect(Array(rgb.pixels[index..<index + 3]) == expected, "row \(row) x \(x)")
                #expect(gray.pixels[row * width + x] == UInt8(y))
            }
        }
    }

    @Test func shortFrameIsAnErrorNotACrash() {
        let bytes = [UInt8](repeating: 0, count: 640 * 480 * 2 - 1)
        #expect(throws: ImagingError.self) { try YUYVConverter.convert(bytes, width: 640, height: 480) }
        #expect(throws: ImagingError.self) { try YUYVConverter.gray([], width: 640, height: 480) }
    }

    /// Fuzz-style: random sizes, strides and lengths (hostile or torn frames) either convert
    /// into images of the stated size or throw; none may crash. Seeded, so failures reproduce.
    @Test func randomGeometryNeverCrashes() {
        var generator = SeededGenerator(seed: 42)
        var converted = 0, refused = 0
        for _ in 0..<3000 {
            let width = Int.random(in: -2...70, using: &generator), height = Int.random(in: -2...40, using: &generator)
            let stride = Int.random(in: -4...200, using: &generator)
            let bytes = [UInt8](repeating: 0x7f, count: Int.random(in: 0...6000, using: &generator))
            do {
                let (gray, rgb) = try YUYVConverter.convert(bytes, width: width, height: height, bytesPerLine: stride)
                #expect(gray.pixels.count == width * height && rgb.pixels.count == width * height * 3)
                converted += 1
            } catch {
                refused += 1
            }
        }
        #expect(converted > 100 && refused > 100, "converted \(converted), refused \(refused)")
    }

    @Test func oddWidthZeroSizeAndOversizeAreRefused() {
        let bytes = [UInt8](repeating: 0, count: 1000)
        #expect(throws: ImagingError.self) { try YUYVConverter.convert(bytes, width: 5, height: 2) }
        #expect(throws: ImagingError.self) { try YUYVConverter.convert(bytes, width: 0, height: 2) }
        #expect(throws: ImagingError.tooLarge("20000x2 exceeds the limit of 8192 a side and 12582912 pixels")) {
            try YUYVConverter.convert(bytes, width: 20000, height: 2)
        }
        #expect(throws: ImagingError.self) { try YUYVConverter.convert(bytes, width: 10, height: 2, bytesPerLine: 8) }
    }
}

extension Array {
    func repeated(_ count: Int) -> [Element] { Array([[Element]](repeating: self, count: count).joined()) }
}

