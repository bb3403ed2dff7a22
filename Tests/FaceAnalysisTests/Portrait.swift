import FaceAnalysis
import Foundation
import Imaging
import TestSupport

/// Test frames made from the fixture portrait: the astronaut's head and shoulders enlarged
/// to a 640×480 frame the way a kiosk camera sees a person, and degradations of it.
enum Portrait {
    static let path = SharedFixtures.path("faces/skimage/astronaut.png")
    static let available = FileManager.default.fileExists(atPath: path)
        && FileManager.default.fileExists(atPath: LandmarkDetector.defaultModelPath)
    static let reason = "needs ../shared/fixtures/faces and libdlib-data's landmark model"

    /// One detector for the whole test run: loading the model takes about a second.
    nonisolated(unsafe) static var shared: LandmarkDetector?
    static let lock = NSLock()
    static func detector() throws -> LandmarkDetector {
        lock.lock()
        defer { lock.unlock() }
        if let shared { return shared }
        let made = try LandmarkDetector()
        shared = made
        return made
    }

    static func analyzer(_ configure: (inout FaceLimits) -> Void = { _ in }) throws -> FaceAnalyzer {
        var limits = FaceLimits()
        limits.detectionWidth = 0
        configure(&limits)
        return FaceAnalyzer(detector: try detector(), limits: limits)
    }

    static func source() throws -> RGBImage { try ImageFile.readRGB(path: path) }

    /// Crops `(x, y, width, height)` of an RGB image and scales it to `size`.
    static func crop(_ image: RGBImage, _ x: Int, _ y: Int, _ width: Int, _ height: Int, to size: (Int, Int)) -> RGBImage {
        var channels: [GrayImage] = []
        for channel in 0..<3 {
            var plane = [UInt8](repeating: 0, count: width * height)
            for row in 0..<height {
                for column in 0..<width { plane[row * width + column] = image.pixels[((y + row) * image.width + x + column) * 3 + channel] }
            }
            channels.append(GrayImage(width: width, height: height, pixels: plane).resized(width: size.0, height: size.1))
        }
        var rgb = [UInt8](repeating: 0, count: size.0 * size.1 * 3)
        for index in 0..<(size.0 * size.1) {
            for channel in 0..<3 { rgb[index * 3 + channel] = channels[channel].pixels[index] }
        }
        return RGBImage(width: size.0, height: size.1, pixels: rgb)
    }

    /// The head and shoulders at 640×480: eye distance ≈ 100 px, face centred.
    static func frame() throws -> RGBImage { crop(try source(), 90, 10, 256, 192, to: (640, 480)) }

    static func map(_ image: RGBImage, _ transform: (Int, Int, Int, Double) -> Double) -> RGBImage {
        var out = image
        for y in 0..<image.height {
            for x in 0..<image.width {
                for c in 0..<3 {
                    let i = (y * image.width + x) * 3 + c
                    out.pixels[i] = UInt8(min(255, max(0, transform(x, y, c, Double(image.pixels[i])).rounded())))
                }
            }
        }
        return out
    }

    /// Box blur of radius r, twice (close to a Gaussian).
    static func blurred(_ image: RGBImage, radius r: Int) -> RGBImage {
        var out = image
        for _ in 0..<2 {
            let source = out
            out = map(source) { x, y, c, _ in
                var sum = 0.0, count = 0.0
                for dy in -r...r {
                    let yy = min(max(y + dy, 0), source.height - 1)
                    for dx in -r...r {
                        let xx = min(max(x + dx, 0), source.width - 1)
                        sum += Double(source.pixels[(yy * source.width + xx) * 3 + c]); count += 1
                    }
                }
                return sum / count
            }
        }
        return out
    }

    /// Rotated by `degrees` about the centre, mid-gray outside.
    static func rotated(_ image: RGBImage, degrees: Double) -> RGBImage {
        let a = degrees * .pi / 180
        let (cx, cy) = (Double(image.width) / 2, Double(image.height) / 2)
        return map(image) { x, y, c, _ in
            let (dx, dy) = (Double(x) - cx, Double(y) - cy)
            let sx = Int((cx + cos(a) * dx + sin(a) * dy).rounded()), sy = Int((cy - sin(a) * dx + cos(a) * dy).rounded())
            guard sx >= 0, sy >= 0, sx < image.width, sy < image.height else { return 128 }
            return Double(image.pixels[(sy * image.width + sx) * 3 + c])
        }
    }

    static func gray(_ image: RGBImage) -> GrayImage { image.luma }
}
