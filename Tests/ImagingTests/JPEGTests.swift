import Foundation
import Testing
import TestSupport
@testable import Imaging

@Suite struct JPEGTests {
    static let fixture = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/fixtures/faces/derived/astronaut_q5.jpg").standardizedFileURL
    static let fixtureMissing = !FileManager.default.fileExists(atPath: fixture.path)

    /// A 320x240 image with edges and gradients, encoded by libturbojpeg.
    static func sampleJPEG(quality: Int = 85) throws -> (RGBImage, [UInt8]) {
        let width = 320, height = 240
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let i = (y * width + x) * 3
                pixels[i] = UInt8(x * 255 / width)
                pixels[i + 1] = UInt8(y * 255 / height)
                pixels[i + 2] = (x / 40 + y / 40) % 2 == 0 ? 200 : 40
            }
        }
        let image = RGBImage(width: width, height: height, pixels: pixels)
        return (image, try JPEGEncoder(quality: quality).encode(image))
    }

    @Test func encodeThenDecodeKeepsTheImage() throws {
        let (image, jpeg) = try Self.sampleJPEG(quality: 95)
        #expect(jpeg.starts(with: [0xFF, 0xD8]))
        let decoded = try JPEGDecoder().rgb(jpeg)
        #expect(decoded.width == 320 && decoded.height == 240)
        let error = zip(decoded.pixels, image.pixels).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) } / image.pixels.count
        #expect(error < 6, "mean absolute error \(error)")
        let gray = try JPEGDecoder().gray(jpeg)
        #expect(gray.pixels.count == 320 * 240)
    }

    @Test func grayStillEncodes() throws {
        let gray = GrayImage(width: 64, height: 48, pixels: (0..<(64 * 48)).map { UInt8($0 % 256) })
        let jpeg = try JPEGEncoder().encode(gray)
        #expect(try JPEGDecoder().gray(jpeg).width == 64)
    }

    @Test(.disabled(if: fixtureMissing, "fixture ../shared/fixtures/faces/derived/astronaut_q5.jpg is absent"))
    func realJPEGFileDecodes() throws {
        let jpeg = try [UInt8](Data(contentsOf: Self.fixture))
        let decoder = try JPEGDecoder()
        let (width, height) = try decoder.size(of: jpeg)
        let rgb = try decoder.rgb(jpeg)
        let gray = try decoder.gray(jpeg)
        #expect(rgb.width == width && rgb.height == height && gray.pixels.count == width * height)
        // A photo, not a flat field: the gray values spread.
        #expect(Set(gray.pixels).count > 50)
        // And it fails cleanly when cut short.
        #expect(throws: ImagingError.self) { try decoder.rgb(Array(jpeg.prefix(jpeg.count / 2))) }
    }

    /// UVC cameras send MJPEG without Huffman tables (DHT); libjpeg-turbo's defaults apply.
    @Test func mjpegWithoutHuffmanTablesDecodes() throws {
        let (_, jpeg) = try Self.sampleJPEG()
        let stripped = Self.removingSegments(0xC4, from: jpeg)
        #expect(stripped.count < jpeg.count)
        let decoded = try JPEGDecoder().rgb(stripped)
        #expect(decoded.width == 320)
    }

    @Test func truncatedEmptyAndForeignDataAreErrors() throws {
        let (_, jpeg) = try Self.sampleJPEG()
        let decoder = try JPEGDecoder()
        for cut in [2, 20, 200, jpeg.count / 2, jpeg.count - 2] {
            #expect(throws: ImagingError.self, "cut at \(cut)") { try decoder.rgb(Array(jpeg.prefix(cut))) }
        }
        #expect(throws: ImagingError.self) { try decoder.rgb([]) }
        #expect(throws: ImagingError.self) { try decoder.gray(Array("not a jpeg at all".utf8)) }
    }

    /// A header claiming 60000x60000 is refused before any pixel memory is allocated.
    @Test func oversizedHeaderIsRefused() throws {
        var (_, jpeg) = try Self.sampleJPEG()
        let sof = try #require(Self.segmentOffset(0xC0, in: jpeg))
        // SOF0: FF C0, length (2), precision (1), height (2), width (2)
        jpeg[sof + 5] = 0xEA; jpeg[sof + 6] = 0x60
        jpeg[sof + 7] = 0xEA; jpeg[sof + 8] = 0x60
        let error = #expect(throws: ImagingError.self) { try JPEGDecoder().rgb(jpeg) }
        #expect(error?.isTooLarge == true, "\(String(describing: error))")
    }

    /// Fuzz-style: thousands of damaged variants (bytes flipped, cut, spliced) must each
    /// decode or throw; none may crash. Seeded, so a failure reproduces.
    @Test func damagedFramesNeverCrash() throws {
        let (_, jpeg) = try Self.sampleJPEG(quality: 70)
        let decoder = try JPEGDecoder(limits: ImageLimits(maximumDimension: 4096, maximumPixels: 4096 * 4096))
        var generator = SeededGenerator(seed: 4)
        var failures = 0, successes = 0
        for round in 0..<1500 {
            var damaged = jpeg
            switch round % 3 {
            case 0:
                for _ in 0..<Int.random(in: 1...8, using: &generator) {
                    damaged[Int.random(in: 2..<damaged.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
                }
            case 1:
                damaged = Array(damaged.prefix(Int.random(in: 0..<damaged.count, using: &generator)))
            default:
                let at = Int.random(in: 0..<damaged.count, using: &generator)
                damaged.insert(contentsOf: (0..<Int.random(in: 1...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }, at: at)
            }
            do {
                let image = try decoder.gray(damaged)
                #expect(image.pixels.count == image.width * image.height)
                successes += 1
            } catch {
                failures += 1
            }
        }
        // Both outcomes occur: the corpus really exercises the error paths.
        #expect(failures > 100, "only \(failures) failures")
        #expect(successes + failures == 1500)
    }

    static func segmentOffset(_ marker: UInt8, in jpeg: [UInt8]) -> Int? {
        var index = 2
        while index + 4 < jpeg.count, jpeg[index] == 0xFF {
            if jpeg[index + 1] == marker { return index }
            index += 2 + Int(jpeg[index + 2]) << 8 + Int(jpeg[index + 3])
        }
        return nil
    }

    static func removingSegments(_ marker: UInt8, from jpeg: [UInt8]) -> [UInt8] {
        var out = Array(jpeg.prefix(2)), index = 2
        while index + 4 < jpeg.count, jpeg[index] == 0xFF, jpeg[index + 1] != 0xDA {
            let length = 2 + Int(jpeg[index + 2]) << 8 + Int(jpeg[index + 3])
            if jpeg[index + 1] != marker { out += jpeg[index..<index + length] }
            index += length
        }
        return out + jpeg[index...]
    }
}
