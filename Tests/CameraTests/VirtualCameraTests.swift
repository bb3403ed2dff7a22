import Testing
@testable import Camera
import Imaging

@Suite struct VirtualCameraTests {
    @Test func streamsGeneratedFramesThroughTheCameraProtocol() async throws {
        let camera: any Camera = VirtualCamera()
        let format = try await camera.configure(FormatPolicy(preferred: FrameSize(width: 640, height: 480), framesPerSecond: 30))
        #expect(format.format.size == FrameSize(width: 640, height: 480))
        #expect(await camera.details().name.contains("Virtual"))
        var frames: [Frame] = []
        for try await frame in try await camera.frames(bufferCount: 4, frameTimeout: .seconds(2)) {
            frames.append(frame)
            if frames.count == 3 { break }
        }
        await camera.stop()
        // Sequence numbers start at 0 and rise; a test run on a loaded machine may lose one.
        #expect(frames.first?.sequence == 0)
        #expect(zip(frames, frames.dropFirst()).allSatisfy { $1.sequence > $0.sequence })
        let gray = try YUYVConverter.gray(frames[0].bytes, width: 640, height: 480)
        // The oval is brighter than the background around it.
        #expect(gray.pixels[(192 * 640) + 320] == 180)
        #expect(gray.pixels[5 * 640 + 5] < 100)
    }

    /// A photograph in front of the virtual camera: every frame is that picture, scaled to
    /// cover the frame and cut around its middle, and its colours survive the YUYV trip.
    @Test func aStillPhotographIsEveryFrameCoveringTheFrame() async throws {
        // 200×100: wider than 4:3, so its sides are cut; left half dark blue, right half white.
        var pixels = [UInt8](repeating: 0, count: 200 * 100 * 3)
        for y in 0..<100 {
            for x in 0..<200 {
                let i = (y * 200 + x) * 3
                if x < 100 { (pixels[i], pixels[i + 1], pixels[i + 2]) = (20, 40, 160) } else { (pixels[i], pixels[i + 1], pixels[i + 2]) = (255, 255, 255) }
            }
        }
        let camera = VirtualCamera(still: RGBImage(width: 200, height: 100, pixels: pixels))
        #expect(await camera.details().name.contains("still photograph"))
        _ = try await camera.configure(FormatPolicy(preferred: FrameSize(width: 640, height: 480), framesPerSecond: 30))
        var frames: [Frame] = []
        for try await frame in try await camera.frames(bufferCount: 4, frameTimeout: .seconds(2)) {
            frames.append(frame)
            if frames.count == 2 { break }
        }
        await camera.stop()
        #expect(frames[0].bytes == frames[1].bytes)
        let rgb = try YUYVConverter.convert(frames[0].bytes, width: 640, height: 480).rgb
        func pixel(_ x: Int, _ y: Int) -> [Int] { (0..<3).map { Int(rgb.pixels[(y * 640 + x) * 3 + $0]) } }
        // Scaled by 4.8 to 960×480 and cut by 160 on each side: the halves meet in the middle.
        for (x, expected) in [(10, [20, 40, 160]), (310, [20, 40, 160]), (330, [255, 255, 255]), (630, [255, 255, 255])] {
            for (got, want) in zip(pixel(x, 240), expected) { #expect(abs(got - want) <= 6, "x \(x): \(pixel(x, 240)) for \(expected)") }
        }
    }

    @Test(arguments: [(0, 0), (1, 1), (3, 0)])
    func aDegeneratePhotographGivesAGrayFrameNotACrash(_ size: (Int, Int)) {
        let still = RGBImage(width: size.0, height: size.1, pixels: [UInt8](repeating: 90, count: size.0 * size.1 * 3))
        let frame = VirtualCamera.frame(of: still, size: FrameSize(width: 640, height: 480))
        #expect(frame.count == 640 * 480 * 2)
    }
}
