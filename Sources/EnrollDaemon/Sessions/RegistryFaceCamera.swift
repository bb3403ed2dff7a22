import Camera
import EnrollCore
import Imaging

/// The face step's camera: the first camera in the device registry (the virtual one in the
/// demo), opened afresh for each face step and converted to RGB frames.
actor RegistryFaceCamera: FaceCamera {
    let registry: DeviceRegistry
    let policy: FormatPolicy
    private var camera: (any Camera)?

    init(registry: DeviceRegistry, policy: FormatPolicy) {
        self.registry = registry
        self.policy = policy
    }

    func frames() async throws -> AsyncThrowingStream<FaceFrame, any Error> {
        await stop()
        guard let device = await registry.all.first(where: { $0.kind == .camera }) else { throw FaceCameraMissing() }
        let camera: any Camera = device.driver == "virtual" ? VirtualCamera(id: device.id) : try V4L2Camera(node: device.id)
        self.camera = camera
        let format = try await camera.configure(policy).format
        let raw = try await camera.frames(bufferCount: 2, frameTimeout: .seconds(3))
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await frame in raw {
                        continuation.yield(try Self.rgb(frame, format: format))
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    func stop() async {
        await camera?.stop()
        camera = nil
    }

    static func rgb(_ frame: Frame, format: CaptureFormat) throws -> FaceFrame {
        let size = frame.format.size
        let image: RGBImage
        switch frame.format.pixelFormat {
        case .mjpeg, .jpeg: image = try JPEGDecoder().rgb(frame.bytes)
        case .grey:
            let gray = Array(frame.bytes.prefix(size.area))
            image = RGBImage(width: size.width, height: size.height, pixels: gray.flatMap { [$0, $0, $0] })
        default: image = try YUYVConverter.convert(frame.bytes, width: size.width, height: size.height, bytesPerLine: frame.format.bytesPerLine).rgb
        }
        return FaceFrame(width: image.width, height: image.height, rgb: image.pixels)
    }
}

struct FaceCameraMissing: Error, CustomStringConvertible {
    var description: String { "no camera is attached" }
}
