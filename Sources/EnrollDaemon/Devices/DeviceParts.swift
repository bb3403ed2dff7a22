import Camera
import ControlAPI
import Devices
import EnrollCore
import Fingerprint
import Logging

/// The readers and cameras as the daemon composes them: libfprint's readers, udev's
/// cameras (plus the demo's virtual camera), one registry over all of them, and the
/// operations the API offers on them.
struct DeviceParts {
    let readers: LibfprintDeviceSource
    let registry: DeviceRegistry
    let readerOperations: FingerprintReaderOperations

    init(configuration: DaemonConfiguration, environment: [String: String]) {
        let fingerprint = configuration.fingerprint
        let virtualSocket = fingerprint.virtualImageSocket.isEmpty ? nil : fingerprint.virtualImageSocket
        readers = LibfprintDeviceSource(
            settings: .init(fingerTimeout: .seconds(fingerprint.fingerTimeoutSeconds), coolDown: .seconds(fingerprint.coolDownSeconds),
                            virtualImageSocket: virtualSocket),
            logger: Logger(label: "enrolld.fingerprint"))
        let cameras = UdevCameraSource(logger: Logger(label: "enrolld.devices"))
        var sources: [any DeviceSource] = [readers, cameras]
        // The demo's stand-in camera, offered only while udev finds no real one.
        if environment["ENROLLD_VIRTUAL_CAMERA"] == "1" {
            sources.append(VirtualCameraSource(real: cameras, still: VirtualCameraStill.image != nil))
            if case .failure(let problem)? = VirtualCameraStill.loaded {
                Logger(label: "enrolld.devices").warning("\(VirtualCameraStill.variable): \(problem); the virtual camera shows generated images")
            }
        }
        registry = DeviceRegistry(sources: sources, logger: Logger(label: "enrolld.devices"))
        readerOperations = FingerprintReaderOperations(source: readers, virtualImageSocket: virtualSocket)
    }

    /// The camera self-test behind `POST /v1/cameras/test`.
    func cameraTests(policy: FormatPolicy) -> CameraTestRunner {
        CameraTestRunner(registry: registry, policy: policy, logger: Logger(label: "enrolld.camera"))
    }

    /// Closes the readers after the service group has stopped.
    func stop() async {
        await readers.stop()
    }
}
