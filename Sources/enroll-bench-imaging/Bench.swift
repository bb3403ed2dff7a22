import Foundation
import Imaging

/// `swift run -c release enroll-bench-imaging [SECONDS]`: frames a second on one core for
/// the camera's conversions of a 1280x720 frame. Figures for the README, not a test.
@main
struct Bench {
    static func main() throws {
        let seconds = CommandLine.arguments.dropFirst().first.flatMap(Double.init) ?? 3
        let width = 1280, height = 720
        let yuyv = syntheticYUYV(width: width, height: height)
        let (_, rgb) = try YUYVConverter.convert(yuyv, width: width, height: height)
        let jpeg = try JPEGEncoder(quality: 85).encode(rgb)
        let decoder = try JPEGDecoder()
        let encoder = try JPEGEncoder(quality: 85)
        print("1280x720, \(seconds) s each, one thread; MJPEG frame \(jpeg.count) bytes (quality 85, 4:2:0)")
        report("YUYV -> gray + RGB", seconds) { _ = try YUYVConverter.convert(yuyv, width: width, height: height) }
        report("YUYV -> gray", seconds) { _ = try YUYVConverter.gray(yuyv, width: width, height: height) }
        report("MJPEG -> RGB", seconds) { _ = try decoder.rgb(jpeg) }
        report("MJPEG -> gray", seconds) { _ = try decoder.gray(jpeg) }
        report("RGB -> JPEG (still)", seconds) { _ = try encoder.encode(rgb) }
    }

    static func report(_ name: String, _ seconds: Double, _ body: () throws -> Void) {
        var count = 0
        let start = Date()
        do {
            while Date().timeIntervalSince(start) < seconds {
                try body()
                count += 1
            }
        } catch {
            print("\(name): failed: \(error)")
            return
        }
        let elapsed = Date().timeIntervalSince(start)
        let label = name.padding(toLength: 22, withPad: " ", startingAt: 0)
        print(label + String(format: " %8.1f frames/s  (%.2f ms a frame, %d frames)", Double(count) / elapsed, elapsed / Double(count) * 1000, count))
    }

    /// A camera-like frame: gradients and texture, so the JPEG is not trivially small.
    static func syntheticYUYV(width: Int, height: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: width * height * 2)
        for y in 0..<height {
            for x in stride(from: 0, to: width, by: 2) {
                let base = (y * width + x) * 2
                let texture = UInt8(truncatingIfNeeded: (x * 7 + y * 13) ^ (x * y >> 5))
                bytes[base] = UInt8(truncatingIfNeeded: 16 + (x + y) % 220) &+ texture % 16
                bytes[base + 1] = UInt8(truncatingIfNeeded: 128 + (x % 64) - 32)
                bytes[base + 2] = UInt8(truncatingIfNeeded: 16 + (x + 1 + y) % 220) &+ texture % 8
                bytes[base + 3] = UInt8(truncatingIfNeeded: 128 + (y % 64) - 32)
            }
        }
        return bytes
    }
}
