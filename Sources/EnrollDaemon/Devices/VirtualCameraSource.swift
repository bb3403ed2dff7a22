import Camera
import EnrollCore

/// The demo's camera when none is attached: one virtual camera in the registry, so
/// `enrollctl devices` and `enrollctl camera test` work on a machine without hardware.
/// Its id and name say "virtual"; it is used only when `ENROLLD_VIRTUAL_CAMERA=1` (`make
/// demo`), and only when the real source finds no camera at start-up.
struct VirtualCameraSource: DeviceSource {
    static let id = "virtual-camera"
    let name = "virtual-camera"
    /// The real cameras; the virtual one stands in only when this finds none.
    let real: any DeviceSource
    /// Whether it shows a photograph (`ENROLLD_VIRTUAL_CAMERA_IMAGE`) rather than generated images.
    var still = false

    func enumerate() async throws -> [DeviceSummary] {
        guard (try? await real.enumerate())?.isEmpty != false else { return [] }
        return [DeviceSummary(id: Self.id, kind: .camera, name: still ? "Virtual camera (a still photograph, no hardware)" : "Virtual camera (generated images, no hardware)", driver: VirtualCamera.driver, health: .ready)]
    }

    func changes() -> AsyncStream<DeviceChange> {
        AsyncStream { $0.finish() }
    }
}
