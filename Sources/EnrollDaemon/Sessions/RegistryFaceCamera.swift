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
        let camera = try device.openCamera()
        self.camera = camera
        _ = try await camera.configure(policy)
        let raw = try await camera.frames(bufferCount: 2, frameTimeout: .seconds(3))
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    let decoder = try JPEGDecoder()
                    for try await frame in raw {
                        let image = try frame.rgb(decoder: decoder)
                        continuation.yield(FaceFrame(width: image.width, height: image.height, rgb: image.pixels))
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
}

struct FaceCameraMissing: Error, CustomStringConvertible {
    var description: String { "no camera is attached" }
}
