import Camera
import EnrollCore

extension DeviceSummary {
    /// Opens this registry entry's camera afresh, so a re-plugged camera works without a
    /// restart: the demo's generated camera, or V4L2 hardware at the entry's id. The camera
    /// test and the face step both open cameras here.
    func openCamera() throws(V4L2Error) -> any Camera {
        if driver == VirtualCamera.driver { return VirtualCamera(id: id, still: VirtualCameraStill.image) }
        return try V4L2Camera(node: id)
    }
}
