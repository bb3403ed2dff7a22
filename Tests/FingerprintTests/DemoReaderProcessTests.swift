import EnrollCore
import Foundation
import Imaging
import Testing
import TestSupport

/// `make demo`'s set-up in miniature: the real daemon with libfprint's virtual_image
/// reader, `enrollctl devices`, `enrollctl reader test --save` and `enrollctl demo present`.
@Suite(.serialized) struct DemoReaderProcessTests {
    @Test func demoReaderIsListedAndASyntheticFingerPassesTheSelfTest() async throws {
        let folder = try BuiltProducts.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let notify = try DatagramListener(path: folder.appendingPathComponent("notify").path)
        let config = try TestDaemonConfiguration.write(in: folder, extra: "fingerprint: {finger_timeout_seconds: 20, virtual_image_socket: run/fp.sock}")
        let socket = folder.appendingPathComponent("run/api.sock").path
        let daemon = try RunningProcess(BuiltProducts.executable("enrolld"), ["--config", config.path],
                                        environment: ["NOTIFY_SOCKET": notify.path], folder: folder)
        defer { daemon.signal(SIGTERM) }
        try #require(await notify.wait(timeout: .seconds(60)) { $0.contains { $0.hasPrefix("READY=1") } }, "\(daemon.stderr)")
        #expect(notify.messages.contains { $0.contains("1 reader(s)") })

        let enrollctl = BuiltProducts.executable("enrollctl")
        let devices = try RunningProcess.run(enrollctl, ["devices", "--socket", socket], folder: folder)
        #expect(devices.1.contains("reader  virtual_image:"), "\(devices.1)")
        #expect(devices.1.contains("Virtual image device for debugging  virtual_image  ready"), "\(devices.1)")

        // No operation waits for a finger yet: the demo refuses to present one.
        let early = try RunningProcess.run(enrollctl, ["demo", "present", "--synthetic", "3", "--socket", socket], folder: folder)
        #expect(early.0 == 1 && early.2.contains("409"), "\(early)")

        let saved = folder.appendingPathComponent("finger.png").path
        let test = try RunningProcess(enrollctl, ["reader", "test", "--socket", socket, "--save", saved], folder: folder)
        var presented: (Int32, String, String) = (1, "", "")
        let deadline = ContinuousClock.now + .seconds(10)
        repeat {
            try await Task.sleep(for: .milliseconds(100))
            presented = try RunningProcess.run(enrollctl, ["demo", "present", "--synthetic", "3", "--socket", socket], folder: folder)
        } while presented.0 != 0 && ContinuousClock.now < deadline
        #expect(presented.0 == 0, "\(presented)")
        #expect(await test.waitForExit(timeout: .seconds(15)))
        #expect(test.process.terminationStatus == 0, "\(test.stdout) \(test.stderr)")
        #expect(test.stdout.contains("Image:    300×400 px at 500 ppi"), "\(test.stdout)")
        let minutiae = test.stdout.split(separator: "\n").first { $0.hasPrefix("Minutiae: ") }.flatMap { Int($0.dropFirst(10).prefix { $0.isNumber }) }
        #expect((minutiae ?? 0) >= 12, "\(test.stdout)")

        let image = try PNG.decode(Array(try Data(contentsOf: URL(fileURLWithPath: saved)))).gray()
        #expect(image.pixels == SyntheticFingerprint().image(finger: 3, impression: 0).pixels)
    }
}
