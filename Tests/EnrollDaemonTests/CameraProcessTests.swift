import Foundation
import Testing
import TestSupport

/// The camera path through the real `enrolld` and `enrollctl`: the demo's virtual camera
/// (ENROLLD_VIRTUAL_CAMERA=1, as `make demo` sets it) in `enrollctl devices`, and
/// `enrollctl camera test --save` streaming it through `POST /v1/cameras/test`.
@Suite(.serialized) struct CameraProcessTests {
    @Test func virtualCameraIsListedAndTestedWithAStill() async throws {
        let kiosk = try DaemonProcessTests.Kiosk()
        let daemon = try RunningProcess(BuiltProducts.executable("enrolld"), ["--config", kiosk.config.path], environment: [
            "NOTIFY_SOCKET": kiosk.notify.path, "ENROLLD_VIRTUAL_CAMERA": "1",
        ], folder: kiosk.folder)
        let ready = await kiosk.notify.wait(timeout: .seconds(60)) { $0.contains { $0.hasPrefix("READY=1") } }
        try #require(ready, "no READY=1; stderr: \(daemon.stderr)")
        let enrollctl = try BuiltProducts.executable("enrollctl")

        let (status, devices, _) = try RunningProcess.run(enrollctl, ["devices", "--socket", kiosk.socket], folder: kiosk.folder)
        #expect(status == 0)
        #expect(devices.contains("camera  virtual-camera  Virtual camera (generated images, no hardware)  virtual"), "\(devices)")

        let still = kiosk.folder.appendingPathComponent("still.jpg")
        let (testStatus, output, errors) = try RunningProcess.run(
            enrollctl, ["camera", "test", "--socket", kiosk.socket, "--save", still.path], folder: kiosk.folder)
        #expect(testStatus == 0, "\(output)\(errors)")
        #expect(output.contains("camera:   Virtual camera (generated images, no hardware) (virtual-camera)"), "\(output)")
        #expect(output.contains("format:   640x480 YUYV at 15.0 fps"), "\(output)")
        #expect(output.contains("dropped:  "), "\(output)")
        let rate = output.split(separator: "\n").first { $0.hasPrefix("rate:") }.flatMap { Double($0.split(separator: " ")[1]) } ?? 0
        #expect(rate > 3, "\(output)")
        let jpeg = try Data(contentsOf: still)
        #expect(jpeg.count > 1000 && jpeg.starts(with: [0xFF, 0xD8, 0xFF]))

        let (unknownStatus, _, unknownErrors) = try RunningProcess.run(
            enrollctl, ["camera", "test", "--camera", "no-such-camera", "--socket", kiosk.socket], folder: kiosk.folder)
        #expect(unknownStatus == 1)
        #expect(unknownErrors.contains("No camera with id no-such-camera"), "\(unknownErrors)")
        #expect(!unknownErrors.contains("{"), "the daemon's JSON is not shown raw: \(unknownErrors)")
        // A reader that is not there is said before anyone is asked for a finger.
        let (readerStatus, readerOutput, readerErrors) = try RunningProcess.run(
            enrollctl, ["reader", "test", "--device", "no-such-reader", "--socket", kiosk.socket], folder: kiosk.folder)
        #expect(readerStatus == 1 && readerErrors.contains("No reader with id no-such-reader"), "\(readerErrors)")
        #expect(!readerOutput.contains("Place a finger"), "\(readerOutput)")

        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(10)))
    }
}
