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
}
